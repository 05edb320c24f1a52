// SPDX-License-Identifier: GPL-2.0
/*
 * pktcount_test: checks pktcount's counts against traffic this program makes.
 *
 *   1. loopback: brings lo up, sends 100 UDP datagrams of 100 bytes to itself and
 *      makes one TCP connection over 127.0.0.1; each packet is counted once out
 *      (LOCAL_OUT) and once in (LOCAL_IN);
 *   2. two network namespaces joined by a veth pair (inside the guest; QEMU has no
 *      network): a child in a new namespace sends 10 datagrams to the parent's end;
 *      each namespace counts its own side in its own /proc/net/pktcount.
 *
 * Without the module there is no /proc/net/pktcount and the test exits 1.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

struct counts { long long in_packets, in_bytes, out_packets, out_bytes; };

static int failures, checks;

static void check(int ok, const char *what)
{
	checks++;
	printf("%sok %d - %s\n", ok ? "" : "not ", checks, what);
	if (!ok)
		failures++;
}

/* One protocol's line of /proc/net/pktcount (this process's namespace); -1 when the file is missing. */
static int read_counts(const char *proto, struct counts *c)
{
	char name[16];
	struct counts x;
	FILE *f = fopen("/proc/net/pktcount", "r");
	int found = 0;

	if (!f)
		return -1;
	fscanf(f, "%*[^\n]\n");
	while (fscanf(f, "%15s %lld %lld %lld %lld\n", name, &x.in_packets, &x.in_bytes, &x.out_packets, &x.out_bytes) == 5)
		if (strcmp(name, proto) == 0) {
			*c = x;
			found = 1;
		}
	fclose(f);
	return found ? 0 : -1;
}

/* ifconfig NAME ADDR/24 up (ADDR NULL: only up). */
static int if_up(const char *name, const char *addr)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq ifr = { 0 };
	struct sockaddr_in *sin = (struct sockaddr_in *)&ifr.ifr_addr;
	int ok = s >= 0;

	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	if (ok && addr) {
		sin->sin_family = AF_INET;
		inet_pton(AF_INET, addr, &sin->sin_addr);
		ok = ioctl(s, SIOCSIFADDR, &ifr) == 0;
		inet_pton(AF_INET, "255.255.255.0", &sin->sin_addr);
		ok = ok && ioctl(s, SIOCSIFNETMASK, &ifr) == 0;
	}
	ok = ok && ioctl(s, SIOCGIFFLAGS, &ifr) == 0;
	ifr.ifr_flags |= IFF_UP;
	ok = ok && ioctl(s, SIOCSIFFLAGS, &ifr) == 0;
	if (s >= 0)
		close(s);
	return ok ? 0 : -1;
}

/* An rtnetlink attribute appended at the end of the message in buf. */
static struct rtattr *add_attr(struct nlmsghdr *n, int type, const void *data, int len)
{
	struct rtattr *rta = (struct rtattr *)((char *)n + NLMSG_ALIGN(n->nlmsg_len));

	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, len);
	n->nlmsg_len = NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(rta->rta_len);
	return rta;
}

static void end_nest(struct nlmsghdr *n, struct rtattr *nest)
{
	nest->rta_len = (char *)n + n->nlmsg_len - (char *)nest;
}

/* ip link add NAME type veth peer name PEER netns PID: one RTM_NEWLINK message, the peer nested in it. */
static int add_veth(const char *name, const char *peer, pid_t peer_ns_pid)
{
	char buf[1024] = { 0 };
	struct nlmsghdr *n = (struct nlmsghdr *)buf;
	struct ifinfomsg *ifi = NLMSG_DATA(n), *peer_ifi;
	struct rtattr *linkinfo, *data, *peerinfo;
	struct { struct nlmsghdr n; struct nlmsgerr e; } ack = { 0 };
	int s = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), ok;

	n->nlmsg_len = NLMSG_LENGTH(sizeof(*ifi));
	n->nlmsg_type = RTM_NEWLINK;
	n->nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK;
	ifi->ifi_family = AF_UNSPEC;
	add_attr(n, IFLA_IFNAME, name, strlen(name) + 1);
	linkinfo = add_attr(n, IFLA_LINKINFO, NULL, 0);
	add_attr(n, IFLA_INFO_KIND, "veth", 4);
	data = add_attr(n, IFLA_INFO_DATA, NULL, 0);
	peerinfo = add_attr(n, VETH_INFO_PEER, NULL, 0);
	peer_ifi = (struct ifinfomsg *)((char *)n + n->nlmsg_len);
	memset(peer_ifi, 0, sizeof(*peer_ifi));
	n->nlmsg_len += NLMSG_ALIGN(sizeof(*peer_ifi));
	add_attr(n, IFLA_IFNAME, peer, strlen(peer) + 1);
	add_attr(n, IFLA_NET_NS_PID, &peer_ns_pid, sizeof(peer_ns_pid));
	end_nest(n, peerinfo);
	end_nest(n, data);
	end_nest(n, linkinfo);
	ok = s >= 0 && send(s, n, n->nlmsg_len, 0) == (ssize_t)n->nlmsg_len && recv(s, &ack, sizeof(ack), 0) > 0
	     && ack.n.nlmsg_type == NLMSG_ERROR && ack.e.error == 0;
	if (!ok && ack.n.nlmsg_type == NLMSG_ERROR)
		errno = -ack.e.error;
	if (s >= 0)
		close(s);
	return ok ? 0 : -1;
}

static int udp_socket(const char *addr, int port)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };

	inet_pton(AF_INET, addr, &sin.sin_addr);
	if (s < 0 || bind(s, (struct sockaddr *)&sin, sizeof(sin)) != 0)
		return -1;
	return s;
}

static int send_udp(const char *addr, int port, int count, int size)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0), sent = 0;
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(port) };
	char payload[1500] = { 0 };

	inet_pton(AF_INET, addr, &to.sin_addr);
	for (int i = 0; i < count; i++)
		sent += sendto(s, payload, size, 0, (struct sockaddr *)&to, sizeof(to)) == size;
	close(s);
	return sent;
}

static int receive_udp(int s, int count)
{
	char buf[1500];
	struct timeval tv = { .tv_sec = 5 };
	int got = 0;

	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while (got < count && recv(s, buf, sizeof(buf), 0) > 0)
		got++;
	return got;
}

/* One TCP connection over loopback: connect, 5 bytes each way, close. */
static int tcp_roundtrip(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(7301) };
	int l = socket(AF_INET, SOCK_STREAM, 0), c = socket(AF_INET, SOCK_STREAM, 0), a, one = 1, ok;
	char buf[8];

	inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&sin, sizeof(sin)) || listen(l, 1) || connect(c, (struct sockaddr *)&sin, sizeof(sin)))
		return -1;
	a = accept(l, NULL, NULL);
	ok = a >= 0 && write(c, "hello", 5) == 5 && read(a, buf, 5) == 5 && write(a, "world", 5) == 5 && read(c, buf, 5) == 5;
	close(c);
	if (a >= 0) {
		read(a, buf, sizeof(buf));	/* the peer's FIN */
		close(a);
	}
	close(l);
	usleep(100000);			/* the last ACKs */
	return ok ? 0 : -1;
}

static int netns_test(void)
{
	int ready[2], done[2], s;
	char byte;
	pid_t child;
	struct counts before = { 0 }, after = { 0 };

	if (pipe(ready) || pipe(done))
		return -1;
	child = fork();
	if (child == 0) {
		/* The child: a namespace of its own, its end of the pair, ten datagrams to the parent. */
		struct counts c0 = { 0 }, c1 = { 0 };
		int ok;

		close(ready[0]);
		close(done[1]);
		ok = unshare(CLONE_NEWNET) == 0;
		write(ready[1], "r", 1);
		read(done[0], &byte, 1);	/* the parent moved pc1 here */
		ok = ok && if_up("lo", NULL) == 0 && if_up("pc1", "10.99.0.2") == 0 && read_counts("udp", &c0) == 0;
		ok = ok && send_udp("10.99.0.1", 7302, 10, 200) == 10;
		ok = ok && read_counts("udp", &c1) == 0 && c1.out_packets - c0.out_packets == 10 && c1.in_packets == c0.in_packets;
		printf("# child namespace: udp out +%lld in +%lld\n", c1.out_packets - c0.out_packets, c1.in_packets - c0.in_packets);
		fflush(stdout);
		_exit(ok ? 0 : 1);
	}
	close(ready[1]);
	close(done[0]);
	if (child < 0 || read(ready[0], &byte, 1) != 1) {
		printf("# the child namespace did not start\n");
		return -1;
	}
	if (add_veth("pc0", "pc1", child) != 0) {
		printf("# veth: %s\n", strerror(errno));
		write(done[1], "d", 1);
		waitpid(child, NULL, 0);
		return -1;
	}
	/* The address first: a socket can bind only to an address the namespace has. */
	if (if_up("pc0", "10.99.0.1") != 0 || (s = udp_socket("10.99.0.1", 7302)) < 0 || read_counts("udp", &before) != 0) {
		write(done[1], "d", 1);
		waitpid(child, NULL, 0);
		return -1;
	}
	write(done[1], "d", 1);
	int got = receive_udp(s, 10), status = 1;
	waitpid(child, &status, 0);
	if (read_counts("udp", &after) != 0)
		got = -1;
	printf("# parent namespace: received %d, udp in +%lld out +%lld\n", got, after.in_packets - before.in_packets, after.out_packets - before.out_packets);
	close(s);
	return got == 10 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && after.in_packets - before.in_packets == 10
	       && after.out_packets == before.out_packets ? 0 : -1;
}

int main(void)
{
	struct counts u0 = { 0 }, u1 = { 0 }, t0 = { 0 }, t1 = { 0 };
	int s, counted;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n");
	if (if_up("lo", NULL) != 0)
		printf("# lo: %s\n", strerror(errno));
	if (read_counts("udp", &u0) != 0) {
		printf("not ok 1 - /proc/net/pktcount: %s\n", strerror(errno));
		return 1;
	}
	check(1, "/proc/net/pktcount is there");

	s = udp_socket("127.0.0.1", 7300);
	check(s >= 0 && send_udp("127.0.0.1", 7300, 100, 100) == 100 && receive_udp(s, 100) == 100, "100 UDP datagrams over loopback");
	counted = read_counts("udp", &u1) == 0;
	printf("# udp: out +%lld packets +%lld bytes, in +%lld packets +%lld bytes\n", u1.out_packets - u0.out_packets,
	       u1.out_bytes - u0.out_bytes, u1.in_packets - u0.in_packets, u1.in_bytes - u0.in_bytes);
	/* Each datagram is 100 bytes of payload, 8 of UDP header and 20 of IP header. */
	check(counted && u1.out_packets - u0.out_packets == 100 && u1.out_bytes - u0.out_bytes == 100 * 128, "UDP out: 100 packets, 12800 bytes");
	check(counted && u1.in_packets - u0.in_packets == 100 && u1.in_bytes - u0.in_bytes == 100 * 128, "UDP in: 100 packets, 12800 bytes");

	counted = read_counts("tcp", &t0) == 0;
	check(tcp_roundtrip() == 0, "one TCP connection over loopback");
	counted = counted && read_counts("tcp", &t1) == 0;
	printf("# tcp: out +%lld in +%lld packets\n", t1.out_packets - t0.out_packets, t1.in_packets - t0.in_packets);
	/* SYN, SYN-ACK, ACK, two data segments, their ACKs, FINs: at least 7, each counted out and in. */
	check(counted && t1.out_packets - t0.out_packets >= 7 && t1.out_packets - t0.out_packets == t1.in_packets - t0.in_packets,
	      "TCP: every segment counted once out and once in");

	check(netns_test() == 0, "two namespaces joined by veth: each counts its own side");
	printf("1..%d\n", checks);
	return failures ? 1 : 0;
}
