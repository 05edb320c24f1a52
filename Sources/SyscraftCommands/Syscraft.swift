import ArgumentParser

public struct Syscraft: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "syscraft",
        abstract: "Add a system call to a Linux kernel tree, build it, boot it in QEMU and prove it from userspace.",
        subcommands: []
    )
    public init() {}
}
