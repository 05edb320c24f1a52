// SPDX-License-Identifier: GPL-2.0
/*
 * kinfo() - copy a few kernel constants to user space.
 *
 * The structure holds only fixed-size 64-bit fields, so 32-bit callers
 * see the same layout and no compat entry point is needed.
 */
#include <linux/jiffies.h>
#include <linux/syscalls.h>
#include <linux/thread_info.h>
#include <linux/uaccess.h>

struct kinfo {
	__u64 thread_size;
	__u64 page_size;
	__u64 hz;
};

SYSCALL_DEFINE1(kinfo, struct kinfo __user *, info)
{
	struct kinfo k = {
		.thread_size = THREAD_SIZE,
		.page_size = PAGE_SIZE,
		.hz = HZ,
	};

	if (copy_to_user(info, &k, sizeof(k)))
		return -EFAULT;
	return 0;
}
