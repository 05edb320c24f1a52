#!/usr/bin/env python3
"""Writes the synthetic era fixtures (small kernel-like trees) next to this script.

Nothing here is copied from a kernel: the long tables are placeholder lines (call<N>/sys_call<N>),
in each era's file format and alignment, with the real tail entries, holes and comments, so that
the next free number is the real one (2.6.25: i386 327, x86_64 288; 6.1: 451; 6.12: 463).
Run: python3 generate.py
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))


def col(text, start=0):
    c = start
    for ch in text:
        c = (c // 8 + 1) * 8 if ch == "\t" else c + 1
    return c


def pad(text, target):
    """text followed by tabs up to column target (at least one tab)."""
    out = text + "\t"
    while col(out) < target:
        out += "\t"
    return out


def tbl_line(nr, abi, name, entry, compat=None, entry_col=40, compat_col=None, nr_sep="\t"):
    line = pad(f"{nr}{nr_sep}{abi}", 16)
    line = pad(line + name, entry_col) + entry
    if compat:
        line = pad(line, compat_col or entry_col + 24) + compat
    return line


def fill(first, last, abi, entry_col=40, prefix="sys_", skip=(), **kw):
    return [tbl_line(n, abi, f"call{n}", f"{prefix}call{n}", entry_col=entry_col, **kw)
            for n in range(first, last + 1) if n not in skip]


def define_lines(first, last, sep=" ", with_syscall=True, col_to=None, skip=()):
    out = []
    for n in range(first, last + 1):
        if n in skip:
            continue
        d = f"#define __NR_call{n}"
        out.append((pad(d, col_to) if col_to else d + sep) + str(n))
        if with_syscall:
            out.append(f"__SYSCALL(__NR_call{n}, sys_call{n})")
    return out


def define(name, n, col_to=None):
    d = f"#define __NR_{name}"
    return (pad(d, col_to) if col_to else d + " ") + str(n)


def write(root, path, lines):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write("\n".join(lines) + "\n")


def common_files(root, syscall_define, cond_modern, anchor, kconfig_anchor="ADVISE_SYSCALLS", arch_comment=False,
                 compat_define=None):
    # COMPAT_SYSCALL_DEFINEn arrived in 3.10: trees with SYSCALL_DEFINEn but without it (3.2) get asmlinkage compat code.
    if compat_define is None:
        compat_define = syscall_define and anchor not in ("process_vm_writev",)
    write(root, "Makefile", ["VERSION = 9", "PATCHLEVEL = 9", "SUBLEVEL = 0", "NAME = Fixture", "", "all: vmlinux"])
    sh = ["#ifndef _LINUX_SYSCALLS_H", "#define _LINUX_SYSCALLS_H", "", "struct timespec;", ""]
    if syscall_define:
        sh += ["#define SYSCALL_DEFINE0(sname)\t\t\t\t\t\\", "\tasmlinkage long sys_##sname(void)", "",
               "#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)", ""]
    sh += ["asmlinkage long sys_read(unsigned int fd, char __user *buf, size_t count);",
           "asmlinkage long sys_write(unsigned int fd, const char __user *buf,",
           "\t\t\t  size_t count);",
           f"asmlinkage long sys_{anchor}(int fd, unsigned int flags,",
           "\t\t\t\tunsigned long arg);", "asmlinkage long sys_getpid(void);", ""]
    if arch_comment:
        sh += ["/*", " * Architecture-specific system calls", " */", "",
               "/* arch/x86/kernel/ioport.c */",
               "asmlinkage long sys_ioperm(unsigned long from, unsigned long num, int on);", ""]
    sh += ["#endif"]
    write(root, "include/linux/syscalls.h", sh)
    compat = ["#ifndef _LINUX_COMPAT_H", "#define _LINUX_COMPAT_H", ""]
    if compat_define:
        compat += ["#define COMPAT_SYSCALL_DEFINE1(name, ...) \\",
                   "        COMPAT_SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)", ""]
    compat += ["asmlinkage long compat_sys_ioctl(unsigned int fd, unsigned int cmd, compat_ulong_t arg);", ""]
    if arch_comment:
        compat += ["/*", " * Deprecated system calls which are still defined in",
                   " * include/uapi/asm-generic/unistd.h and wanted by >= 1 arch", " */",
                   "asmlinkage long compat_sys_old_readdir(unsigned int fd, void __user *dirent, unsigned int count);", ""]
    compat += ["#endif /* _LINUX_COMPAT_H */"]
    write(root, "include/linux/compat.h", compat)
    if cond_modern:
        ni = ["// SPDX-License-Identifier: GPL-2.0", "", "#include <linux/linkage.h>", "",
              "asmlinkage long sys_ni_syscall(void);", "", "COND_SYSCALL(io_setup);",
              f"COND_SYSCALL({anchor});", "", "/*", " * Architecture specific syscalls: see further below", " */",
              "", "COND_SYSCALL(ioperm);"]
    else:
        ni = ["#include <linux/linkage.h>", "", "asmlinkage long sys_ni_syscall(void)", "{", "\treturn -ENOSYS;", "}",
              "", "cond_syscall(sys_nfsservctl);", f"cond_syscall(sys_{anchor});", "cond_syscall(sys_quotactl);"]
    write(root, "kernel/sys_ni.c", ni)
    write(root, "kernel/Makefile", [
        "#", "# Makefile for the linux kernel.", "#", "",
        "obj-y     = fork.o exec_domain.o panic.o \\", "\t    sys.o kthread.o sys_ni.o", "",
        "obj-$(CONFIG_MODULES) += module.o", "obj-y += time/", "obj-$(CONFIG_KALLSYMS) += kallsyms.o",
        "obj-$(CONFIG_AUDIT) += audit.o", "", "$(obj)/configs.o: $(obj)/config_data.h"])
    write(root, "kernel/sys.c", ["#include <linux/syscalls.h>", "#include <linux/kernel.h>", "",
                                 "SYSCALL_DEFINE0(getpid)" if syscall_define else "asmlinkage long sys_getpid(void)",
                                 "{", "\treturn task_tgid_vnr(current);", "}"])
    write(root, "init/Kconfig", [
        "menu \"General setup\"", "", "config EXPERT", "\tbool \"Configure standard kernel features\"", "",
        f"config {kconfig_anchor}", "\tbool \"Enable some system calls\" if EXPERT", "\tdefault y", "\thelp",
        "\t  This option enables some system calls.", "", "config EMBEDDED", "\tbool \"Embedded system\"", "",
        "endmenu"])


def era_2_6_25(root):
    common_files(root, False, False, "timerfd_gettime", "EVENTFD")
    tail32 = ["utimensat", "signalfd", "timerfd_create", "eventfd", "fallocate", "timerfd_settime", "timerfd_gettime"]
    s = ["/* fixture */", ".section .rodata,\"a\"", "ENTRY(sys_call_table)"]
    q = ["/* fixture */", "\t.section .rodata,\"a\"", "\t.align 8", "ia32_sys_call_table:"]
    names = [f"call{n}" for n in range(0, 320)] + tail32
    for n, name in enumerate(names):
        c = f"\t/* {n} */" if n % 5 == 0 else ""
        s.append(f"\t.long sys_{name}{c}")
        q.append(f"\t.quad {'compat_' if name.startswith('timerfd_') else ''}sys_{name}{c}")
    q += ["ia32_syscall_end:", "", "\t.section .text", ""]
    write(root, "arch/x86/kernel/syscall_table_32.S", s)
    write(root, "arch/x86/ia32/ia32entry.S", q)
    u32 = ["#ifndef _ASM_X86_UNISTD_32_H", "#define _ASM_X86_UNISTD_32_H", "", "/*",
           " * This file contains the system call numbers.", " */", ""]
    u32 += [define(name, n, 32) for n, name in enumerate(names)]
    u32 += ["", "#ifdef __KERNEL__", "", "#define __ARCH_WANT_IPC_PARSE_VERSION", "", "#endif /* __KERNEL__ */",
            "#endif /* _ASM_X86_UNISTD_32_H */"]
    write(root, "include/asm-x86/unistd_32.h", u32)
    tail64 = ["utimensat", "epoll_pwait", "signalfd", "timerfd_create", "eventfd", "fallocate", "timerfd_settime",
              "timerfd_gettime"]
    u64 = ["#ifndef _ASM_X86_64_UNISTD_H_", "#define _ASM_X86_64_UNISTD_H_", "", "#ifndef __SYSCALL",
           "#define __SYSCALL(a,b)", "#endif", "", "/*", " * This file contains the system call numbers.", " *",
           " * Note: holes are not allowed.", " */", ""]
    for n, name in enumerate([f"call{n}" for n in range(0, 280)] + tail64):
        u64 += [define(name, n, 40), f"__SYSCALL(__NR_{name}, sys_{name})"]
    u64 += ["", "", "#ifndef __NO_STUBS", "#define __ARCH_WANT_OLD_READDIR", "#endif", "", "#endif"]
    write(root, "include/asm-x86/unistd_64.h", u64)


def era_3_2(root):
    common_files(root, True, False, "process_vm_writev", "EVENTFD")
    tail32 = ["sendmmsg", "setns", "process_vm_readv", "process_vm_writev"]
    names = [f"call{n}" for n in range(0, 345)] + tail32
    s = ["/* fixture */", "ENTRY(sys_call_table)"]
    q = ["/* fixture */", "ia32_sys_call_table:"]
    for n, name in enumerate(names):
        c = f"\t/* {n} */" if n % 5 == 0 else ""
        s.append(f"\t.long sys_{name}{c}")
        q.append(f"\t.quad {'compat_' if name.startswith('process_vm') else ''}sys_{name}{c}")
    q += ["ia32_syscall_end:"]
    write(root, "arch/x86/kernel/syscall_table_32.S", s)
    write(root, "arch/x86/ia32/ia32entry.S", q)
    u32 = ["#ifndef _ASM_X86_UNISTD_32_H", "#define _ASM_X86_UNISTD_32_H", ""]
    u32 += [define(name, n, 32) for n, name in enumerate(names)]
    u32 += ["", "#ifdef __KERNEL__", "", "#define NR_syscalls 349", "", "#define __ARCH_WANT_IPC_PARSE_VERSION", "",
            "#endif /* __KERNEL__ */", "#endif /* _ASM_X86_UNISTD_32_H */"]
    write(root, "arch/x86/include/asm/unistd_32.h", u32)
    u64 = ["#ifndef _ASM_X86_UNISTD_64_H", "#define _ASM_X86_UNISTD_64_H 1", "", "#ifndef __SYSCALL",
           "#define __SYSCALL(a, b)", "#endif", ""]
    for n, name in enumerate([f"call{n}" for n in range(0, 307)] + ["sendmmsg", "setns", "getcpu", "process_vm_readv",
                                                                     "process_vm_writev"]):
        u64 += [define(name, n, 40), f"__SYSCALL(__NR_{name}, sys_{name})"]
    u64 += ["", "#ifndef __NO_STUBS", "#define __ARCH_WANT_OLD_READDIR", "#endif", "", "#endif /* _ASM_X86_UNISTD_64_H */"]
    write(root, "arch/x86/include/asm/unistd_64.h", u64)


X64_HEAD = ["#", "# 64-bit system call numbers and entry vectors", "#", "# The format is:",
            "# <number> <abi> <name> <entry point>", "#", "# The abi is \"common\", \"64\" or \"x32\" for this file.", "#"]
I386_HEAD = ["#", "# 32-bit system call numbers and entry vectors", "#", "# The format is:",
             "# <number> <abi> <name> <entry point> <compat entry point>", "#",
             "# The abi is always \"i386\" for this file.", "#"]
X32_COMMENT = ["", "#", "# x32-specific system call numbers start at 512 to avoid cache impact",
               "# for native 64-bit operation.", "#"]
X32_COMMENT_NEW = ["", "#", "# Due to a historical design error, certain syscalls are numbered differently",
                   "# in x32 as compared to native x86_64.  These syscalls have numbers 512-547.",
                   "# Do not add new syscalls to this range.  Numbers 548 and above are available",
                   "# for non-x32 use.", "#"]


def x32_block(last, prefix="compat_sys_"):
    return [tbl_line(n, "x32", f"x32call{n}", f"{prefix}x32call{n}") for n in range(512, last + 1)]


def generic_header(last_lines, count, clone3_ifdef=False):
    h = ["/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */", "#include <asm/bitsperlong.h>", "",
         "#ifndef __SYSCALL", "#define __SYSCALL(x, y)", "#endif", "",
         "#define __NR_io_setup 0", "__SC_COMP(__NR_io_setup, sys_io_setup, compat_sys_io_setup)"]
    h += define_lines(1, 243)
    h += ["", "/*", " * Architectures may provide up to 16 syscalls of their own", " * starting with this value.", " */",
          "#define __NR_arch_specific_syscall 244", ""]
    h += last_lines
    h += ["", "#undef __NR_syscalls", f"#define __NR_syscalls {count}", "", "/*", " * 32 bit systems traditionally used different",
          " */", "#if __BITS_PER_LONG == 64 && !defined(__SYSCALL_COMPAT)", "#define __NR_fcntl __NR3264_fcntl", "#endif"]
    return h


def era_4_1(root):
    common_files(root, True, False, "execveat")
    d = "arch/x86/syscalls"
    t64 = X64_HEAD + fill(0, 317, "common") + [
        tbl_line(318, "common", "getrandom", "sys_getrandom"), tbl_line(319, "common", "memfd_create", "sys_memfd_create"),
        tbl_line(320, "common", "kexec_file_load", "sys_kexec_file_load"), tbl_line(321, "common", "bpf", "sys_bpf"),
        tbl_line(322, "64", "execveat", "stub_execveat")] + X32_COMMENT + x32_block(544) + [
        tbl_line(545, "x32", "execveat", "stub_x32_execveat")]
    write(root, f"{d}/syscall_64.tbl", t64)
    t32 = I386_HEAD + fill(0, 353, "i386") + [
        tbl_line(354, "i386", "seccomp", "sys_seccomp"), tbl_line(355, "i386", "getrandom", "sys_getrandom"),
        tbl_line(356, "i386", "memfd_create", "sys_memfd_create"), tbl_line(357, "i386", "bpf", "sys_bpf"),
        tbl_line(358, "i386", "execveat", "sys_execveat", "stub32_execveat", compat_col=64)]
    write(root, f"{d}/syscall_32.tbl", t32)
    write(root, "include/uapi/asm-generic/unistd.h", generic_header(
        define_lines(245, 276) + [define("seccomp", 277), "__SYSCALL(__NR_seccomp, sys_seccomp)",
                                  define("getrandom", 278), "__SYSCALL(__NR_getrandom, sys_getrandom)",
                                  define("memfd_create", 279), "__SYSCALL(__NR_memfd_create, sys_memfd_create)",
                                  define("bpf", 280), "__SYSCALL(__NR_bpf, sys_bpf)",
                                  define("execveat", 281), "__SC_COMP(__NR_execveat, sys_execveat, compat_sys_execveat)"],
        282))
    arm64(root, 387, "execveat", compat_count=388)


def arm64(root, last, last_name, compat_count):
    write(root, "arch/arm64/include/uapi/asm/unistd.h", ["#include <asm-generic/unistd.h>"])
    write(root, "arch/arm64/include/asm/unistd.h", [
        "#ifdef CONFIG_COMPAT", "#define __ARCH_WANT_COMPAT_STAT64", "", "#define __NR_compat_exit\t\t1",
        f"#define __NR_compat_syscalls\t\t{compat_count}", "#endif", "", "#define __ARCH_WANT_SYS_CLONE",
        "#include <uapi/asm/unistd.h>"])
    u = ["#ifndef __SYSCALL", "#define __SYSCALL(x, y)", "#endif", ""]
    u += define_lines(0, last - 1)
    u += [define(last_name, last), f"__SYSCALL(__NR_{last_name}, sys_{last_name})", "", "/*",
          " * Please add new compat syscalls above this comment and update",
          " * __NR_compat_syscalls in asm/unistd.h.", " */"]
    write(root, "arch/arm64/include/asm/unistd32.h", u)


def arm_tbl(root, last, last_name, entry_col=48):
    t = ["#", "# Linux system call numbers and entry vectors", "#", "# The format is:",
         "# <num>\t<abi>\t<name>\t\t\t[<entry point>\t\t\t[<oabi compat entry point>]]", "#",
         "# Where abi is:", "#  common - for system calls shared between oabi and eabi (may have compat)",
         "#  oabi   - for oabi-only system calls (may have compat)", "#  eabi   - for eabi-only system calls", "#"]
    t += fill(0, last - 1, "common", entry_col=entry_col) + [tbl_line(last, "common", last_name, f"sys_{last_name}", entry_col=entry_col)]
    write(root, "arch/arm/tools/syscall.tbl", t)


def era_4_14(root):
    common_files(root, True, False, "statx")
    d = "arch/x86/entry/syscalls"
    t64 = X64_HEAD + fill(0, 328, "common") + [
        tbl_line(329, "common", "pkey_mprotect", "sys_pkey_mprotect"), tbl_line(330, "common", "pkey_alloc", "sys_pkey_alloc"),
        tbl_line(331, "common", "pkey_free", "sys_pkey_free"), tbl_line(332, "common", "statx", "sys_statx")] + \
        X32_COMMENT + x32_block(547)
    write(root, f"{d}/syscall_64.tbl", t64)
    t32 = I386_HEAD + fill(0, 379, "i386") + [
        tbl_line(380, "i386", "pkey_mprotect", "sys_pkey_mprotect"), tbl_line(381, "i386", "pkey_alloc", "sys_pkey_alloc"),
        tbl_line(382, "i386", "pkey_free", "sys_pkey_free"), tbl_line(383, "i386", "statx", "sys_statx"),
        tbl_line(384, "i386", "arch_prctl", "sys_arch_prctl", "compat_sys_arch_prctl", compat_col=64)]
    write(root, f"{d}/syscall_32.tbl", t32)
    write(root, "include/uapi/asm-generic/unistd.h", generic_header(
        define_lines(245, 290) + [define("statx", 291), "__SYSCALL(__NR_statx, sys_statx)"], 292))
    arm64(root, 397, "statx", compat_count=398)
    arm_tbl(root, 397, "statx")


OTHER_HEAD = ["# SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note", "#",
              "# system call numbers and entry vectors for {arch}", "#", "# The format is:", "# {fmt}", "#",
              "# The <abi> is always \"{abi}\" for this file", "#"]


def other_tbl(root, path, arch, abi, last_name, last, fmt="<number> <abi> <name> <entry point>", extra=(), skip=(),
              start=0, entry_col=48, tail=()):
    head = [l.format(arch=arch, fmt=fmt, abi=abi) for l in OTHER_HEAD] + list(extra)
    body = fill(start, last - 1 - len(tail), abi, entry_col=entry_col, skip=skip)
    body += [tbl_line(last - len(tail) + i, abi, n, f"sys_{n}", entry_col=entry_col) for i, n in enumerate(tail)]
    body += [tbl_line(last, abi, last_name, f"sys_{last_name}", entry_col=entry_col)]
    write(root, path, head + body)


MIPS_FMT = {"o32": "<number> <abi> <name> <entry point> <compat entry point>",
            "n32": "<number> <abi> <name> <entry point> <compat entry point>",
            "n64": "<number> <abi> <name> <entry point>"}


def era_5_4(root):
    common_files(root, True, True, "clone3")
    d = "arch/x86/entry/syscalls"
    hole = ["# don't use numbers 387 through 423, add new calls after the last", "# 'common' entry"]
    t64 = X64_HEAD + fill(0, 333, "common", prefix="__x64_sys_") + [
        tbl_line(334, "common", "rseq", "__x64_sys_rseq")] + hole + fill(424, 433, "common", prefix="__x64_sys_") + [
        tbl_line(434, "common", "pidfd_open", "__x64_sys_pidfd_open"),
        tbl_line(435, "common", "clone3", "__x64_sys_clone3/ptregs")] + X32_COMMENT_NEW + \
        x32_block(547, prefix="__x32_compat_sys_")
    write(root, f"{d}/syscall_64.tbl", t64)
    t32 = I386_HEAD + [tbl_line(n, "i386", f"call{n}", f"sys_call{n}", f"__ia32_sys_call{n}", compat_col=72)
                       for n in range(0, 434)] + [
        tbl_line(434, "i386", "pidfd_open", "sys_pidfd_open", "__ia32_sys_pidfd_open", compat_col=72),
        tbl_line(435, "i386", "clone3", "sys_clone3", "__ia32_sys_clone3", compat_col=72)]
    write(root, f"{d}/syscall_32.tbl", t32)
    write(root, "include/uapi/asm-generic/unistd.h", generic_header(
        define_lines(245, 292) + [""] + define_lines(403, 433) +
        [define("pidfd_open", 434), "__SYSCALL(__NR_pidfd_open, sys_pidfd_open)", "#ifdef __ARCH_WANT_SYS_CLONE3",
         define("clone3", 435), "__SYSCALL(__NR_clone3, sys_clone3)", "#endif"], 436))
    arm64(root, 435, "clone3", compat_count=436)
    arm_tbl(root, 435, "clone3")
    for abi in ("o32", "n32", "n64"):
        other_tbl(root, f"arch/mips/kernel/syscalls/syscall_{abi}.tbl", "mips", abi, "clone3", 435, fmt=MIPS_FMT[abi])
    other_tbl(root, "arch/alpha/kernel/syscalls/syscall.tbl", "alpha", "common", "pidfd_open", 544,
              extra=["# 545 reserved for clone3"])
    other_tbl(root, "arch/ia64/kernel/syscalls/syscall.tbl", "ia64", "common", "pidfd_open", 434,
              extra=["# Add 1024 to <number> will get the actual system call number", "# 435 reserved for clone3"])
    s390 = ["# SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note", "#", "# System call table for s390", "#",
            "# Format:", "#", "# <nr> <abi> <syscall> <entry-64bit> <compat-entry>", "#",
            "# where <abi> can be common, 64, or 32", ""]
    for n in range(1, 436):
        name = "clone3" if n == 435 else f"call{n}"
        s390.append(pad(pad(pad(f"{n}  common", 16) + name, 40) + f"sys_{name}", 72) + f"sys_{name}")
    write(root, "arch/s390/kernel/syscalls/syscall.tbl", s390)


def era_6_1(root):
    common_files(root, True, True, "set_mempolicy_home_node", arch_comment=True)
    d = "arch/x86/entry/syscalls"
    hole = ["# don't use numbers 387 through 423, add new calls after the last", "# 'common' entry"]
    tail = ["process_mrelease", "futex_waitv", "set_mempolicy_home_node"]
    t64 = X64_HEAD + fill(0, 333, "common") + [tbl_line(334, "common", "rseq", "sys_rseq")] + hole + \
        fill(424, 447, "common") + [tbl_line(448 + i, "common", n, f"sys_{n}") for i, n in enumerate(tail)] + \
        X32_COMMENT_NEW + x32_block(547) + [
        "# This is the end of the legacy x32 range.  Numbers 548 and above are",
        "# not special and are not to be used for x32-specific syscalls."]
    write(root, f"{d}/syscall_64.tbl", t64)
    t32 = I386_HEAD + fill(0, 447, "i386") + [tbl_line(448 + i, "i386", n, f"sys_{n}") for i, n in enumerate(tail)]
    write(root, f"{d}/syscall_32.tbl", t32)
    write(root, "include/uapi/asm-generic/unistd.h", generic_header(
        define_lines(245, 292) + [""] + define_lines(403, 446) + ["", "#ifdef __ARCH_WANT_MEMFD_SECRET",
                                                                   define("memfd_secret", 447),
                                                                   "__SYSCALL(__NR_memfd_secret, sys_memfd_secret)",
                                                                   "#endif"] +
        sum([[define(n, 448 + i), f"__SYSCALL(__NR_{n}, sys_{n})", ""] for i, n in enumerate(tail)], [])[:-1], 451))
    arm64(root, 450, "set_mempolicy_home_node", compat_count=451)
    write(root, "arch/riscv/include/uapi/asm/unistd.h", ["#include <asm-generic/unistd.h>"])
    write(root, "arch/loongarch/include/uapi/asm/unistd.h", [
        "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */", "#define __ARCH_WANT_SYS_CLONE",
        "#define __ARCH_WANT_SYS_CLONE3", "", "#include <asm-generic/unistd.h>"])
    arm_tbl(root, 450, "set_mempolicy_home_node")
    for abi in ("o32", "n32", "n64"):
        other_tbl(root, f"arch/mips/kernel/syscalls/syscall_{abi}.tbl", "mips", abi, "set_mempolicy_home_node", 450,
                  fmt=MIPS_FMT[abi], extra=["# 447 reserved for memfd_secret"], skip=(447,))
    other_tbl(root, "arch/alpha/kernel/syscalls/syscall.tbl", "alpha", "common", "set_mempolicy_home_node", 560,
              extra=["# 557 reserved for memfd_secret"], skip=(557,))
    other_tbl(root, "arch/ia64/kernel/syscalls/syscall.tbl", "ia64", "common", "set_mempolicy_home_node", 450,
              extra=["# Add 1024 to <number> will get the actual system call number", "# 447 reserved for memfd_secret"],
              skip=(447,))
    write(root, "arch/powerpc/include/uapi/asm/unistd.h", ["#include <asm/unistd_64.h>"])
    other_tbl(root, "arch/powerpc/kernel/syscalls/syscall.tbl", "powerpc", "common", "set_mempolicy_home_node", 450,
              fmt="<number> <abi> <name> <entry point> <compat entry point>")


def era_6_12(root):
    common_files(root, True, True, "mseal", arch_comment=True)
    d = "arch/x86/entry/syscalls"
    hole = ["# don't use numbers 387 through 423, add new calls after the last", "# 'common' entry"]
    tail = ["lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules", "mseal"]
    t64 = X64_HEAD + fill(0, 333, "common") + [tbl_line(334, "common", "rseq", "sys_rseq"),
                                                tbl_line(335, "common", "uretprobe", "sys_uretprobe")] + hole + \
        fill(424, 458, "common") + [tbl_line(459 + i, "common", n, f"sys_{n}") for i, n in enumerate(tail)] + \
        X32_COMMENT_NEW + x32_block(547)
    write(root, f"{d}/syscall_64.tbl", t64)
    t32 = I386_HEAD + fill(0, 458, "i386") + [tbl_line(459 + i, "i386", n, f"sys_{n}") for i, n in enumerate(tail)]
    write(root, f"{d}/syscall_32.tbl", t32)
    st = ["# SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note", "#",
          "# This file contains the system call numbers for all of the", "# more recently added architectures.", "#",
          tbl_line(0, "common", "io_setup", "sys_io_setup", "compat_sys_io_setup", entry_col=48, compat_col=80)]
    st += fill(1, 243, "common", entry_col=48)
    st += ["", "# Architectures may provide up to 16 syscalls of their own between 244 and 259",
           tbl_line(258, "riscv", "riscv_hwprobe", "sys_riscv_hwprobe", entry_col=48),
           tbl_line(259, "riscv", "riscv_flush_icache", "sys_riscv_flush_icache", entry_col=48), ""]
    st += fill(260, 294, "common", entry_col=48)
    st += ["", "# 295 through 402 are unassigned to sync up with generic numbers don't use"]
    st += fill(403, 458, "common", entry_col=48)
    st += [tbl_line(459 + i, "common", n, f"sys_{n}", entry_col=48) for i, n in enumerate(tail)]
    write(root, "scripts/syscall.tbl", st)
    for arch, mk in (("arm64", ["syscall_abis_32 +=", "syscall_abis_64 += renameat rlimit memfd_secret", "",
                                "syscalltbl = arch/arm64/tools/syscall_%.tbl"]),
                     ("riscv", ["syscall_abis_32 += riscv memfd_secret", "syscall_abis_64 += riscv rlimit memfd_secret"]),
                     ("csky", ["syscall_abis_32 += csky time32 stat64 rlimit"])):
        write(root, f"arch/{arch}/kernel/Makefile.syscalls", ["# SPDX-License-Identifier: GPL-2.0", ""] + mk)
    with open(os.path.join(root, "SYMLINKS"), "w") as f:
        f.write("arch/arm64/tools/syscall_64.tbl -> scripts/syscall.tbl\n")
    a32 = ["# SPDX-License-Identifier: GPL-2.0-only", "#", "# AArch32 (compat) system call definitions.", "#"]
    a32 += fill(0, 458, "common", entry_col=48) + [tbl_line(459 + i, "common", n, f"sys_{n}", entry_col=48)
                                                   for i, n in enumerate(tail)]
    write(root, "arch/arm64/tools/syscall_32.tbl", a32)
    write(root, "include/uapi/asm-generic/unistd.h", generic_header(
        define_lines(245, 292) + [""] + define_lines(403, 458) +
        sum([[define(n, 459 + i), f"__SYSCALL(__NR_{n}, sys_{n})", ""] for i, n in enumerate(tail)], [])[:-1], 463))
    other_tbl(root, "arch/alpha/kernel/syscalls/syscall.tbl", "alpha", "common", "mseal", 572)


ERAS = {"2.6.25": era_2_6_25, "3.2": era_3_2, "4.1": era_4_1, "4.14": era_4_14, "5.4": era_5_4, "6.1": era_6_1,
        "6.12": era_6_12}

if __name__ == "__main__":
    for era, make in ERAS.items():
        root = os.path.join(HERE, era)
        shutil.rmtree(root, ignore_errors=True)
        make(root)
        print(era, sum(len(files) for _, _, files in os.walk(root)), "files")
