// SPDX-License-Identifier: GPL-2.0
/*
 * pktcount: counts IPv4 packets and bytes per protocol, going out of and coming
 * into this machine, and shows the counts in /proc/net/pktcount. A starting
 * point for reading the IP stack.
 *
 * Netfilter is the IP stack's set of hooks: at fixed points of a packet's path
 * the stack calls every function registered there, in priority order, and each
 * answers NF_ACCEPT (go on), NF_DROP or NF_STOLEN. iptables and nftables are
 * built on the same hooks. For IPv4 the points are (net/ipv4/):
 *
 *   PRE_ROUTING  -> routing decision -> LOCAL_IN   -> a local socket
 *                                    -> FORWARD    -> POST_ROUTING -> out
 *   a local socket -> LOCAL_OUT -> routing -> POST_ROUTING -> out
 *
 * pktcount hooks LOCAL_OUT (ip_local_out in net/ipv4/ip_output.c: every packet
 * a local socket sends) and LOCAL_IN (ip_local_deliver in net/ipv4/ip_input.c:
 * every packet delivered to a local socket). Over loopback each packet passes
 * both: once on the way out, once on the way in.
 *
 * Each network namespace has its own stack, so hooks are registered per
 * namespace (pernet_operations: init for every namespace that exists or is
 * created, exit when it goes away), and each namespace has its own counters and
 * its own /proc/net/pktcount.
 */
#include <linux/ip.h>
#include <linux/module.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

enum { PC_TCP, PC_UDP, PC_ICMP, PC_OTHER, PC_PROTOS };
static const char *const pc_names[PC_PROTOS] = { "tcp", "udp", "icmp", "other" };
enum { PC_IN, PC_OUT, PC_DIRS };

/* One namespace's counters: net_generic() finds them (allocated zeroed, .size below). */
struct pktcount_net {
	atomic64_t packets[PC_DIRS][PC_PROTOS];
	atomic64_t bytes[PC_DIRS][PC_PROTOS];
};

static unsigned int pktcount_net_id;

static int pc_protocol(u8 protocol)
{
	switch (protocol) {
	case IPPROTO_TCP:
		return PC_TCP;
	case IPPROTO_UDP:
		return PC_UDP;
	case IPPROTO_ICMP:
		return PC_ICMP;
	default:
		return PC_OTHER;
	}
}

/*
 * Called for every IPv4 packet at both hooks, in softirq or process context:
 * it must not sleep, and it only counts. At these two points skb->data starts
 * at the IP header, so skb->len is the packet's IP length.
 */
static unsigned int pktcount_hook(void *priv, struct sk_buff *skb, const struct nf_hook_state *state)
{
	struct pktcount_net *pn = net_generic(state->net, pktcount_net_id);
	int dir = state->hook == NF_INET_LOCAL_IN ? PC_IN : PC_OUT;
	int proto = pc_protocol(ip_hdr(skb)->protocol);

	atomic64_inc(&pn->packets[dir][proto]);
	atomic64_add(skb->len, &pn->bytes[dir][proto]);
	return NF_ACCEPT;
}

/* First in line (NF_IP_PRI_FIRST), so a drop by another hook still counts. */
static const struct nf_hook_ops pktcount_ops[] = {
	{ .hook = pktcount_hook, .pf = NFPROTO_IPV4, .hooknum = NF_INET_LOCAL_IN, .priority = NF_IP_PRI_FIRST },
	{ .hook = pktcount_hook, .pf = NFPROTO_IPV4, .hooknum = NF_INET_LOCAL_OUT, .priority = NF_IP_PRI_FIRST },
};

/* /proc/net/pktcount: a header, then one line per protocol. */
static int pktcount_show(struct seq_file *m, void *v)
{
	struct pktcount_net *pn = net_generic(seq_file_single_net(m), pktcount_net_id);
	int p;

	seq_puts(m, "proto in_packets in_bytes out_packets out_bytes\n");
	for (p = 0; p < PC_PROTOS; p++)
		seq_printf(m, "%s %lld %lld %lld %lld\n", pc_names[p],
			   (long long)atomic64_read(&pn->packets[PC_IN][p]), (long long)atomic64_read(&pn->bytes[PC_IN][p]),
			   (long long)atomic64_read(&pn->packets[PC_OUT][p]), (long long)atomic64_read(&pn->bytes[PC_OUT][p]));
	return 0;
}

static int __net_init pktcount_net_init(struct net *net)
{
	int err;

	if (!proc_create_net_single("pktcount", 0444, net->proc_net, pktcount_show, NULL))
		return -ENOMEM;
	err = nf_register_net_hooks(net, pktcount_ops, ARRAY_SIZE(pktcount_ops));
	if (err)
		remove_proc_entry("pktcount", net->proc_net);
	return err;
}

static void __net_exit pktcount_net_exit(struct net *net)
{
	nf_unregister_net_hooks(net, pktcount_ops, ARRAY_SIZE(pktcount_ops));
	remove_proc_entry("pktcount", net->proc_net);
}

static struct pernet_operations pktcount_net_ops = {
	.init	= pktcount_net_init,
	.exit	= pktcount_net_exit,
	.id	= &pktcount_net_id,
	.size	= sizeof(struct pktcount_net),
};

static int __init pktcount_init(void)
{
	return register_pernet_subsys(&pktcount_net_ops);
}

static void __exit pktcount_exit(void)
{
	unregister_pernet_subsys(&pktcount_net_ops);
}

module_init(pktcount_init);
module_exit(pktcount_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pktcount: IPv4 packets and bytes per protocol, at netfilter's LOCAL_IN and LOCAL_OUT (syscraft's example)");
