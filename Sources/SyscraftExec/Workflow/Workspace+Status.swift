import Foundation
import SyscraftCore

/// `syscraft status`: the records checked against the tree, the kept kernels, an interrupted transaction. Reads only.
extension Workspace {
    public func status(profiles: [ArchProfile] = ArchProfile.all) throws(SyscraftError) -> TreeStatus {
        let records = try records()
        let fm = FileManager.default
        func mtime(_ path: String) -> Date? { (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date }
        // The newest of what a patched kernel must have been built after: every file the present records wrote.
        let inputs = Set(records.present.flatMap { $0.record.files.compactMap { tree.resolve($0.path) } })
        let newestInput = inputs.compactMap(mtime).max()
        var kernels: [TreeStatus.KernelImage] = []
        for profile in profiles {
            let stockPath = stockDirectory(profile) + "/image"
            if fm.fileExists(atPath: stockPath) {
                let current = stockImage(profile) != nil
                kernels.append(.init(arch: profile.name, kernel: Kernel.stock.rawValue, path: stockPath, current: current,
                                     note: current ? "built from the current fragment" : "built from an older fragment: the next test builds it again"))
            }
            let patchedPath = buildDirectory(profile) + "/" + profile.imagePath
            if let built = mtime(patchedPath) {
                let current = newestInput.map { built >= $0 } ?? true
                kernels.append(.init(arch: profile.name, kernel: records.present.isEmpty ? "build" : Kernel.patched.rawValue, path: patchedPath, current: current,
                                     note: current ? "built after the last add, remove and source edit" : "older than the last add, remove or source edit: the next build or test rebuilds it"))
            }
        }
        return TreeStatus(tree: tree.root, syscalls: records.records.map(TreeStatus.Syscall.init), kernels: kernels,
                          interrupted: transaction.pendingOperation(), cache: cache.root, records: manifestPath)
    }
}
