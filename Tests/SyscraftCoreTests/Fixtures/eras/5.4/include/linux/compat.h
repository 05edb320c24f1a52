#ifndef _LINUX_COMPAT_H
#define _LINUX_COMPAT_H

asmlinkage long compat_sys_ioctl(unsigned int fd, unsigned int cmd, compat_ulong_t arg);

#endif /* _LINUX_COMPAT_H */
