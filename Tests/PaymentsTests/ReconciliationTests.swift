import Payments
import Testing

@Suite("end-of-day reconciliation")
struct ReconciliationTests {
    static func entry(_ bill: String, _ method: String, _ status: PaymentStatus, _ amount: Int64, bank: String? = nil,
                      terminal: String? = nil, confirmed: Int64? = nil) -> ReconciliationEntry {
        ReconciliationEntry(paymentID: "p-\(bill)", billNumber: bill, method: method, status: status, amountVND: amount,
                            providerReference: bank, terminalReference: terminal, confirmedAmountVND: confirmed)
    }

    static let day: [ReconciliationEntry] = [
        entry("B1", "vietqr", .paid, 30_000, bank: "FT001", confirmed: 30_000),
        entry("B2", "vietqr", .expired, 30_000),
        entry("B3", "card", .paid, 150_000, terminal: "B3", confirmed: 150_000),
        entry("B4", "card", .failed, 150_000),
        entry("B5", "card", .voided, 50_000, terminal: "B5", confirmed: 50_000),
        entry("B6", "card", .paid, 20_000, terminal: "B6", confirmed: 2_000),
        entry("B7", "card", .presented, 40_000),
        entry("B8", "vietqr", .refunded, 10_000, bank: "FT002", confirmed: 10_000),
    ]

    @Test("totals by method and status, amount collected, VietQR references, terminal totals")
    func totals() {
        let report = Reconciliation.report(day: "2026-11-28", entries: Self.day, unmatched: [])
        #expect(report.totals.map { "\($0.method)/\($0.status.rawValue)=\($0.count)x\($0.amountVND)" } == [
            "card/failed=1x150000", "card/paid=2x170000", "card/presented=1x40000", "card/voided=1x50000",
            "vietqr/expired=1x30000", "vietqr/paid=1x30000", "vietqr/refunded=1x10000",
        ])
        #expect(report.collectedVND == 200_000)
        #expect(report.vietQRReferences.map(\.bankReference) == ["FT001", "FT002"])
        #expect(report.terminal == DayReport.TerminalTotals(salesCount: 2, salesVND: 152_000, reversedCount: 1, reversedVND: 50_000))
    }

    @Test("differences: terminal amount ≠ bill, unresolved sale, unmatched transfer")
    func differences() {
        let unmatched = [UnmatchedTransfer(billNumber: "B9", amountVND: 25_000, bankReference: "FT003", reason: "no payment has this bill number")]
        let report = Reconciliation.report(day: "2026-11-28", entries: Self.day, unmatched: unmatched)
        #expect(report.differences.map { "\($0.billNumber) \($0.kind)" } == ["B6 amount-mismatch", "B7 unresolved", "B9 unmatched-transfer"])
        #expect(report.differences[0].detail == "billed 20000 đồng, terminal approved 2000 đồng")
    }

    @Test("a paid VietQR payment without a bank reference is flagged")
    func missingReference() {
        let report = Reconciliation.report(day: "d", entries: [Self.entry("X", "vietqr", .paid, 1_000)], unmatched: [])
        #expect(report.differences == [.init(billNumber: "X", kind: "missing-reference", detail: "paid by VietQR without a bank reference")])
    }

    @Test("CSV: header, one CRLF line per payment with its flags, fields quoted when needed; totals file")
    func csv() {
        let entries = Self.day + [Self.entry("Q,\"1\"", "cash", .paid, 5_000)]
        let report = Reconciliation.report(day: "2026-11-28", entries: entries, unmatched: [])
        let lines = ReconciliationCSV.payments(entries, report: report).components(separatedBy: "\r\n")
        #expect(lines.first == "payment_id,bill_number,method,status,amount_vnd,bank_reference,terminal_reference,confirmed_amount_vnd,differences")
        #expect(lines.count == entries.count + 2, "header, one line each, empty after the last CRLF")
        #expect(lines[6] == "p-B6,B6,card,paid,20000,,B6,2000,amount-mismatch")
        #expect(lines[9] == "\"p-Q,\"\"1\"\"\",\"Q,\"\"1\"\"\",cash,paid,5000,,,,")
        let totals = ReconciliationCSV.totals(report).components(separatedBy: "\r\n")
        #expect(totals.contains("2026-11-28,card-terminal,sales,2,152000"))
        #expect(totals.contains("2026-11-28,all,collected,,205000"))
    }
}
