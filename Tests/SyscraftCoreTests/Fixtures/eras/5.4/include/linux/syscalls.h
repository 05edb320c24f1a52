#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

struct timespec;

#define SYSCALL_DEFINE0(sname)					\
	asmlinkage long sys_##sname(void)

#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)

asmlinkage long sys_read(unsigned int fd, char __user *buf, size_t count);
asmlinkage long sys_write(unsigned int fd, const char __user *buf,
			  size_t count);
asmlinkage long sys_clone3(int fd, unsigned int flags,
				unsigned long arg);
asmlinkage long sys_getpid(void);

#endif
