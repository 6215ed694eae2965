/// The end-of-day reconciliation of one station day: totals by method and status, the VietQR
/// references, the card terminal's totals and every difference that needs a staff member's look.
public struct DayReport: Sendable, Codable, Equatable {
    /// Count and sum of the payments of one method in one status.
    public struct Total: Sendable, Codable, Equatable {
        public var method: String
        public var status: PaymentStatus
        public var count: Int
        public var amountVND: Int64
    }

    /// A confirmed VietQR transfer: the bill it paid and the bank's reference.
    public struct TransferReference: Sendable, Codable, Equatable {
        public var billNumber: String
        public var bankReference: String
        public var amountVND: Int64
        public var status: PaymentStatus
    }

    /// What the card terminal took and gave back, by its own answers.
    public struct TerminalTotals: Sendable, Codable, Equatable {
        /// Sales the terminal approved that stand (still paid).
        public var salesCount = 0
        public var salesVND: Int64 = 0
        /// Approved sales later voided or refunded.
        public var reversedCount = 0
        public var reversedVND: Int64 = 0

        /// Totals as given.
        public init(salesCount: Int = 0, salesVND: Int64 = 0, reversedCount: Int = 0, reversedVND: Int64 = 0) {
            self.salesCount = salesCount
            self.salesVND = salesVND
            self.reversedCount = reversedCount
            self.reversedVND = reversedVND
        }
    }

    /// A payment or transfer that does not balance.
    public struct Difference: Sendable, Codable, Equatable {
        /// The bill concerned.
        public var billNumber: String
        /// Stable kind: `amount-mismatch`, `missing-reference`, `unresolved`, `unmatched-transfer`.
        public var kind: String
        public var detail: String

        /// A difference of `kind` for a bill.
        public init(billNumber: String, kind: String, detail: String) {
            self.billNumber = billNumber
            self.kind = kind
            self.detail = detail
        }
    }

    /// The station day, `YYYY-MM-DD`.
    public var day: String
    public var totals: [Total]
    /// Money held at the end of the day: the sum of paid payments.
    public var collectedVND: Int64
    public var vietQRReferences: [TransferReference]
    public var terminal: TerminalTotals
    public var differences: [Difference]
}
