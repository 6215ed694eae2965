/// A bank transfer reported by the station server (poll or callback) or confirmed by staff.
public struct ReportedTransfer: Sendable, Equatable, Codable {
    /// The bill number the resident's banking app carried from the VietQR code (tag 62.01).
    public var billNumber: String
    /// Whole đồng received.
    public var amountVND: Int64
    /// The bank's reference of the transfer; unique.
    public var bankReference: String

    /// Describes a transfer.
    public init(billNumber: String, amountVND: Int64, bankReference: String) {
        self.billNumber = billNumber
        self.amountVND = amountVND
        self.bankReference = bankReference
    }
}

/// What a reported transfer did.
public enum TransferOutcome: Sendable, Equatable {
    /// It paid the bill's payment (now `paid`).
    case matched(paymentID: String)
    /// This bank reference was reported before; nothing changed.
    case duplicate(previousOutcome: String)
    /// It paid nothing; the reason is kept for the end-of-day report.
    case unmatched(reason: String)
}
