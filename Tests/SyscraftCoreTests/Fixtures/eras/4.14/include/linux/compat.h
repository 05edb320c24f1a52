#ifndef _LINUX_COMPAT_H
#define _LINUX_COMPAT_H

#define COMPAT_SYSCALL_DEFINE1(name, ...) \
        COMPAT_SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)

asmlinkage long compat_sys_ioctl(unsigned int fd, unsigned int cmd, compat_ulong_t arg);

#endif /* _LINUX_COMPAT_H */
