#include <linux/syscalls.h>
#include <linux/kernel.h>

SYSCALL_DEFINE0(getpid)
{
	return task_tgid_vnr(current);
}
