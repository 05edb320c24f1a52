// SPDX-License-Identifier: GPL-2.0
/*
 * kuptime() - seconds since boot, including time spent suspended.
 *
 * Built only when CONFIG_KUPTIME_SYSCALL is set; otherwise the
 * COND_SYSCALL() stub in kernel/sys_ni.c answers -ENOSYS.
 */
#include <linux/syscalls.h>
#include <linux/timekeeping.h>

SYSCALL_DEFINE0(kuptime)
{
	return ktime_get_boottime_seconds();
}
