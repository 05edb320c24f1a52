import Foundation
import SyscraftCore
import Testing

@testable import SyscraftCommands
@testable import SyscraftExec

/// The sandbox promises: QEMU without network or host sharing, one-line errors whatever the user typed.
@Suite struct SecurityTests {
    @Test("every arch's QEMU command has no network and no host file sharing", arguments: ArchProfile.all.map(\.name))
    func qemuIsolated(arch: String) throws {
        let profile = try #require(ArchProfile.named(arch))
        for accel in [QEMURunner.Accel.tcg, .kvm] {
            let args = QEMURunner(profile: profile, image: "/k/image", initramfs: "/k/initramfs.cpio").arguments(accel: accel)
            #expect(args.contains("-nodefaults"))
            let nic = try #require(args.firstIndex(of: "-nic"))
            #expect(args[nic + 1] == "none")
            for forbidden in ["-netdev", "-net", "-virtfs", "-fsdev", "-drive", "-hda", "-cdrom", "-chardev", "-monitor", "-qmp", "-device"] {
                #expect(!args.contains(forbidden), "\(arch) passes \(forbidden)")
            }
            // The only host files the guest gets are the kernel and the initramfs.
            #expect(args.filter { $0.hasPrefix("/") } == ["/k/image", "/k/initramfs.cpio"])
        }
    }

    @Test("error reports stay on one line whatever the user typed", arguments: [
        "name\nsecond line", "esc \u{1b}[31mred", "tab\there", "cr\rline", "nul\u{0}",
    ])
    func oneLine(text: String) {
        let line = Failure.oneLine(text)
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f })
    }
}
