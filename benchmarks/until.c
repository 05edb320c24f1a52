/*
 * until: run a command, echo nothing, and kill its process group the moment a line of its
 * merged stdout/stderr equals MARKER. The floor for "boot to verdict": what a human would do
 * with a bare qemu command, at the cost of a fork, a pipe and a read loop.
 *
 *   until [-t SECONDS] [-l LOGFILE] MARKER -- command args...
 *
 * Exit 0 when the marker was seen, 1 when the command ended without it, 2 on timeout.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double timeout = 120;
	const char *logpath = NULL;
	int opt;
	while ((opt = getopt(argc, argv, "+t:l:")) != -1) {
		if (opt == 't') timeout = atof(optarg);
		else if (opt == 'l') logpath = optarg;
		else return 64;
	}
	if (argc - optind < 3 || strcmp(argv[optind + 1], "--") != 0) {
		fprintf(stderr, "usage: until [-t SECONDS] [-l LOG] MARKER -- command args...\n");
		return 64;
	}
	const char *marker = argv[optind];
	char **cmd = argv + optind + 2;
	FILE *log = logpath ? fopen(logpath, "w") : NULL;
	int fds[2];
	if (pipe(fds) != 0) return 70;
	pid_t pid = fork();
	if (pid < 0) return 70;
	if (pid == 0) {
		setpgid(0, 0);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		int null = open("/dev/null", 0);
		if (null >= 0) dup2(null, 0);
		execvp(cmd[0], cmd);
		_exit(127);
	}
	setpgid(pid, pid);
	close(fds[1]);
	double deadline = now() + timeout;
	char buf[65536], line[8192];
	size_t len = 0;
	int status = 1, seen = 0;
	for (;;) {
		int ms = (int)((deadline - now()) * 1000);
		if (ms <= 0) { status = 2; break; }
		struct pollfd p = { fds[0], POLLIN, 0 };
		int r = poll(&p, 1, ms);
		if (r < 0 && errno == EINTR) continue;
		if (r == 0) { status = 2; break; }
		ssize_t n = read(fds[0], buf, sizeof buf);
		if (n <= 0) break;
		if (log) fwrite(buf, 1, n, log);
		for (ssize_t i = 0; i < n && !seen; i++) {
			char c = buf[i];
			if (c == '\n') {
				while (len && line[len - 1] == '\r') len--;
				line[len] = 0;
				if (strcmp(line, marker) == 0) seen = 1;
				len = 0;
			} else if (len + 1 < sizeof line) {
				line[len++] = c;
			}
		}
		if (seen) { status = 0; break; }
	}
	kill(-pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (log) fclose(log);
	return status;
}
