public import Payments
import Store

extension PaymentDesk {
    /// The end-of-day report of the station day `day` (`YYYY-MM-DD`), with the entries it was
    /// computed from (for the CSV export).
    public func report(day: String) async throws -> (report: DayReport, entries: [ReconciliationEntry]) {
        let rows = try await records.paymentReport(day: day)
        let entries = rows.map { row in
            ReconciliationEntry(paymentID: row.id.rawValue, billNumber: row.billNumber, method: row.method.rawValue,
                                status: PaymentStatus(rawValue: row.state.rawValue) ?? .created, amountVND: row.amountVND,
                                providerReference: row.providerReference, terminalReference: row.terminalReference,
                                confirmedAmountVND: row.confirmedAmountVND)
        }
        let unmatched = try await records.unmatchedTransfers(day: day).map {
            UnmatchedTransfer(billNumber: $0.billNumber, amountVND: $0.amountVND, bankReference: $0.bankReference, reason: $0.outcome)
        }
        return (Reconciliation.report(day: day, entries: entries, unmatched: unmatched), entries)
    }
}
