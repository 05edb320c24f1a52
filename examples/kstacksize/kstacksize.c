// SPDX-License-Identifier: GPL-2.0
/*
 * kstacksize() - report the size of the calling task's kernel stack.
 */
#include <linux/syscalls.h>
#include <linux/thread_info.h>

SYSCALL_DEFINE0(kstacksize)
{
	return THREAD_SIZE;
}
