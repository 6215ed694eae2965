public import Payments
import Store

extension PaymentDesk {
    /// The end-of-day report of the station day `day` (`YYYY-MM-DD`), with the entries it was
    /// computed from (for the CSV export).
    public func report(day: String) async throws -> (report: DayReport, entries: [ReconciliationEntry]) {
        let entries = try await entries(day: day)
        let unmatched = try await records.unmatchedTransfers(day: day).map {
            UnmatchedTransfer(billNumber: $0.billNumber, amountVND: $0.amountVND, bankReference: $0.bankReference, reason: $0.outcome)
        }
        return (Reconciliation.report(day: day, entries: entries, unmatched: unmatched), entries)
    }

    /// The payments of station day `day`, as the report lists them.
    public func entries(day: String) async throws -> [ReconciliationEntry] {
        try await records.paymentReport(day: day).map { row in
            ReconciliationEntry(paymentID: row.id.rawValue, billNumber: row.billNumber, method: row.method.rawValue,
                                status: PaymentStatus(rawValue: row.state.rawValue) ?? .created, amountVND: row.amountVND,
                                providerReference: row.providerReference, terminalReference: row.terminalReference,
                                confirmedAmountVND: row.confirmedAmountVND)
        }
    }
}
