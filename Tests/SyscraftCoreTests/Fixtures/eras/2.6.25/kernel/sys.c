#include <linux/syscalls.h>
#include <linux/kernel.h>

asmlinkage long sys_getpid(void)
{
	return task_tgid_vnr(current);
}
