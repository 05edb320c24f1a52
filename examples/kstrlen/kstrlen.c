// SPDX-License-Identifier: GPL-2.0
/*
 * kstrlen() - the length of a user-space string, as the kernel reads it.
 *
 * Unknown bits in @flags are refused with -EINVAL, so that new flags can be
 * added later without breaking old callers.
 */
#include <linux/syscalls.h>
#include <linux/uaccess.h>

/* Count the terminating NUL too. */
#define KSTRLEN_COUNT_NUL	0x1U
#define KSTRLEN_ALL_FLAGS	KSTRLEN_COUNT_NUL

SYSCALL_DEFINE3(kstrlen, const char __user *, str, size_t, max, unsigned int, flags)
{
	long len;

	if (flags & ~KSTRLEN_ALL_FLAGS)
		return -EINVAL;
	if (max == 0 || max > PAGE_SIZE)
		return -EINVAL;
	len = strnlen_user(str, max);
	if (len == 0)
		return -EFAULT;
	if ((size_t)len > max)
		return -ENAMETOOLONG;
	return (flags & KSTRLEN_COUNT_NUL) ? len : len - 1;
}
