/*
 * loopback_bench: what a netfilter hook costs, for `syscraft compare --module examples/pktcount`.
 * Brings lo up, then sends 64-byte UDP datagrams to itself over 127.0.0.1 for 0.5 s, each one read back
 * before the next (every datagram passes LOCAL_OUT and LOCAL_IN once). Prints the datagrams per second
 * (higher is better) and the mean round trip in microseconds (lower is better).
 *
 *   syscraft compare --tree ~/linux --module examples/pktcount --bench examples/pktcount/loopback_bench.c
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(9999) };
	struct ifreq ifr;
	char buf[64] = "syscraft";
	long count = 0;
	double start, elapsed;
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	if (s < 0) {
		perror("socket (is the kernel built with CONFIG_INET?)");
		return 1;
	}
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(s, SIOCGIFFLAGS, &ifr) != 0 || (ifr.ifr_flags |= IFF_UP, ioctl(s, SIOCSIFFLAGS, &ifr)) != 0) {
		perror("bringing lo up");
		return 1;
	}
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
		perror("bind");
		return 1;
	}
	start = now();
	do {
		if (sendto(s, buf, sizeof(buf), 0, (struct sockaddr *)&addr, sizeof(addr)) != sizeof(buf) ||
		    recv(s, buf, sizeof(buf), 0) != sizeof(buf)) {
			perror("udp over loopback");
			return 1;
		}
		count++;
	} while ((elapsed = now() - start) < 0.5);
	printf("metric udp_loopback %.0f datagrams/s higher\n", count / elapsed);
	printf("metric udp_round_trip %.2f us lower\n", elapsed / count * 1e6);
	return 0;
}
