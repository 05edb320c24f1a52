/* Userspace test for kstacksize(): the classic test program. Exit 0 = pass. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long size = syscall(__NR_kstacksize);

	if (size == -1) {
		printf("kstacksize: %s\n", strerror(errno));
		return 1;
	}
	printf("kstacksize: %ld\n", size);
	/* THREAD_SIZE is a power of two, at least 4 KiB. */
	return (size >= 4096 && (size & (size - 1)) == 0) ? 0 : 1;
}
