#ifndef _LINUX_COMPAT_H
#define _LINUX_COMPAT_H

#define COMPAT_SYSCALL_DEFINE1(name, ...) \
        COMPAT_SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)

asmlinkage long compat_sys_ioctl(unsigned int fd, unsigned int cmd, compat_ulong_t arg);

/*
 * Deprecated system calls which are still defined in
 * include/uapi/asm-generic/unistd.h and wanted by >= 1 arch
 */
asmlinkage long compat_sys_old_readdir(unsigned int fd, void __user *dirent, unsigned int count);

#endif /* _LINUX_COMPAT_H */
