/// One payment as the end-of-day reconciliation sees it. Amounts in whole đồng.
public struct ReconciliationEntry: Sendable, Hashable, Codable {
    public var paymentID: String
    public var billNumber: String
    /// `vietqr`, `card` or `cash`.
    public var method: String
    public var status: PaymentStatus
    public var amountVND: Int64
    /// The bank's transfer reference (VietQR) once confirmed.
    public var providerReference: String?
    /// The terminal's transaction reference (card) once answered.
    public var terminalReference: String?
    /// The amount the terminal approved or the bank reported, when one did.
    public var confirmedAmountVND: Int64?

    /// Describes one payment of the day.
    public init(paymentID: String, billNumber: String, method: String, status: PaymentStatus, amountVND: Int64,
                providerReference: String? = nil, terminalReference: String? = nil, confirmedAmountVND: Int64? = nil) {
        self.paymentID = paymentID
        self.billNumber = billNumber
        self.method = method
        self.status = status
        self.amountVND = amountVND
        self.providerReference = providerReference
        self.terminalReference = terminalReference
        self.confirmedAmountVND = confirmedAmountVND
    }
}

/// A bank transfer the station server reported that paid no payment: unknown bill number, an
/// amount different from the bill's, or a second transfer for a bill already paid.
public struct UnmatchedTransfer: Sendable, Hashable, Codable {
    public var billNumber: String
    public var amountVND: Int64
    public var bankReference: String
    /// Why it matched nothing, in one line.
    public var reason: String

    /// Describes one unmatched transfer.
    public init(billNumber: String, amountVND: Int64, bankReference: String, reason: String) {
        self.billNumber = billNumber
        self.amountVND = amountVND
        self.bankReference = bankReference
        self.reason = reason
    }
}
