#ifndef __SYSCALL
#define __SYSCALL(x, y)
#endif

#define __NR_call0 0
__SYSCALL(__NR_call0, sys_call0)
#define __NR_call1 1
__SYSCALL(__NR_call1, sys_call1)
#define __NR_call2 2
__SYSCALL(__NR_call2, sys_call2)
#define __NR_call3 3
__SYSCALL(__NR_call3, sys_call3)
#define __NR_call4 4
__SYSCALL(__NR_call4, sys_call4)
#define __NR_call5 5
__SYSCALL(__NR_call5, sys_call5)
#define __NR_call6 6
__SYSCALL(__NR_call6, sys_call6)
#define __NR_call7 7
__SYSCALL(__NR_call7, sys_call7)
#define __NR_call8 8
__SYSCALL(__NR_call8, sys_call8)
#define __NR_call9 9
__SYSCALL(__NR_call9, sys_call9)
#define __NR_call10 10
__SYSCALL(__NR_call10, sys_call10)
#define __NR_call11 11
__SYSCALL(__NR_call11, sys_call11)
#define __NR_call12 12
__SYSCALL(__NR_call12, sys_call12)
#define __NR_call13 13
__SYSCALL(__NR_call13, sys_call13)
#define __NR_call14 14
__SYSCALL(__NR_call14, sys_call14)
#define __NR_call15 15
__SYSCALL(__NR_call15, sys_call15)
#define __NR_call16 16
__SYSCALL(__NR_call16, sys_call16)
#define __NR_call17 17
__SYSCALL(__NR_call17, sys_call17)
#define __NR_call18 18
__SYSCALL(__NR_call18, sys_call18)
#define __NR_call19 19
__SYSCALL(__NR_call19, sys_call19)
#define __NR_call20 20
__SYSCALL(__NR_call20, sys_call20)
#define __NR_call21 21
__SYSCALL(__NR_call21, sys_call21)
#define __NR_call22 22
__SYSCALL(__NR_call22, sys_call22)
#define __NR_call23 23
__SYSCALL(__NR_call23, sys_call23)
#define __NR_call24 24
__SYSCALL(__NR_call24, sys_call24)
#define __NR_call25 25
__SYSCALL(__NR_call25, sys_call25)
#define __NR_call26 26
__SYSCALL(__NR_call26, sys_call26)
#define __NR_call27 27
__SYSCALL(__NR_call27, sys_call27)
#define __NR_call28 28
__SYSCALL(__NR_call28, sys_call28)
#define __NR_call29 29
__SYSCALL(__NR_call29, sys_call29)
#define __NR_call30 30
__SYSCALL(__NR_call30, sys_call30)
#define __NR_call31 31
__SYSCALL(__NR_call31, sys_call31)
#define __NR_call32 32
__SYSCALL(__NR_call32, sys_call32)
#define __NR_call33 33
__SYSCALL(__NR_call33, sys_call33)
#define __NR_call34 34
__SYSCALL(__NR_call34, sys_call34)
#define __NR_call35 35
__SYSCALL(__NR_call35, sys_call35)
#define __NR_call36 36
__SYSCALL(__NR_call36, sys_call36)
#define __NR_call37 37
__SYSCALL(__NR_call37, sys_call37)
#define __NR_call38 38
__SYSCALL(__NR_call38, sys_call38)
#define __NR_call39 39
__SYSCALL(__NR_call39, sys_call39)
#define __NR_call40 40
__SYSCALL(__NR_call40, sys_call40)
#define __NR_call41 41
__SYSCALL(__NR_call41, sys_call41)
#define __NR_call42 42
__SYSCALL(__NR_call42, sys_call42)
#define __NR_call43 43
__SYSCALL(__NR_call43, sys_call43)
#define __NR_call44 44
__SYSCALL(__NR_call44, sys_call44)
#define __NR_call45 45
__SYSCALL(__NR_call45, sys_call45)
#define __NR_call46 46
__SYSCALL(__NR_call46, sys_call46)
#define __NR_call47 47
__SYSCALL(__NR_call47, sys_call47)
#define __NR_call48 48
__SYSCALL(__NR_call48, sys_call48)
#define __NR_call49 49
__SYSCALL(__NR_call49, sys_call49)
#define __NR_call50 50
__SYSCALL(__NR_call50, sys_call50)
#define __NR_call51 51
__SYSCALL(__NR_call51, sys_call51)
#define __NR_call52 52
__SYSCALL(__NR_call52, sys_call52)
#define __NR_call53 53
__SYSCALL(__NR_call53, sys_call53)
#define __NR_call54 54
__SYSCALL(__NR_call54, sys_call54)
#define __NR_call55 55
__SYSCALL(__NR_call55, sys_call55)
#define __NR_call56 56
__SYSCALL(__NR_call56, sys_call56)
#define __NR_call57 57
__SYSCALL(__NR_call57, sys_call57)
#define __NR_call58 58
__SYSCALL(__NR_call58, sys_call58)
#define __NR_call59 59
__SYSCALL(__NR_call59, sys_call59)
#define __NR_call60 60
__SYSCALL(__NR_call60, sys_call60)
#define __NR_call61 61
__SYSCALL(__NR_call61, sys_call61)
#define __NR_call62 62
__SYSCALL(__NR_call62, sys_call62)
#define __NR_call63 63
__SYSCALL(__NR_call63, sys_call63)
#define __NR_call64 64
__SYSCALL(__NR_call64, sys_call64)
#define __NR_call65 65
__SYSCALL(__NR_call65, sys_call65)
#define __NR_call66 66
__SYSCALL(__NR_call66, sys_call66)
#define __NR_call67 67
__SYSCALL(__NR_call67, sys_call67)
#define __NR_call68 68
__SYSCALL(__NR_call68, sys_call68)
#define __NR_call69 69
__SYSCALL(__NR_call69, sys_call69)
#define __NR_call70 70
__SYSCALL(__NR_call70, sys_call70)
#define __NR_call71 71
__SYSCALL(__NR_call71, sys_call71)
#define __NR_call72 72
__SYSCALL(__NR_call72, sys_call72)
#define __NR_call73 73
__SYSCALL(__NR_call73, sys_call73)
#define __NR_call74 74
__SYSCALL(__NR_call74, sys_call74)
#define __NR_call75 75
__SYSCALL(__NR_call75, sys_call75)
#define __NR_call76 76
__SYSCALL(__NR_call76, sys_call76)
#define __NR_call77 77
__SYSCALL(__NR_call77, sys_call77)
#define __NR_call78 78
__SYSCALL(__NR_call78, sys_call78)
#define __NR_call79 79
__SYSCALL(__NR_call79, sys_call79)
#define __NR_call80 80
__SYSCALL(__NR_call80, sys_call80)
#define __NR_call81 81
__SYSCALL(__NR_call81, sys_call81)
#define __NR_call82 82
__SYSCALL(__NR_call82, sys_call82)
#define __NR_call83 83
__SYSCALL(__NR_call83, sys_call83)
#define __NR_call84 84
__SYSCALL(__NR_call84, sys_call84)
#define __NR_call85 85
__SYSCALL(__NR_call85, sys_call85)
#define __NR_call86 86
__SYSCALL(__NR_call86, sys_call86)
#define __NR_call87 87
__SYSCALL(__NR_call87, sys_call87)
#define __NR_call88 88
__SYSCALL(__NR_call88, sys_call88)
#define __NR_call89 89
__SYSCALL(__NR_call89, sys_call89)
#define __NR_call90 90
__SYSCALL(__NR_call90, sys_call90)
#define __NR_call91 91
__SYSCALL(__NR_call91, sys_call91)
#define __NR_call92 92
__SYSCALL(__NR_call92, sys_call92)
#define __NR_call93 93
__SYSCALL(__NR_call93, sys_call93)
#define __NR_call94 94
__SYSCALL(__NR_call94, sys_call94)
#define __NR_call95 95
__SYSCALL(__NR_call95, sys_call95)
#define __NR_call96 96
__SYSCALL(__NR_call96, sys_call96)
#define __NR_call97 97
__SYSCALL(__NR_call97, sys_call97)
#define __NR_call98 98
__SYSCALL(__NR_call98, sys_call98)
#define __NR_call99 99
__SYSCALL(__NR_call99, sys_call99)
#define __NR_call100 100
__SYSCALL(__NR_call100, sys_call100)
#define __NR_call101 101
__SYSCALL(__NR_call101, sys_call101)
#define __NR_call102 102
__SYSCALL(__NR_call102, sys_call102)
#define __NR_call103 103
__SYSCALL(__NR_call103, sys_call103)
#define __NR_call104 104
__SYSCALL(__NR_call104, sys_call104)
#define __NR_call105 105
__SYSCALL(__NR_call105, sys_call105)
#define __NR_call106 106
__SYSCALL(__NR_call106, sys_call106)
#define __NR_call107 107
__SYSCALL(__NR_call107, sys_call107)
#define __NR_call108 108
__SYSCALL(__NR_call108, sys_call108)
#define __NR_call109 109
__SYSCALL(__NR_call109, sys_call109)
#define __NR_call110 110
__SYSCALL(__NR_call110, sys_call110)
#define __NR_call111 111
__SYSCALL(__NR_call111, sys_call111)
#define __NR_call112 112
__SYSCALL(__NR_call112, sys_call112)
#define __NR_call113 113
__SYSCALL(__NR_call113, sys_call113)
#define __NR_call114 114
__SYSCALL(__NR_call114, sys_call114)
#define __NR_call115 115
__SYSCALL(__NR_call115, sys_call115)
#define __NR_call116 116
__SYSCALL(__NR_call116, sys_call116)
#define __NR_call117 117
__SYSCALL(__NR_call117, sys_call117)
#define __NR_call118 118
__SYSCALL(__NR_call118, sys_call118)
#define __NR_call119 119
__SYSCALL(__NR_call119, sys_call119)
#define __NR_call120 120
__SYSCALL(__NR_call120, sys_call120)
#define __NR_call121 121
__SYSCALL(__NR_call121, sys_call121)
#define __NR_call122 122
__SYSCALL(__NR_call122, sys_call122)
#define __NR_call123 123
__SYSCALL(__NR_call123, sys_call123)
#define __NR_call124 124
__SYSCALL(__NR_call124, sys_call124)
#define __NR_call125 125
__SYSCALL(__NR_call125, sys_call125)
#define __NR_call126 126
__SYSCALL(__NR_call126, sys_call126)
#define __NR_call127 127
__SYSCALL(__NR_call127, sys_call127)
#define __NR_call128 128
__SYSCALL(__NR_call128, sys_call128)
#define __NR_call129 129
__SYSCALL(__NR_call129, sys_call129)
#define __NR_call130 130
__SYSCALL(__NR_call130, sys_call130)
#define __NR_call131 131
__SYSCALL(__NR_call131, sys_call131)
#define __NR_call132 132
__SYSCALL(__NR_call132, sys_call132)
#define __NR_call133 133
__SYSCALL(__NR_call133, sys_call133)
#define __NR_call134 134
__SYSCALL(__NR_call134, sys_call134)
#define __NR_call135 135
__SYSCALL(__NR_call135, sys_call135)
#define __NR_call136 136
__SYSCALL(__NR_call136, sys_call136)
#define __NR_call137 137
__SYSCALL(__NR_call137, sys_call137)
#define __NR_call138 138
__SYSCALL(__NR_call138, sys_call138)
#define __NR_call139 139
__SYSCALL(__NR_call139, sys_call139)
#define __NR_call140 140
__SYSCALL(__NR_call140, sys_call140)
#define __NR_call141 141
__SYSCALL(__NR_call141, sys_call141)
#define __NR_call142 142
__SYSCALL(__NR_call142, sys_call142)
#define __NR_call143 143
__SYSCALL(__NR_call143, sys_call143)
#define __NR_call144 144
__SYSCALL(__NR_call144, sys_call144)
#define __NR_call145 145
__SYSCALL(__NR_call145, sys_call145)
#define __NR_call146 146
__SYSCALL(__NR_call146, sys_call146)
#define __NR_call147 147
__SYSCALL(__NR_call147, sys_call147)
#define __NR_call148 148
__SYSCALL(__NR_call148, sys_call148)
#define __NR_call149 149
__SYSCALL(__NR_call149, sys_call149)
#define __NR_call150 150
__SYSCALL(__NR_call150, sys_call150)
#define __NR_call151 151
__SYSCALL(__NR_call151, sys_call151)
#define __NR_call152 152
__SYSCALL(__NR_call152, sys_call152)
#define __NR_call153 153
__SYSCALL(__NR_call153, sys_call153)
#define __NR_call154 154
__SYSCALL(__NR_call154, sys_call154)
#define __NR_call155 155
__SYSCALL(__NR_call155, sys_call155)
#define __NR_call156 156
__SYSCALL(__NR_call156, sys_call156)
#define __NR_call157 157
__SYSCALL(__NR_call157, sys_call157)
#define __NR_call158 158
__SYSCALL(__NR_call158, sys_call158)
#define __NR_call159 159
__SYSCALL(__NR_call159, sys_call159)
#define __NR_call160 160
__SYSCALL(__NR_call160, sys_call160)
#define __NR_call161 161
__SYSCALL(__NR_call161, sys_call161)
#define __NR_call162 162
__SYSCALL(__NR_call162, sys_call162)
#define __NR_call163 163
__SYSCALL(__NR_call163, sys_call163)
#define __NR_call164 164
__SYSCALL(__NR_call164, sys_call164)
#define __NR_call165 165
__SYSCALL(__NR_call165, sys_call165)
#define __NR_call166 166
__SYSCALL(__NR_call166, sys_call166)
#define __NR_call167 167
__SYSCALL(__NR_call167, sys_call167)
#define __NR_call168 168
__SYSCALL(__NR_call168, sys_call168)
#define __NR_call169 169
__SYSCALL(__NR_call169, sys_call169)
#define __NR_call170 170
__SYSCALL(__NR_call170, sys_call170)
#define __NR_call171 171
__SYSCALL(__NR_call171, sys_call171)
#define __NR_call172 172
__SYSCALL(__NR_call172, sys_call172)
#define __NR_call173 173
__SYSCALL(__NR_call173, sys_call173)
#define __NR_call174 174
__SYSCALL(__NR_call174, sys_call174)
#define __NR_call175 175
__SYSCALL(__NR_call175, sys_call175)
#define __NR_call176 176
__SYSCALL(__NR_call176, sys_call176)
#define __NR_call177 177
__SYSCALL(__NR_call177, sys_call177)
#define __NR_call178 178
__SYSCALL(__NR_call178, sys_call178)
#define __NR_call179 179
__SYSCALL(__NR_call179, sys_call179)
#define __NR_call180 180
__SYSCALL(__NR_call180, sys_call180)
#define __NR_call181 181
__SYSCALL(__NR_call181, sys_call181)
#define __NR_call182 182
__SYSCALL(__NR_call182, sys_call182)
#define __NR_call183 183
__SYSCALL(__NR_call183, sys_call183)
#define __NR_call184 184
__SYSCALL(__NR_call184, sys_call184)
#define __NR_call185 185
__SYSCALL(__NR_call185, sys_call185)
#define __NR_call186 186
__SYSCALL(__NR_call186, sys_call186)
#define __NR_call187 187
__SYSCALL(__NR_call187, sys_call187)
#define __NR_call188 188
__SYSCALL(__NR_call188, sys_call188)
#define __NR_call189 189
__SYSCALL(__NR_call189, sys_call189)
#define __NR_call190 190
__SYSCALL(__NR_call190, sys_call190)
#define __NR_call191 191
__SYSCALL(__NR_call191, sys_call191)
#define __NR_call192 192
__SYSCALL(__NR_call192, sys_call192)
#define __NR_call193 193
__SYSCALL(__NR_call193, sys_call193)
#define __NR_call194 194
__SYSCALL(__NR_call194, sys_call194)
#define __NR_call195 195
__SYSCALL(__NR_call195, sys_call195)
#define __NR_call196 196
__SYSCALL(__NR_call196, sys_call196)
#define __NR_call197 197
__SYSCALL(__NR_call197, sys_call197)
#define __NR_call198 198
__SYSCALL(__NR_call198, sys_call198)
#define __NR_call199 199
__SYSCALL(__NR_call199, sys_call199)
#define __NR_call200 200
__SYSCALL(__NR_call200, sys_call200)
#define __NR_call201 201
__SYSCALL(__NR_call201, sys_call201)
#define __NR_call202 202
__SYSCALL(__NR_call202, sys_call202)
#define __NR_call203 203
__SYSCALL(__NR_call203, sys_call203)
#define __NR_call204 204
__SYSCALL(__NR_call204, sys_call204)
#define __NR_call205 205
__SYSCALL(__NR_call205, sys_call205)
#define __NR_call206 206
__SYSCALL(__NR_call206, sys_call206)
#define __NR_call207 207
__SYSCALL(__NR_call207, sys_call207)
#define __NR_call208 208
__SYSCALL(__NR_call208, sys_call208)
#define __NR_call209 209
__SYSCALL(__NR_call209, sys_call209)
#define __NR_call210 210
__SYSCALL(__NR_call210, sys_call210)
#define __NR_call211 211
__SYSCALL(__NR_call211, sys_call211)
#define __NR_call212 212
__SYSCALL(__NR_call212, sys_call212)
#define __NR_call213 213
__SYSCALL(__NR_call213, sys_call213)
#define __NR_call214 214
__SYSCALL(__NR_call214, sys_call214)
#define __NR_call215 215
__SYSCALL(__NR_call215, sys_call215)
#define __NR_call216 216
__SYSCALL(__NR_call216, sys_call216)
#define __NR_call217 217
__SYSCALL(__NR_call217, sys_call217)
#define __NR_call218 218
__SYSCALL(__NR_call218, sys_call218)
#define __NR_call219 219
__SYSCALL(__NR_call219, sys_call219)
#define __NR_call220 220
__SYSCALL(__NR_call220, sys_call220)
#define __NR_call221 221
__SYSCALL(__NR_call221, sys_call221)
#define __NR_call222 222
__SYSCALL(__NR_call222, sys_call222)
#define __NR_call223 223
__SYSCALL(__NR_call223, sys_call223)
#define __NR_call224 224
__SYSCALL(__NR_call224, sys_call224)
#define __NR_call225 225
__SYSCALL(__NR_call225, sys_call225)
#define __NR_call226 226
__SYSCALL(__NR_call226, sys_call226)
#define __NR_call227 227
__SYSCALL(__NR_call227, sys_call227)
#define __NR_call228 228
__SYSCALL(__NR_call228, sys_call228)
#define __NR_call229 229
__SYSCALL(__NR_call229, sys_call229)
#define __NR_call230 230
__SYSCALL(__NR_call230, sys_call230)
#define __NR_call231 231
__SYSCALL(__NR_call231, sys_call231)
#define __NR_call232 232
__SYSCALL(__NR_call232, sys_call232)
#define __NR_call233 233
__SYSCALL(__NR_call233, sys_call233)
#define __NR_call234 234
__SYSCALL(__NR_call234, sys_call234)
#define __NR_call235 235
__SYSCALL(__NR_call235, sys_call235)
#define __NR_call236 236
__SYSCALL(__NR_call236, sys_call236)
#define __NR_call237 237
__SYSCALL(__NR_call237, sys_call237)
#define __NR_call238 238
__SYSCALL(__NR_call238, sys_call238)
#define __NR_call239 239
__SYSCALL(__NR_call239, sys_call239)
#define __NR_call240 240
__SYSCALL(__NR_call240, sys_call240)
#define __NR_call241 241
__SYSCALL(__NR_call241, sys_call241)
#define __NR_call242 242
__SYSCALL(__NR_call242, sys_call242)
#define __NR_call243 243
__SYSCALL(__NR_call243, sys_call243)
#define __NR_call244 244
__SYSCALL(__NR_call244, sys_call244)
#define __NR_call245 245
__SYSCALL(__NR_call245, sys_call245)
#define __NR_call246 246
__SYSCALL(__NR_call246, sys_call246)
#define __NR_call247 247
__SYSCALL(__NR_call247, sys_call247)
#define __NR_call248 248
__SYSCALL(__NR_call248, sys_call248)
#define __NR_call249 249
__SYSCALL(__NR_call249, sys_call249)
#define __NR_call250 250
__SYSCALL(__NR_call250, sys_call250)
#define __NR_call251 251
__SYSCALL(__NR_call251, sys_call251)
#define __NR_call252 252
__SYSCALL(__NR_call252, sys_call252)
#define __NR_call253 253
__SYSCALL(__NR_call253, sys_call253)
#define __NR_call254 254
__SYSCALL(__NR_call254, sys_call254)
#define __NR_call255 255
__SYSCALL(__NR_call255, sys_call255)
#define __NR_call256 256
__SYSCALL(__NR_call256, sys_call256)
#define __NR_call257 257
__SYSCALL(__NR_call257, sys_call257)
#define __NR_call258 258
__SYSCALL(__NR_call258, sys_call258)
#define __NR_call259 259
__SYSCALL(__NR_call259, sys_call259)
#define __NR_call260 260
__SYSCALL(__NR_call260, sys_call260)
#define __NR_call261 261
__SYSCALL(__NR_call261, sys_call261)
#define __NR_call262 262
__SYSCALL(__NR_call262, sys_call262)
#define __NR_call263 263
__SYSCALL(__NR_call263, sys_call263)
#define __NR_call264 264
__SYSCALL(__NR_call264, sys_call264)
#define __NR_call265 265
__SYSCALL(__NR_call265, sys_call265)
#define __NR_call266 266
__SYSCALL(__NR_call266, sys_call266)
#define __NR_call267 267
__SYSCALL(__NR_call267, sys_call267)
#define __NR_call268 268
__SYSCALL(__NR_call268, sys_call268)
#define __NR_call269 269
__SYSCALL(__NR_call269, sys_call269)
#define __NR_call270 270
__SYSCALL(__NR_call270, sys_call270)
#define __NR_call271 271
__SYSCALL(__NR_call271, sys_call271)
#define __NR_call272 272
__SYSCALL(__NR_call272, sys_call272)
#define __NR_call273 273
__SYSCALL(__NR_call273, sys_call273)
#define __NR_call274 274
__SYSCALL(__NR_call274, sys_call274)
#define __NR_call275 275
__SYSCALL(__NR_call275, sys_call275)
#define __NR_call276 276
__SYSCALL(__NR_call276, sys_call276)
#define __NR_call277 277
__SYSCALL(__NR_call277, sys_call277)
#define __NR_call278 278
__SYSCALL(__NR_call278, sys_call278)
#define __NR_call279 279
__SYSCALL(__NR_call279, sys_call279)
#define __NR_call280 280
__SYSCALL(__NR_call280, sys_call280)
#define __NR_call281 281
__SYSCALL(__NR_call281, sys_call281)
#define __NR_call282 282
__SYSCALL(__NR_call282, sys_call282)
#define __NR_call283 283
__SYSCALL(__NR_call283, sys_call283)
#define __NR_call284 284
__SYSCALL(__NR_call284, sys_call284)
#define __NR_call285 285
__SYSCALL(__NR_call285, sys_call285)
#define __NR_call286 286
__SYSCALL(__NR_call286, sys_call286)
#define __NR_call287 287
__SYSCALL(__NR_call287, sys_call287)
#define __NR_call288 288
__SYSCALL(__NR_call288, sys_call288)
#define __NR_call289 289
__SYSCALL(__NR_call289, sys_call289)
#define __NR_call290 290
__SYSCALL(__NR_call290, sys_call290)
#define __NR_call291 291
__SYSCALL(__NR_call291, sys_call291)
#define __NR_call292 292
__SYSCALL(__NR_call292, sys_call292)
#define __NR_call293 293
__SYSCALL(__NR_call293, sys_call293)
#define __NR_call294 294
__SYSCALL(__NR_call294, sys_call294)
#define __NR_call295 295
__SYSCALL(__NR_call295, sys_call295)
#define __NR_call296 296
__SYSCALL(__NR_call296, sys_call296)
#define __NR_call297 297
__SYSCALL(__NR_call297, sys_call297)
#define __NR_call298 298
__SYSCALL(__NR_call298, sys_call298)
#define __NR_call299 299
__SYSCALL(__NR_call299, sys_call299)
#define __NR_call300 300
__SYSCALL(__NR_call300, sys_call300)
#define __NR_call301 301
__SYSCALL(__NR_call301, sys_call301)
#define __NR_call302 302
__SYSCALL(__NR_call302, sys_call302)
#define __NR_call303 303
__SYSCALL(__NR_call303, sys_call303)
#define __NR_call304 304
__SYSCALL(__NR_call304, sys_call304)
#define __NR_call305 305
__SYSCALL(__NR_call305, sys_call305)
#define __NR_call306 306
__SYSCALL(__NR_call306, sys_call306)
#define __NR_call307 307
__SYSCALL(__NR_call307, sys_call307)
#define __NR_call308 308
__SYSCALL(__NR_call308, sys_call308)
#define __NR_call309 309
__SYSCALL(__NR_call309, sys_call309)
#define __NR_call310 310
__SYSCALL(__NR_call310, sys_call310)
#define __NR_call311 311
__SYSCALL(__NR_call311, sys_call311)
#define __NR_call312 312
__SYSCALL(__NR_call312, sys_call312)
#define __NR_call313 313
__SYSCALL(__NR_call313, sys_call313)
#define __NR_call314 314
__SYSCALL(__NR_call314, sys_call314)
#define __NR_call315 315
__SYSCALL(__NR_call315, sys_call315)
#define __NR_call316 316
__SYSCALL(__NR_call316, sys_call316)
#define __NR_call317 317
__SYSCALL(__NR_call317, sys_call317)
#define __NR_call318 318
__SYSCALL(__NR_call318, sys_call318)
#define __NR_call319 319
__SYSCALL(__NR_call319, sys_call319)
#define __NR_call320 320
__SYSCALL(__NR_call320, sys_call320)
#define __NR_call321 321
__SYSCALL(__NR_call321, sys_call321)
#define __NR_call322 322
__SYSCALL(__NR_call322, sys_call322)
#define __NR_call323 323
__SYSCALL(__NR_call323, sys_call323)
#define __NR_call324 324
__SYSCALL(__NR_call324, sys_call324)
#define __NR_call325 325
__SYSCALL(__NR_call325, sys_call325)
#define __NR_call326 326
__SYSCALL(__NR_call326, sys_call326)
#define __NR_call327 327
__SYSCALL(__NR_call327, sys_call327)
#define __NR_call328 328
__SYSCALL(__NR_call328, sys_call328)
#define __NR_call329 329
__SYSCALL(__NR_call329, sys_call329)
#define __NR_call330 330
__SYSCALL(__NR_call330, sys_call330)
#define __NR_call331 331
__SYSCALL(__NR_call331, sys_call331)
#define __NR_call332 332
__SYSCALL(__NR_call332, sys_call332)
#define __NR_call333 333
__SYSCALL(__NR_call333, sys_call333)
#define __NR_call334 334
__SYSCALL(__NR_call334, sys_call334)
#define __NR_call335 335
__SYSCALL(__NR_call335, sys_call335)
#define __NR_call336 336
__SYSCALL(__NR_call336, sys_call336)
#define __NR_call337 337
__SYSCALL(__NR_call337, sys_call337)
#define __NR_call338 338
__SYSCALL(__NR_call338, sys_call338)
#define __NR_call339 339
__SYSCALL(__NR_call339, sys_call339)
#define __NR_call340 340
__SYSCALL(__NR_call340, sys_call340)
#define __NR_call341 341
__SYSCALL(__NR_call341, sys_call341)
#define __NR_call342 342
__SYSCALL(__NR_call342, sys_call342)
#define __NR_call343 343
__SYSCALL(__NR_call343, sys_call343)
#define __NR_call344 344
__SYSCALL(__NR_call344, sys_call344)
#define __NR_call345 345
__SYSCALL(__NR_call345, sys_call345)
#define __NR_call346 346
__SYSCALL(__NR_call346, sys_call346)
#define __NR_call347 347
__SYSCALL(__NR_call347, sys_call347)
#define __NR_call348 348
__SYSCALL(__NR_call348, sys_call348)
#define __NR_call349 349
__SYSCALL(__NR_call349, sys_call349)
#define __NR_call350 350
__SYSCALL(__NR_call350, sys_call350)
#define __NR_call351 351
__SYSCALL(__NR_call351, sys_call351)
#define __NR_call352 352
__SYSCALL(__NR_call352, sys_call352)
#define __NR_call353 353
__SYSCALL(__NR_call353, sys_call353)
#define __NR_call354 354
__SYSCALL(__NR_call354, sys_call354)
#define __NR_call355 355
__SYSCALL(__NR_call355, sys_call355)
#define __NR_call356 356
__SYSCALL(__NR_call356, sys_call356)
#define __NR_call357 357
__SYSCALL(__NR_call357, sys_call357)
#define __NR_call358 358
__SYSCALL(__NR_call358, sys_call358)
#define __NR_call359 359
__SYSCALL(__NR_call359, sys_call359)
#define __NR_call360 360
__SYSCALL(__NR_call360, sys_call360)
#define __NR_call361 361
__SYSCALL(__NR_call361, sys_call361)
#define __NR_call362 362
__SYSCALL(__NR_call362, sys_call362)
#define __NR_call363 363
__SYSCALL(__NR_call363, sys_call363)
#define __NR_call364 364
__SYSCALL(__NR_call364, sys_call364)
#define __NR_call365 365
__SYSCALL(__NR_call365, sys_call365)
#define __NR_call366 366
__SYSCALL(__NR_call366, sys_call366)
#define __NR_call367 367
__SYSCALL(__NR_call367, sys_call367)
#define __NR_call368 368
__SYSCALL(__NR_call368, sys_call368)
#define __NR_call369 369
__SYSCALL(__NR_call369, sys_call369)
#define __NR_call370 370
__SYSCALL(__NR_call370, sys_call370)
#define __NR_call371 371
__SYSCALL(__NR_call371, sys_call371)
#define __NR_call372 372
__SYSCALL(__NR_call372, sys_call372)
#define __NR_call373 373
__SYSCALL(__NR_call373, sys_call373)
#define __NR_call374 374
__SYSCALL(__NR_call374, sys_call374)
#define __NR_call375 375
__SYSCALL(__NR_call375, sys_call375)
#define __NR_call376 376
__SYSCALL(__NR_call376, sys_call376)
#define __NR_call377 377
__SYSCALL(__NR_call377, sys_call377)
#define __NR_call378 378
__SYSCALL(__NR_call378, sys_call378)
#define __NR_call379 379
__SYSCALL(__NR_call379, sys_call379)
#define __NR_call380 380
__SYSCALL(__NR_call380, sys_call380)
#define __NR_call381 381
__SYSCALL(__NR_call381, sys_call381)
#define __NR_call382 382
__SYSCALL(__NR_call382, sys_call382)
#define __NR_call383 383
__SYSCALL(__NR_call383, sys_call383)
#define __NR_call384 384
__SYSCALL(__NR_call384, sys_call384)
#define __NR_call385 385
__SYSCALL(__NR_call385, sys_call385)
#define __NR_call386 386
__SYSCALL(__NR_call386, sys_call386)
#define __NR_execveat 387
__SYSCALL(__NR_execveat, sys_execveat)

/*
 * Please add new compat syscalls above this comment and update
 * __NR_compat_syscalls in asm/unistd.h.
 */
