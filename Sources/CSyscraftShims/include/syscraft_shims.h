#ifndef SYSCRAFT_SHIMS_H
#define SYSCRAFT_SHIMS_H

/// Makes the calling process a child subreaper (prctl(PR_SET_CHILD_SUBREAPER, 1)): the orphans of the
/// processes it starts are reparented to it instead of to PID 1, so it can reap them. Returns 0, or -1 with errno
/// (always -1 off Linux). prctl is variadic, which Swift cannot call.
int syscraft_become_child_subreaper(void);

/// The host's time-stamp counter (rdtsc), or 0 on a host that has none (not x86). Under TCG, QEMU's x86 guests read
/// this very counter, so its rate is the rate a guest kernel should be told (tsc_early_khz=).
unsigned long long syscraft_rdtsc(void);

#endif
