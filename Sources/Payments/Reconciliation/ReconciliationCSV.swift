import Foundation

/// CSV export (RFC 4180: comma separated, CRLF line ends, fields quoted when they hold a comma,
/// quote or line break) of a day's payments and of its report's totals.
public enum ReconciliationCSV {
    /// One line per payment, with the differences found for its bill.
    public static func payments(_ entries: [ReconciliationEntry], report: DayReport) -> String {
        var flags: [String: [String]] = [:]
        for difference in report.differences { flags[difference.billNumber, default: []].append(difference.kind) }
        var out = "payment_id,bill_number,method,status,amount_vnd,bank_reference,terminal_reference,confirmed_amount_vnd,differences\r\n"
        out.reserveCapacity(entries.count * 120)
        for entry in entries {
            out += line([entry.paymentID, entry.billNumber, entry.method, entry.status.rawValue, String(entry.amountVND),
                         entry.providerReference ?? "", entry.terminalReference ?? "",
                         entry.confirmedAmountVND.map(String.init) ?? "", (flags[entry.billNumber] ?? []).joined(separator: ";")])
        }
        return out
    }

    /// The totals by method and status, then the terminal's totals and the amount collected.
    public static func totals(_ report: DayReport) -> String {
        var out = "day,method,status,count,amount_vnd\r\n"
        for total in report.totals {
            out += line([report.day, total.method, total.status.rawValue, String(total.count), String(total.amountVND)])
        }
        out += line([report.day, "card-terminal", "sales", String(report.terminal.salesCount), String(report.terminal.salesVND)])
        out += line([report.day, "card-terminal", "reversed", String(report.terminal.reversedCount), String(report.terminal.reversedVND)])
        out += line([report.day, "all", "collected", "", String(report.collectedVND)])
        return out
    }

    /// One CSV line with its CRLF.
    static func line(_ fields: [String]) -> String {
        var out = ""
        for (i, text) in fields.enumerated() {
            if i > 0 { out += "," }
            if text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                out += "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            } else {
                out += text
            }
        }
        return out + "\r\n"
    }
}
