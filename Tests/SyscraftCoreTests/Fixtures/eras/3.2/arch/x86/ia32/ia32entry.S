/* fixture */
ia32_sys_call_table:
	.quad sys_call0	/* 0 */
	.quad sys_call1
	.quad sys_call2
	.quad sys_call3
	.quad sys_call4
	.quad sys_call5	/* 5 */
	.quad sys_call6
	.quad sys_call7
	.quad sys_call8
	.quad sys_call9
	.quad sys_call10	/* 10 */
	.quad sys_call11
	.quad sys_call12
	.quad sys_call13
	.quad sys_call14
	.quad sys_call15	/* 15 */
	.quad sys_call16
	.quad sys_call17
	.quad sys_call18
	.quad sys_call19
	.quad sys_call20	/* 20 */
	.quad sys_call21
	.quad sys_call22
	.quad sys_call23
	.quad sys_call24
	.quad sys_call25	/* 25 */
	.quad sys_call26
	.quad sys_call27
	.quad sys_call28
	.quad sys_call29
	.quad sys_call30	/* 30 */
	.quad sys_call31
	.quad sys_call32
	.quad sys_call33
	.quad sys_call34
	.quad sys_call35	/* 35 */
	.quad sys_call36
	.quad sys_call37
	.quad sys_call38
	.quad sys_call39
	.quad sys_call40	/* 40 */
	.quad sys_call41
	.quad sys_call42
	.quad sys_call43
	.quad sys_call44
	.quad sys_call45	/* 45 */
	.quad sys_call46
	.quad sys_call47
	.quad sys_call48
	.quad sys_call49
	.quad sys_call50	/* 50 */
	.quad sys_call51
	.quad sys_call52
	.quad sys_call53
	.quad sys_call54
	.quad sys_call55	/* 55 */
	.quad sys_call56
	.quad sys_call57
	.quad sys_call58
	.quad sys_call59
	.quad sys_call60	/* 60 */
	.quad sys_call61
	.quad sys_call62
	.quad sys_call63
	.quad sys_call64
	.quad sys_call65	/* 65 */
	.quad sys_call66
	.quad sys_call67
	.quad sys_call68
	.quad sys_call69
	.quad sys_call70	/* 70 */
	.quad sys_call71
	.quad sys_call72
	.quad sys_call73
	.quad sys_call74
	.quad sys_call75	/* 75 */
	.quad sys_call76
	.quad sys_call77
	.quad sys_call78
	.quad sys_call79
	.quad sys_call80	/* 80 */
	.quad sys_call81
	.quad sys_call82
	.quad sys_call83
	.quad sys_call84
	.quad sys_call85	/* 85 */
	.quad sys_call86
	.quad sys_call87
	.quad sys_call88
	.quad sys_call89
	.quad sys_call90	/* 90 */
	.quad sys_call91
	.quad sys_call92
	.quad sys_call93
	.quad sys_call94
	.quad sys_call95	/* 95 */
	.quad sys_call96
	.quad sys_call97
	.quad sys_call98
	.quad sys_call99
	.quad sys_call100	/* 100 */
	.quad sys_call101
	.quad sys_call102
	.quad sys_call103
	.quad sys_call104
	.quad sys_call105	/* 105 */
	.quad sys_call106
	.quad sys_call107
	.quad sys_call108
	.quad sys_call109
	.quad sys_call110	/* 110 */
	.quad sys_call111
	.quad sys_call112
	.quad sys_call113
	.quad sys_call114
	.quad sys_call115	/* 115 */
	.quad sys_call116
	.quad sys_call117
	.quad sys_call118
	.quad sys_call119
	.quad sys_call120	/* 120 */
	.quad sys_call121
	.quad sys_call122
	.quad sys_call123
	.quad sys_call124
	.quad sys_call125	/* 125 */
	.quad sys_call126
	.quad sys_call127
	.quad sys_call128
	.quad sys_call129
	.quad sys_call130	/* 130 */
	.quad sys_call131
	.quad sys_call132
	.quad sys_call133
	.quad sys_call134
	.quad sys_call135	/* 135 */
	.quad sys_call136
	.quad sys_call137
	.quad sys_call138
	.quad sys_call139
	.quad sys_call140	/* 140 */
	.quad sys_call141
	.quad sys_call142
	.quad sys_call143
	.quad sys_call144
	.quad sys_call145	/* 145 */
	.quad sys_call146
	.quad sys_call147
	.quad sys_call148
	.quad sys_call149
	.quad sys_call150	/* 150 */
	.quad sys_call151
	.quad sys_call152
	.quad sys_call153
	.quad sys_call154
	.quad sys_call155	/* 155 */
	.quad sys_call156
	.quad sys_call157
	.quad sys_call158
	.quad sys_call159
	.quad sys_call160	/* 160 */
	.quad sys_call161
	.quad sys_call162
	.quad sys_call163
	.quad sys_call164
	.quad sys_call165	/* 165 */
	.quad sys_call166
	.quad sys_call167
	.quad sys_call168
	.quad sys_call169
	.quad sys_call170	/* 170 */
	.quad sys_call171
	.quad sys_call172
	.quad sys_call173
	.quad sys_call174
	.quad sys_call175	/* 175 */
	.quad sys_call176
	.quad sys_call177
	.quad sys_call178
	.quad sys_call179
	.quad sys_call180	/* 180 */
	.quad sys_call181
	.quad sys_call182
	.quad sys_call183
	.quad sys_call184
	.quad sys_call185	/* 185 */
	.quad sys_call186
	.quad sys_call187
	.quad sys_call188
	.quad sys_call189
	.quad sys_call190	/* 190 */
	.quad sys_call191
	.quad sys_call192
	.quad sys_call193
	.quad sys_call194
	.quad sys_call195	/* 195 */
	.quad sys_call196
	.quad sys_call197
	.quad sys_call198
	.quad sys_call199
	.quad sys_call200	/* 200 */
	.quad sys_call201
	.quad sys_call202
	.quad sys_call203
	.quad sys_call204
	.quad sys_call205	/* 205 */
	.quad sys_call206
	.quad sys_call207
	.quad sys_call208
	.quad sys_call209
	.quad sys_call210	/* 210 */
	.quad sys_call211
	.quad sys_call212
	.quad sys_call213
	.quad sys_call214
	.quad sys_call215	/* 215 */
	.quad sys_call216
	.quad sys_call217
	.quad sys_call218
	.quad sys_call219
	.quad sys_call220	/* 220 */
	.quad sys_call221
	.quad sys_call222
	.quad sys_call223
	.quad sys_call224
	.quad sys_call225	/* 225 */
	.quad sys_call226
	.quad sys_call227
	.quad sys_call228
	.quad sys_call229
	.quad sys_call230	/* 230 */
	.quad sys_call231
	.quad sys_call232
	.quad sys_call233
	.quad sys_call234
	.quad sys_call235	/* 235 */
	.quad sys_call236
	.quad sys_call237
	.quad sys_call238
	.quad sys_call239
	.quad sys_call240	/* 240 */
	.quad sys_call241
	.quad sys_call242
	.quad sys_call243
	.quad sys_call244
	.quad sys_call245	/* 245 */
	.quad sys_call246
	.quad sys_call247
	.quad sys_call248
	.quad sys_call249
	.quad sys_call250	/* 250 */
	.quad sys_call251
	.quad sys_call252
	.quad sys_call253
	.quad sys_call254
	.quad sys_call255	/* 255 */
	.quad sys_call256
	.quad sys_call257
	.quad sys_call258
	.quad sys_call259
	.quad sys_call260	/* 260 */
	.quad sys_call261
	.quad sys_call262
	.quad sys_call263
	.quad sys_call264
	.quad sys_call265	/* 265 */
	.quad sys_call266
	.quad sys_call267
	.quad sys_call268
	.quad sys_call269
	.quad sys_call270	/* 270 */
	.quad sys_call271
	.quad sys_call272
	.quad sys_call273
	.quad sys_call274
	.quad sys_call275	/* 275 */
	.quad sys_call276
	.quad sys_call277
	.quad sys_call278
	.quad sys_call279
	.quad sys_call280	/* 280 */
	.quad sys_call281
	.quad sys_call282
	.quad sys_call283
	.quad sys_call284
	.quad sys_call285	/* 285 */
	.quad sys_call286
	.quad sys_call287
	.quad sys_call288
	.quad sys_call289
	.quad sys_call290	/* 290 */
	.quad sys_call291
	.quad sys_call292
	.quad sys_call293
	.quad sys_call294
	.quad sys_call295	/* 295 */
	.quad sys_call296
	.quad sys_call297
	.quad sys_call298
	.quad sys_call299
	.quad sys_call300	/* 300 */
	.quad sys_call301
	.quad sys_call302
	.quad sys_call303
	.quad sys_call304
	.quad sys_call305	/* 305 */
	.quad sys_call306
	.quad sys_call307
	.quad sys_call308
	.quad sys_call309
	.quad sys_call310	/* 310 */
	.quad sys_call311
	.quad sys_call312
	.quad sys_call313
	.quad sys_call314
	.quad sys_call315	/* 315 */
	.quad sys_call316
	.quad sys_call317
	.quad sys_call318
	.quad sys_call319
	.quad sys_call320	/* 320 */
	.quad sys_call321
	.quad sys_call322
	.quad sys_call323
	.quad sys_call324
	.quad sys_call325	/* 325 */
	.quad sys_call326
	.quad sys_call327
	.quad sys_call328
	.quad sys_call329
	.quad sys_call330	/* 330 */
	.quad sys_call331
	.quad sys_call332
	.quad sys_call333
	.quad sys_call334
	.quad sys_call335	/* 335 */
	.quad sys_call336
	.quad sys_call337
	.quad sys_call338
	.quad sys_call339
	.quad sys_call340	/* 340 */
	.quad sys_call341
	.quad sys_call342
	.quad sys_call343
	.quad sys_call344
	.quad sys_sendmmsg	/* 345 */
	.quad sys_setns
	.quad compat_sys_process_vm_readv
	.quad compat_sys_process_vm_writev
ia32_syscall_end:
