/* Userspace test for kstrlen(): flags validated with -EINVAL, -EFAULT, -ENAMETOOLONG. Exit 0 = pass. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KSTRLEN_COUNT_NUL 0x1U

static int failures;

static void expect(long got, int err, long want, int want_err, const char *what)
{
	int ok = got == want && (want != -1 || err == want_err);

	printf("%s: %s (got %ld, errno %d)\n", ok ? "ok" : "FAIL", what, got, got == -1 ? err : 0);
	if (!ok)
		failures++;
}

static long call(const char *str, size_t max, unsigned int flags)
{
	errno = 0;
	return syscall(__NR_kstrlen, str, max, flags);
}

int main(void)
{
	long ret = call("hello", 64, 0);

	if (ret == -1 && errno == ENOSYS) {
		printf("kstrlen: %s\n", strerror(errno));
		return 1;
	}
	expect(ret, errno, 5, 0, "\"hello\" has 5 characters");
	ret = call("hello", 64, KSTRLEN_COUNT_NUL);
	expect(ret, errno, 6, 0, "KSTRLEN_COUNT_NUL counts the NUL");
	ret = call("", 64, 0);
	expect(ret, errno, 0, 0, "the empty string");
	ret = call("hello", 64, 0x2);
	expect(ret, errno, -1, EINVAL, "unknown flag 0x2: EINVAL");
	ret = call("hello", 64, 0x80000000U);
	expect(ret, errno, -1, EINVAL, "unknown flag 0x80000000: EINVAL");
	ret = call("hello", 0, 0);
	expect(ret, errno, -1, EINVAL, "max 0: EINVAL");
	ret = call("hello", 3, 0);
	expect(ret, errno, -1, ENAMETOOLONG, "longer than max: ENAMETOOLONG");
	ret = call((const char *)1, 64, 0);
	expect(ret, errno, -1, EFAULT, "bad pointer: EFAULT");
	return failures ? 1 : 0;
}
