/* fixture */
.section .rodata,"a"
ENTRY(sys_call_table)
	.long sys_call0	/* 0 */
	.long sys_call1
	.long sys_call2
	.long sys_call3
	.long sys_call4
	.long sys_call5	/* 5 */
	.long sys_call6
	.long sys_call7
	.long sys_call8
	.long sys_call9
	.long sys_call10	/* 10 */
	.long sys_call11
	.long sys_call12
	.long sys_call13
	.long sys_call14
	.long sys_call15	/* 15 */
	.long sys_call16
	.long sys_call17
	.long sys_call18
	.long sys_call19
	.long sys_call20	/* 20 */
	.long sys_call21
	.long sys_call22
	.long sys_call23
	.long sys_call24
	.long sys_call25	/* 25 */
	.long sys_call26
	.long sys_call27
	.long sys_call28
	.long sys_call29
	.long sys_call30	/* 30 */
	.long sys_call31
	.long sys_call32
	.long sys_call33
	.long sys_call34
	.long sys_call35	/* 35 */
	.long sys_call36
	.long sys_call37
	.long sys_call38
	.long sys_call39
	.long sys_call40	/* 40 */
	.long sys_call41
	.long sys_call42
	.long sys_call43
	.long sys_call44
	.long sys_call45	/* 45 */
	.long sys_call46
	.long sys_call47
	.long sys_call48
	.long sys_call49
	.long sys_call50	/* 50 */
	.long sys_call51
	.long sys_call52
	.long sys_call53
	.long sys_call54
	.long sys_call55	/* 55 */
	.long sys_call56
	.long sys_call57
	.long sys_call58
	.long sys_call59
	.long sys_call60	/* 60 */
	.long sys_call61
	.long sys_call62
	.long sys_call63
	.long sys_call64
	.long sys_call65	/* 65 */
	.long sys_call66
	.long sys_call67
	.long sys_call68
	.long sys_call69
	.long sys_call70	/* 70 */
	.long sys_call71
	.long sys_call72
	.long sys_call73
	.long sys_call74
	.long sys_call75	/* 75 */
	.long sys_call76
	.long sys_call77
	.long sys_call78
	.long sys_call79
	.long sys_call80	/* 80 */
	.long sys_call81
	.long sys_call82
	.long sys_call83
	.long sys_call84
	.long sys_call85	/* 85 */
	.long sys_call86
	.long sys_call87
	.long sys_call88
	.long sys_call89
	.long sys_call90	/* 90 */
	.long sys_call91
	.long sys_call92
	.long sys_call93
	.long sys_call94
	.long sys_call95	/* 95 */
	.long sys_call96
	.long sys_call97
	.long sys_call98
	.long sys_call99
	.long sys_call100	/* 100 */
	.long sys_call101
	.long sys_call102
	.long sys_call103
	.long sys_call104
	.long sys_call105	/* 105 */
	.long sys_call106
	.long sys_call107
	.long sys_call108
	.long sys_call109
	.long sys_call110	/* 110 */
	.long sys_call111
	.long sys_call112
	.long sys_call113
	.long sys_call114
	.long sys_call115	/* 115 */
	.long sys_call116
	.long sys_call117
	.long sys_call118
	.long sys_call119
	.long sys_call120	/* 120 */
	.long sys_call121
	.long sys_call122
	.long sys_call123
	.long sys_call124
	.long sys_call125	/* 125 */
	.long sys_call126
	.long sys_call127
	.long sys_call128
	.long sys_call129
	.long sys_call130	/* 130 */
	.long sys_call131
	.long sys_call132
	.long sys_call133
	.long sys_call134
	.long sys_call135	/* 135 */
	.long sys_call136
	.long sys_call137
	.long sys_call138
	.long sys_call139
	.long sys_call140	/* 140 */
	.long sys_call141
	.long sys_call142
	.long sys_call143
	.long sys_call144
	.long sys_call145	/* 145 */
	.long sys_call146
	.long sys_call147
	.long sys_call148
	.long sys_call149
	.long sys_call150	/* 150 */
	.long sys_call151
	.long sys_call152
	.long sys_call153
	.long sys_call154
	.long sys_call155	/* 155 */
	.long sys_call156
	.long sys_call157
	.long sys_call158
	.long sys_call159
	.long sys_call160	/* 160 */
	.long sys_call161
	.long sys_call162
	.long sys_call163
	.long sys_call164
	.long sys_call165	/* 165 */
	.long sys_call166
	.long sys_call167
	.long sys_call168
	.long sys_call169
	.long sys_call170	/* 170 */
	.long sys_call171
	.long sys_call172
	.long sys_call173
	.long sys_call174
	.long sys_call175	/* 175 */
	.long sys_call176
	.long sys_call177
	.long sys_call178
	.long sys_call179
	.long sys_call180	/* 180 */
	.long sys_call181
	.long sys_call182
	.long sys_call183
	.long sys_call184
	.long sys_call185	/* 185 */
	.long sys_call186
	.long sys_call187
	.long sys_call188
	.long sys_call189
	.long sys_call190	/* 190 */
	.long sys_call191
	.long sys_call192
	.long sys_call193
	.long sys_call194
	.long sys_call195	/* 195 */
	.long sys_call196
	.long sys_call197
	.long sys_call198
	.long sys_call199
	.long sys_call200	/* 200 */
	.long sys_call201
	.long sys_call202
	.long sys_call203
	.long sys_call204
	.long sys_call205	/* 205 */
	.long sys_call206
	.long sys_call207
	.long sys_call208
	.long sys_call209
	.long sys_call210	/* 210 */
	.long sys_call211
	.long sys_call212
	.long sys_call213
	.long sys_call214
	.long sys_call215	/* 215 */
	.long sys_call216
	.long sys_call217
	.long sys_call218
	.long sys_call219
	.long sys_call220	/* 220 */
	.long sys_call221
	.long sys_call222
	.long sys_call223
	.long sys_call224
	.long sys_call225	/* 225 */
	.long sys_call226
	.long sys_call227
	.long sys_call228
	.long sys_call229
	.long sys_call230	/* 230 */
	.long sys_call231
	.long sys_call232
	.long sys_call233
	.long sys_call234
	.long sys_call235	/* 235 */
	.long sys_call236
	.long sys_call237
	.long sys_call238
	.long sys_call239
	.long sys_call240	/* 240 */
	.long sys_call241
	.long sys_call242
	.long sys_call243
	.long sys_call244
	.long sys_call245	/* 245 */
	.long sys_call246
	.long sys_call247
	.long sys_call248
	.long sys_call249
	.long sys_call250	/* 250 */
	.long sys_call251
	.long sys_call252
	.long sys_call253
	.long sys_call254
	.long sys_call255	/* 255 */
	.long sys_call256
	.long sys_call257
	.long sys_call258
	.long sys_call259
	.long sys_call260	/* 260 */
	.long sys_call261
	.long sys_call262
	.long sys_call263
	.long sys_call264
	.long sys_call265	/* 265 */
	.long sys_call266
	.long sys_call267
	.long sys_call268
	.long sys_call269
	.long sys_call270	/* 270 */
	.long sys_call271
	.long sys_call272
	.long sys_call273
	.long sys_call274
	.long sys_call275	/* 275 */
	.long sys_call276
	.long sys_call277
	.long sys_call278
	.long sys_call279
	.long sys_call280	/* 280 */
	.long sys_call281
	.long sys_call282
	.long sys_call283
	.long sys_call284
	.long sys_call285	/* 285 */
	.long sys_call286
	.long sys_call287
	.long sys_call288
	.long sys_call289
	.long sys_call290	/* 290 */
	.long sys_call291
	.long sys_call292
	.long sys_call293
	.long sys_call294
	.long sys_call295	/* 295 */
	.long sys_call296
	.long sys_call297
	.long sys_call298
	.long sys_call299
	.long sys_call300	/* 300 */
	.long sys_call301
	.long sys_call302
	.long sys_call303
	.long sys_call304
	.long sys_call305	/* 305 */
	.long sys_call306
	.long sys_call307
	.long sys_call308
	.long sys_call309
	.long sys_call310	/* 310 */
	.long sys_call311
	.long sys_call312
	.long sys_call313
	.long sys_call314
	.long sys_call315	/* 315 */
	.long sys_call316
	.long sys_call317
	.long sys_call318
	.long sys_call319
	.long sys_utimensat	/* 320 */
	.long sys_signalfd
	.long sys_timerfd_create
	.long sys_eventfd
	.long sys_fallocate
	.long sys_timerfd_settime	/* 325 */
	.long sys_timerfd_gettime
