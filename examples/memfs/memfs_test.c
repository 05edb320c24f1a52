// SPDX-License-Identifier: GPL-2.0
/*
 * memfs_test: mounts memfs and exercises it from userspace. Without the module the
 * first mount fails with ENODEV ("unknown filesystem type") and the test exits 1;
 * with it, every check below must pass (exit 0). Prints TAP lines as it goes.
 *
 * Run by syscraft with: syscraft test --tree DIR --module examples/memfs --test examples/memfs/memfs_test.c
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#define MEMFS_MAGIC 0x6d656d66
#define MNT "/mnt/memfs"

static int failures, checks;

static void check(int ok, const char *what)
{
	checks++;
	printf("%sok %d - %s\n", ok ? "" : "not ", checks, what);
	if (!ok) {
		printf("# errno %d (%s)\n", errno, strerror(errno));
		failures++;
	}
}

/* Byte i of a test file: a pattern that a page-sized offset error would break. */
static unsigned char pattern(size_t i) { return (unsigned char)(i * 7 + i / 4096); }

static int write_file(const char *path, size_t size)
{
	unsigned char *buf = malloc(size ? size : 1);
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	size_t done = 0;

	for (size_t i = 0; i < size; i++)
		buf[i] = pattern(i);
	if (fd < 0) {
		free(buf);
		return -1;
	}
	while (done < size) {	/* odd-sized writes: 1000 bytes at a time crosses page boundaries */
		size_t chunk = size - done < 1000 ? size - done : 1000;
		ssize_t n = write(fd, buf + done, chunk);

		if (n <= 0)
			break;
		done += n;
	}
	free(buf);
	return close(fd) == 0 && done == size ? 0 : -1;
}

static int file_matches(const char *path, size_t size)
{
	unsigned char *buf = malloc(size + 1);
	int fd = open(path, O_RDONLY);
	size_t got = 0;
	ssize_t n;
	struct stat st;
	int ok;

	if (fd < 0) {
		free(buf);
		return 0;
	}
	while ((n = read(fd, buf + got, size + 1 - got)) > 0)
		got += n;
	ok = got == size && fstat(fd, &st) == 0 && st.st_size == (off_t)size;
	for (size_t i = 0; ok && i < size; i++)
		ok = buf[i] == pattern(i);
	close(fd);
	free(buf);
	return ok;
}

int main(void)
{
	static const size_t sizes[] = { 0, 1, 4095, 4096, 4097, 1 << 20 };
	char path[256], what[128];
	struct statfs sf;
	struct stat st;
	int fd, created = 0;

	mkdir("/mnt", 0755);
	mkdir(MNT, 0755);
	printf("TAP version 13\n");
	if (mount("none", MNT, "memfs", 0, NULL) != 0) {
		printf("not ok 1 - mount -t memfs: %s\n", strerror(errno));
		return 1;
	}
	check(1, "mount -t memfs");
	check(statfs(MNT, &sf) == 0 && sf.f_type == MEMFS_MAGIC, "statfs reports memfs's magic");

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(path, sizeof(path), MNT "/file-%zu", sizes[i]);
		snprintf(what, sizeof(what), "a %zu-byte file reads back as written", sizes[i]);
		check(write_file(path, sizes[i]) == 0 && file_matches(path, sizes[i]), what);
	}

	check(mkdir(MNT "/a", 0755) == 0 && mkdir(MNT "/a/b", 0755) == 0 && mkdir(MNT "/a/b/c", 0755) == 0
	      && mkdir(MNT "/x", 0755) == 0, "nested directories");
	check(stat(MNT "/a", &st) == 0 && st.st_nlink == 3, "a directory's link count counts its subdirectories");
	check(write_file(MNT "/a/b/c/f", 4097) == 0, "a file in a nested directory");
	check(rename(MNT "/a/b/c/f", MNT "/x/f") == 0 && file_matches(MNT "/x/f", 4097)
	      && access(MNT "/a/b/c/f", F_OK) != 0 && errno == ENOENT, "rename across directories");
	check(rmdir(MNT "/a/b") != 0 && errno == ENOTEMPTY, "rmdir of a non-empty directory: ENOTEMPTY");
	check(rmdir(MNT "/a/b/c") == 0 && rmdir(MNT "/a/b") == 0 && rmdir(MNT "/a") == 0, "rmdir of empty directories");

	fd = open(MNT "/x/f", O_RDWR);
	check(fd >= 0 && unlink(MNT "/x/f") == 0 && access(MNT "/x/f", F_OK) != 0, "unlink while open");
	check(fd >= 0 && fstat(fd, &st) == 0 && st.st_nlink == 0 && st.st_size == 4097
	      && pwrite(fd, "tail", 4, 4097) == 4 && fstat(fd, &st) == 0 && st.st_size == 4101, "an unlinked open file still grows");
	if (fd >= 0)
		close(fd);

	/* Fill the filesystem: creation fails with ENOSPC at max_inodes, and statfs says so. */
	for (;;) {
		snprintf(path, sizeof(path), MNT "/fill-%d", created);
		fd = open(path, O_CREAT | O_WRONLY, 0644);
		if (fd < 0)
			break;
		close(fd);
		created++;
	}
	check(errno == ENOSPC && created > 0, "creating files until the filesystem is full ends in ENOSPC");
	check(statfs(MNT, &sf) == 0 && sf.f_ffree == 0 && sf.f_files > 0, "statfs of a full filesystem: no free inodes");
	printf("# %d files filled it (f_files %llu)\n", created, (unsigned long long)sf.f_files);
	for (int i = 0; i < created; i++) {
		snprintf(path, sizeof(path), MNT "/fill-%d", i);
		unlink(path);
	}
	check(statfs(MNT, &sf) == 0 && sf.f_ffree == (unsigned long long)created, "unlinking them frees their inodes");

	check(umount(MNT) == 0, "umount");
	printf("1..%d\n", checks);
	return failures ? 1 : 0;
}
