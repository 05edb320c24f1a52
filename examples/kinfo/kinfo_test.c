/* Userspace test for kinfo(): a struct copied out, -EFAULT for a bad pointer. Exit 0 = pass. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct kinfo {
	uint64_t thread_size;
	uint64_t page_size;
	uint64_t hz;
};

static int failures;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failures++;
}

int main(void)
{
	struct kinfo info;
	long ret;

	memset(&info, 0xff, sizeof(info));
	ret = syscall(__NR_kinfo, &info);
	if (ret == -1) {
		printf("kinfo: %s\n", strerror(errno));
		return 1;
	}
	printf("kinfo: thread_size=%llu page_size=%llu hz=%llu\n", (unsigned long long)info.thread_size,
	       (unsigned long long)info.page_size, (unsigned long long)info.hz);
	check(ret == 0, "returns 0");
	check(info.thread_size >= 4096 && (info.thread_size & (info.thread_size - 1)) == 0,
	      "thread_size is a power of two, at least 4096");
	check(info.page_size == (uint64_t)sysconf(_SC_PAGESIZE), "page_size matches sysconf(_SC_PAGESIZE)");
	check(info.hz >= 100 && info.hz <= 1000, "hz is between 100 and 1000");

	errno = 0;
	ret = syscall(__NR_kinfo, NULL);
	check(ret == -1 && errno == EFAULT, "NULL pointer: -1/EFAULT");
	errno = 0;
	ret = syscall(__NR_kinfo, (void *)1);
	check(ret == -1 && errno == EFAULT, "bad pointer: -1/EFAULT");
	return failures ? 1 : 0;
}
