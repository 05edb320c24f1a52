/// The one place a table's format is dispatched: its entries, its highest number, the syscall on its highest line,
/// and inserting a new entry, for `.tbl`, `#define` headers and the `.S` position tables alike.
extension SyscallTableFile {
    /// The entries of this table in `text`.
    public func entries(in text: String) -> [TableEntry] {
        switch format {
        case .tbl: TblTable.entries(text)
        case .defineHeader: DefineHeaderTable.entries(text, endMarker: endMarker)
        case .longTable: AsmTable.entries(text, kind: .long)
        case .quadTable: AsmTable.entries(text, kind: .quad)
        }
    }

    /// The highest number in the table's main range, in its own numbering (nil for an empty table).
    /// A count macro that is consistent equals this + 1.
    public func highestNumber(in text: String) -> Int? {
        switch format {
        case .tbl: return TblTable.mainMaximum(text, excluding: excludedTags)
        case .defineHeader: return DefineHeaderTable.mainMaximum(text, endMarker: endMarker)
        case .longTable, .quadTable:
            let count = AsmTable.count(text, kind: format == .longTable ? .long : .quad)
            return count > 0 ? count - 1 : nil
        }
    }

    /// The syscall with the highest number of the main range (the last line of a position table).
    public func lastName(in text: String) -> String? {
        switch format {
        case .tbl: TblTable.entries(text).filter { !excludedTags.contains($0.abi) }.max { $0.number < $1.number }?.name
        case .defineHeader: entries(in: text).max { $0.number < $1.number }?.name
        case .longTable, .quadTable: entries(in: text).last?.name
        }
    }

    /// `text` with `name` inserted at `number`, validated; nil when the number cannot be placed.
    /// - Parameters:
    ///   - native: The entry point of the native column.
    ///   - compatSymbol: The compat column's entry point, when the line gets one.
    ///   - x32: A compat syscall that reads pointers or structs: on x86_64, a `64` line plus an `x32` twin.
    func inserting(_ name: String, number: Int, native: String, compatSymbol: String?, x32: Bool, into text: String) throws(SyscraftError) -> String? {
        switch format {
        case .tbl:
            // x32 passes 32-bit pointers and longs: a compat syscall that reads pointers or structs gets a `64` line
            // plus an `x32` line with the same number and the compat entry point (never a number in 512-547).
            let splitX32 = x32 && excludedTags.contains("x32") && TblTable.entries(text).contains { $0.abi == "x32" }
            let abi = splitX32 ? "64" : TblTable.mainTag(text, excluding: excludedTags)
            let entry = NewEntry(number: number, abi: abi, name: name, native: native, compat: compatSymbol)
            var inserted = TblTable.inserting(entry, into: text, excluding: excludedTags)
            if splitX32 {
                let prefixed = nativePrefix.isEmpty ? "" : "__x32_"
                inserted = TblTable.insertingTwin(of: entry, abi: "x32", entry: prefixed + "compat_sys_" + name, into: inserted)
            }
            let allowed = Set(TblTable.entries(text).map(\.abi)).union([abi])
            try TblTable.validate(inserted, added: entry, path: path, allowedTags: allowed)
            return inserted
        case .defineHeader:
            let entry = NewEntry(number: number, abi: "common", name: name, native: native, compat: compatSymbol)
            let updated = DefineHeaderTable.inserting(entry, into: text, endMarker: endMarker, generic: path.hasSuffix("asm-generic/unistd.h"))
            try DefineHeaderTable.validate(updated, added: entry, path: path, endMarker: endMarker)
            return updated
        case .longTable:
            return AsmTable.inserting(number: number, symbol: native, into: text, kind: .long)
        case .quadTable:
            return AsmTable.inserting(number: number, symbol: compatSymbol ?? native, into: text, kind: .quad)
        }
    }
}
