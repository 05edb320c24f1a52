#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

struct timespec;

asmlinkage long sys_read(unsigned int fd, char __user *buf, size_t count);
asmlinkage long sys_write(unsigned int fd, const char __user *buf,
			  size_t count);
asmlinkage long sys_timerfd_gettime(int fd, unsigned int flags,
				unsigned long arg);
asmlinkage long sys_getpid(void);

#endif
