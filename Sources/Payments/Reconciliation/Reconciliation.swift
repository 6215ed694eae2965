/// Computes the ``DayReport`` of a day's payments and the transfers that matched none.
public enum Reconciliation {
    /// The report of `entries` (the payments created on `day`) and `unmatched` transfers.
    public static func report(day: String, entries: [ReconciliationEntry], unmatched: [UnmatchedTransfer]) -> DayReport {
        struct Key: Hashable { var method: String; var status: PaymentStatus }
        var sums: [Key: (count: Int, amount: Int64)] = [:]
        var collected: Int64 = 0
        var references: [DayReport.TransferReference] = []
        var terminal = DayReport.TerminalTotals()
        var differences: [DayReport.Difference] = []

        for entry in entries {
            let key = Key(method: entry.method, status: entry.status)
            let sum = sums[key] ?? (0, 0)
            sums[key] = (sum.count + 1, sum.amount + entry.amountVND)
            if entry.status == .paid { collected += entry.amountVND }
            let wasPaid = entry.status == .paid || entry.status == .voided || entry.status == .refunded
            if entry.method == "vietqr", wasPaid, let reference = entry.providerReference {
                references.append(.init(billNumber: entry.billNumber, bankReference: reference, amountVND: entry.amountVND, status: entry.status))
            }
            if entry.method == "card", wasPaid {
                let taken = entry.confirmedAmountVND ?? entry.amountVND
                if entry.status == .paid {
                    terminal.salesCount += 1
                    terminal.salesVND += taken
                } else {
                    terminal.reversedCount += 1
                    terminal.reversedVND += taken
                }
            }
            differences += Self.differences(of: entry, wasPaid: wasPaid)
        }
        for transfer in unmatched {
            differences.append(.init(billNumber: transfer.billNumber, kind: "unmatched-transfer",
                                     detail: "transfer \(transfer.bankReference) of \(transfer.amountVND) đồng: \(transfer.reason)"))
        }
        let totals = sums.map { DayReport.Total(method: $0.key.method, status: $0.key.status, count: $0.value.count, amountVND: $0.value.amount) }
            .sorted { ($0.method, $0.status.rawValue) < ($1.method, $1.status.rawValue) }
        return DayReport(day: day, totals: totals, collectedVND: collected,
                         vietQRReferences: references.sorted { $0.billNumber < $1.billNumber },
                         terminal: terminal, differences: differences)
    }

    private static func differences(of entry: ReconciliationEntry, wasPaid: Bool) -> [DayReport.Difference] {
        var found: [DayReport.Difference] = []
        if entry.status == .created || entry.status == .presented {
            found.append(.init(billNumber: entry.billNumber, kind: "unresolved",
                               detail: "payment \(entry.paymentID) is still \(entry.status.rawValue)"))
        }
        guard wasPaid else { return found }
        if let confirmed = entry.confirmedAmountVND, confirmed != entry.amountVND {
            found.append(.init(billNumber: entry.billNumber, kind: "amount-mismatch",
                               detail: "billed \(entry.amountVND) đồng, \(entry.method == "card" ? "terminal approved" : "bank reported") \(confirmed) đồng"))
        }
        if entry.method == "vietqr", entry.providerReference == nil {
            found.append(.init(billNumber: entry.billNumber, kind: "missing-reference", detail: "paid by VietQR without a bank reference"))
        }
        if entry.method == "card", entry.terminalReference == nil {
            found.append(.init(billNumber: entry.billNumber, kind: "missing-reference", detail: "paid by card without a terminal reference"))
        }
        return found
    }
}
