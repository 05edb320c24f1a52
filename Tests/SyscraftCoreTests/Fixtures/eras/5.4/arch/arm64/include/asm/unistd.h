#ifdef CONFIG_COMPAT
#define __ARCH_WANT_COMPAT_STAT64

#define __NR_compat_exit		1
#define __NR_compat_syscalls		436
#endif

#define __ARCH_WANT_SYS_CLONE
#include <uapi/asm/unistd.h>
