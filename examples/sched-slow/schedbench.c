/*
 * schedbench: three small scheduler workloads for `syscraft compare`, each printing
 * `metric NAME VALUE UNIT lower|higher` lines.
 *
 *   pipe       two processes bounce a byte over two pipes, both on CPU 0, for a fixed
 *              time (perf bench sched pipe): round trips per second, higher is better.
 *   wakeup     a messenger on CPU 1 wakes a worker on CPU 0 through a pipe, a message
 *              stamped with the time, while a CPU hog spins on CPU 0 (schbench): how
 *              long the worker took to run, p50 and p99 in microseconds, lower is better.
 *   messaging  4 senders each write 200 small messages to each of 4 receivers over pipes
 *              (hackbench): the time until every message arrived, lower is better.
 *
 * Build: gcc -static -O2 -pthread schedbench.c (syscraft compare --bench does it for the arch).
 * The guest must have 2 CPUs or more (compare --smp 2): CPU 1 keeps the driver out of the way.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void pin(int cpu)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0) {
		perror("sched_setaffinity");
		exit(1);
	}
}

static void must(int ok, const char *what)
{
	if (!ok) {
		perror(what);
		exit(1);
	}
}

/* perf bench sched pipe: a round trip is one byte there and one byte back. */
static void pipe_bench(void)
{
	int there[2], back[2];
	char c = 0;
	long trips = 0;
	long long start, end;
	pid_t child;

	must(pipe(there) == 0 && pipe(back) == 0, "pipe");
	child = fork();
	must(child >= 0, "fork");
	if (child == 0) {
		close(there[1]);
		close(back[0]);
		pin(0);
		while (read(there[0], &c, 1) == 1)
			if (write(back[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(there[0]);
	close(back[1]);
	pin(0);
	start = now_ns();
	end = start + 400 * 1000000LL;
	/* A time budget, and at least 100 trips whatever the clock says. */
	while (trips < 100 || now_ns() < end) {
		must(write(there[1], &c, 1) == 1, "write");
		must(read(back[0], &c, 1) == 1, "read");
		trips++;
	}
	end = now_ns();
	close(there[1]);
	waitpid(child, NULL, 0);
	close(back[0]);
	pin(1);
	printf("metric pipe_trips %.0f trips/s higher\n", trips * 1e9 / (double)(end - start));
}

static int compare_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/*
 * schbench with a hog: a messenger on CPU 1 stamps the time and wakes a worker on CPU 0 through a pipe, while a
 * CPU hog spins on CPU 0; the worker's latency is from the stamp to when it runs. The worker acknowledges each
 * message before the next is sent, so every sample is one whole wakeup.
 */
static void wakeup_bench(void)
{
	enum { MAX = 400 };
	static long long late[MAX];
	int wake[2], ack[2], n = 0;
	long long stop, stamp;
	pid_t hog, worker;

	must(pipe(wake) == 0 && pipe(ack) == 0, "pipe");
	hog = fork();
	must(hog >= 0, "fork");
	if (hog == 0) {
		volatile unsigned long spin = 0;
		/* Not a writer of the pipes: the worker must see their end. */
		close(wake[0]);
		close(wake[1]);
		close(ack[0]);
		close(ack[1]);
		pin(0);
		for (;;)
			spin++;
	}
	worker = fork();
	must(worker >= 0, "fork");
	if (worker == 0) {
		close(wake[1]);
		close(ack[0]);
		pin(0);
		/* Each message is the sender's stamp; the reply is the latency. */
		while (read(wake[0], &stamp, sizeof(stamp)) == sizeof(stamp)) {
			long long latency = now_ns() - stamp;
			if (write(ack[1], &latency, sizeof(latency)) != sizeof(latency))
				_exit(1);
		}
		_exit(0);
	}
	close(wake[0]);
	close(ack[1]);
	pin(1);
	/* Let the hog get going, then wake the worker for 1 s (at least 5 times, at most MAX). */
	usleep(20000);
	stop = now_ns() + 1000 * 1000000LL;
	while (n < MAX && (n < 5 || now_ns() < stop)) {
		long long latency;
		usleep(1000);
		stamp = now_ns();
		must(write(wake[1], &stamp, sizeof(stamp)) == sizeof(stamp), "write");
		must(read(ack[0], &latency, sizeof(latency)) == sizeof(latency), "read");
		late[n++] = latency;
	}
	close(wake[1]);
	waitpid(worker, NULL, 0);
	close(ack[0]);
	kill(hog, SIGKILL);
	waitpid(hog, NULL, 0);
	qsort(late, n, sizeof(late[0]), compare_ll);
	printf("metric wakeup_p50 %.1f us lower\n", late[n / 2] / 1000.0);
	printf("metric wakeup_p99 %.1f us lower\n", late[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1] / 1000.0);
	printf("# wakeups: %d\n", n);
}

/* hackbench: senders and receivers, a pipe per receiver, all on every CPU. */
static void messaging_bench(void)
{
	enum { SENDERS = 4, RECEIVERS = 4, MESSAGES = 200, SIZE = 100 };
	int fds[RECEIVERS][2];
	pid_t pids[SENDERS + RECEIVERS];
	int i, j, k, np = 0;
	long long start;
	cpu_set_t all;

	CPU_ZERO(&all);
	for (i = 0; i < CPU_SETSIZE; i++)
		CPU_SET(i, &all);
	sched_setaffinity(0, sizeof(all), &all);
	for (i = 0; i < RECEIVERS; i++)
		must(pipe(fds[i]) == 0, "pipe");
	start = now_ns();
	for (i = 0; i < RECEIVERS; i++) {
		pid_t p = fork();
		must(p >= 0, "fork");
		if (p == 0) {
			char buf[SIZE];
			long want = (long)SENDERS * MESSAGES * SIZE, got = 0;
			for (j = 0; j < RECEIVERS; j++)
				close(fds[j][1]);
			while (got < want) {
				ssize_t r = read(fds[i][0], buf, sizeof(buf));
				if (r <= 0)
					_exit(1);
				got += r;
			}
			_exit(0);
		}
		pids[np++] = p;
	}
	for (i = 0; i < SENDERS; i++) {
		pid_t p = fork();
		must(p >= 0, "fork");
		if (p == 0) {
			char buf[SIZE];
			memset(buf, 'x', sizeof(buf));
			for (k = 0; k < MESSAGES; k++)
				for (j = 0; j < RECEIVERS; j++)
					if (write(fds[j][1], buf, sizeof(buf)) != SIZE)
						_exit(1);
			_exit(0);
		}
		pids[np++] = p;
	}
	for (i = 0; i < RECEIVERS; i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
	for (i = 0; i < np; i++) {
		int status;
		waitpid(pids[i], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "schedbench: a messaging task failed\n");
			exit(1);
		}
	}
	printf("metric messaging %.2f ms lower\n", (now_ns() - start) / 1e6);
}

int main(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	if (cpus < 2) {
		fprintf(stderr, "schedbench: needs 2 CPUs or more, the guest has %ld (pass --smp 2)\n", cpus);
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	pipe_bench();
	wakeup_bench();
	messaging_bench();
	return 0;
}
