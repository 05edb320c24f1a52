#include "syscraft_shims.h"
#include <errno.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

int syscraft_become_child_subreaper(void) {
#ifdef __linux__
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}

unsigned long long syscraft_rdtsc(void)
{
#if defined(__x86_64__) || defined(__i386__)
	return __builtin_ia32_rdtsc();
#else
	return 0;
#endif
}
