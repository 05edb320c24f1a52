import Foundation

/// How a comparison reads: the table, the compact text plot that follows it on a terminal, and the SVG of `--plot`.
extension Comparison {
    /// A number with 3–4 significant digits, no exponent for ordinary magnitudes.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        let magnitude = abs(value)
        if magnitude >= 1000 || magnitude == 0 { return String(format: "%.0f", value) }
        if magnitude >= 100 { return String(format: "%.1f", value) }
        if magnitude >= 10 { return String(format: "%.2f", value) }
        if magnitude >= 0.001 { return String(format: "%.3f", value) }
        return String(format: "%.2e", value)
    }

    static func formatP(_ p: Double) -> String {
        p >= 0.001 ? String(format: "%.3f", p) : String(format: "%.1e", p)
    }

    /// One metric's verdict in words, with its adjusted p: "slower ×3.67 (p = 1.1e-05 < 0.01)", "no significant
    /// difference (p = 0.48)".
    public static func sentence(_ m: Metric) -> String {
        let factor = m.factor.map { String(format: "×%.2f", $0) } ?? ""
        switch m.verdict {
        case .slower, .faster:
            return "\(m.verdict.rawValue) \(factor) (p = \(formatP(m.pAdjusted)) < \(formatP(alpha)))"
        case .same:
            if m.pAdjusted < alpha, let ratio = m.ratio {
                return String(format: "no significant difference (p = %@, but %.1f%% is under the %.0f%% threshold)", formatP(m.pAdjusted),
                              abs(ratio - 1) * 100, minEffect * 100)
            }
            return "no significant difference (p = \(formatP(m.pAdjusted)))"
        }
    }

    /// The results table: per metric, both medians with their interquartile range, the ratio and the verdict.
    public func table() -> String {
        var rows: [[String]] = [["metric", "unit", "base median [IQR]", "patched median [IQR]", "patched/base", "verdict"]]
        for m in metrics {
            rows.append([
                m.name, m.unit + (m.better == .lower ? " ↓" : " ↑"),
                "\(Self.format(m.base.median)) [\(Self.format(m.base.q1))–\(Self.format(m.base.q3))]",
                "\(Self.format(m.patched.median)) [\(Self.format(m.patched.q1))–\(Self.format(m.patched.q3))]",
                m.ratio.map { String(format: "%.3f", $0) } ?? "-", Self.sentence(m),
            ])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var text = rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
        text += "\(rounds) rounds on \(arch)" + (cpus.map { ", \($0) guest CPU\($0 == 1 ? "" : "s")" } ?? "")
            + "; base: \(baseKernel); patched: \(patchedKernel)\n"
        text += "↓ lower is better, ↑ higher is better; \(test) (p above), significant when p < \(Self.formatP(alpha)) and the medians differ by \(Int(minEffect * 100))% or more\n"
        return text
    }

    /// The scale a metric's samples are drawn on: logarithmic when both sides span more than a factor of 20.
    struct Scale {
        var low: Double
        var high: Double
        var log: Bool

        init(_ values: [Double]) {
            let low = values.min() ?? 0, high = values.max() ?? 1
            log = low > 0 && high / low > 20
            self.low = low
            self.high = high
        }

        /// 0...1 along the axis.
        func position(_ v: Double) -> Double {
            guard high > low else { return 0.5 }
            if log { return (Foundation.log(v) - Foundation.log(low)) / (Foundation.log(high) - Foundation.log(low)) }
            return (v - low) / (high - low)
        }
    }

    /// A compact text plot: per metric, each kernel's samples (·) and median (┃) on one shared axis.
    public func textPlot(width: Int = 48) -> String {
        var lines: [String] = []
        for m in metrics {
            let scale = Scale(m.base.samples + m.patched.samples)
            lines.append("\(m.name) (\(m.unit), \(m.better == .lower ? "lower" : "higher") is better; \(Self.format(scale.low))…\(Self.format(scale.high))\(scale.log ? ", log scale" : ""))")
            for (label, side) in [("base   ", m.base), ("patched", m.patched)] {
                var cells = [Character](repeating: " ", count: width)
                let column = { (v: Double) in min(width - 1, max(0, Int((scale.position(v) * Double(width - 1)).rounded()))) }
                for v in side.samples { cells[column(v)] = "·" }
                cells[column(side.median)] = "┃"
                lines.append("  \(label) │\(String(cells))│ \(Self.format(side.median))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func escape(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;").replacing("\"", with: "&quot;")
    }

    /// `--plot FILE.svg`: a panel per metric with both kernels' samples as dots and their medians as bars, the axis'
    /// ends labelled, the verdict in the title. Plain SVG 1.1, readable in any browser.
    public func svg() -> String {
        let width = 720.0, panel = 110.0, left = 90.0, right = 40.0, header = 50.0
        let height = header + panel * Double(metrics.count) + 10
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="10" y="20" font-size="15" font-weight="bold">syscraft compare: \(Self.escape(arch)), \(rounds) rounds\(cpus.map { ", \($0) CPUs" } ?? "")</text>
            <text x="10" y="38" fill="#555">base (blue): \(Self.escape(baseKernel)) · patched (orange): \(Self.escape(patchedKernel)) · bars are medians</text>

            """
        for (i, m) in metrics.enumerated() {
            let top = header + panel * Double(i)
            let scale = Scale(m.base.samples + m.patched.samples)
            let x = { (v: Double) in left + scale.position(v) * (width - left - right) }
            out += "<text x=\"10\" y=\"\(top + 18)\" font-weight=\"bold\">\(Self.escape(m.name)) (\(Self.escape(m.unit)), \(m.better == .lower ? "lower" : "higher") is better): \(Self.escape(Self.sentence(m)))</text>\n"
            for (row, (label, side, color)) in [("base", m.base, "#1f77b4"), ("patched", m.patched, "#ff7f0e")].enumerated() {
                let y = top + 40 + Double(row) * 28
                out += "<text x=\"10\" y=\"\(y + 4)\">\(label)</text>\n"
                out += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - right)\" y2=\"\(y)\" stroke=\"#ddd\"/>\n"
                for v in side.samples {
                    out += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%@\" fill-opacity=\"0.55\"/>\n", x(v), y, color)
                }
                out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%@\" stroke-width=\"3\"/>\n", x(side.median), y - 10, x(side.median), y + 10, color)
                out += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%@\">%@</text>\n", x(side.median) + 4, y - 7, color, Self.format(side.median))
            }
            let axis = top + 96
            out += "<line x1=\"\(left)\" y1=\"\(axis)\" x2=\"\(width - right)\" y2=\"\(axis)\" stroke=\"#888\"/>\n"
            out += "<text x=\"\(left)\" y=\"\(axis + 12)\" font-size=\"10\">\(Self.format(scale.low)) \(Self.escape(m.unit))</text>\n"
            out += "<text x=\"\(width - right)\" y=\"\(axis + 12)\" font-size=\"10\" text-anchor=\"end\">\(Self.format(scale.high)) \(Self.escape(m.unit))\(scale.log ? " (log scale)" : "")</text>\n"
        }
        return out + "</svg>\n"
    }
}
