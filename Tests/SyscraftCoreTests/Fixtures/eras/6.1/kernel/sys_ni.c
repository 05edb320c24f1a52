// SPDX-License-Identifier: GPL-2.0

#include <linux/linkage.h>

asmlinkage long sys_ni_syscall(void);

COND_SYSCALL(io_setup);
COND_SYSCALL(set_mempolicy_home_node);

/*
 * Architecture specific syscalls: see further below
 */

COND_SYSCALL(ioperm);
