#include <linux/linkage.h>

asmlinkage long sys_ni_syscall(void)
{
	return -ENOSYS;
}

cond_syscall(sys_nfsservctl);
cond_syscall(sys_statx);
cond_syscall(sys_quotactl);
