/* Userspace test for kuptime(): agrees with CLOCK_BOOTTIME. Exit 0 = pass. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	struct timespec before, after;
	long up;

	clock_gettime(CLOCK_BOOTTIME, &before);
	up = syscall(__NR_kuptime);
	clock_gettime(CLOCK_BOOTTIME, &after);
	if (up == -1) {
		printf("kuptime: %s\n", strerror(errno));
		return 1;
	}
	printf("kuptime: %ld (CLOCK_BOOTTIME %ld..%ld)\n", up, (long)before.tv_sec, (long)after.tv_sec);
	return (up >= before.tv_sec && up <= after.tv_sec) ? 0 : 1;
}
