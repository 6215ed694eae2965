public import Payments

/// The payment part of a control-socket request (`payments.*` commands).
///
/// Staff actions (`start`, `cancel`, `void`, `refund`, `confirm`, `resolve`) carry the staff
/// member's name and password, checked against `local_api.staff`; `list` and `report` need only
/// access to the socket (root or the `kiosk` group).
public struct PaymentControlRequest: Codable, Sendable, Equatable {
    public var staff: String?
    public var password: String?
    /// Station day `YYYY-MM-DD` (`list`, `report`); today when absent.
    public var day: String?
    public var paymentID: String?
    public var visitID: String?
    /// `vietqr`, `card` or `cash` (`start`).
    public var method: String?
    /// Fee-table service (`start`), or…
    public var service: String?
    /// …an amount in whole đồng entered by the staff member.
    public var amountVND: Int64?
    /// Names the attempt (`start`): a retried request with the same key starts nothing new.
    public var attemptKey: String?
    /// Bank reference (`confirm`; `void`/`refund` of a VietQR or cash payment).
    public var bankReference: String?
    /// `report`: add the CSV export.
    public var csv: Bool?

    /// An empty request; set the fields the command needs.
    public init(staff: String? = nil, password: String? = nil, day: String? = nil, paymentID: String? = nil, visitID: String? = nil,
                method: String? = nil, service: String? = nil, amountVND: Int64? = nil, attemptKey: String? = nil,
                bankReference: String? = nil, csv: Bool? = nil) {
        self.staff = staff
        self.password = password
        self.day = day
        self.paymentID = paymentID
        self.visitID = visitID
        self.method = method
        self.service = service
        self.amountVND = amountVND
        self.attemptKey = attemptKey
        self.bankReference = bankReference
        self.csv = csv
    }
}

/// One payment as `kioskctl payments list` shows it.
public struct PaymentSummary: Codable, Sendable, Equatable {
    public var id: String
    public var billNumber: String
    public var method: String
    public var status: String
    public var amountVND: Int64
    public var bankReference: String?
    public var terminalReference: String?
}

/// The payment part of a control-socket answer.
public struct PaymentControlAnswer: Codable, Sendable, Equatable {
    /// The payments concerned (`list`, and the one payment an action changed).
    public var payments: [PaymentSummary]?
    /// The VietQR payload to show (`start` of a VietQR payment).
    public var vietQRPayload: String?
    /// `report`.
    public var report: DayReport?
    /// `report` with `csv`: the payments file, then the totals file.
    public var csv: String?
    public var totalsCSV: String?

    /// An answer with the fields given.
    public init(payments: [PaymentSummary]? = nil, vietQRPayload: String? = nil, report: DayReport? = nil, csv: String? = nil, totalsCSV: String? = nil) {
        self.payments = payments
        self.vietQRPayload = vietQRPayload
        self.report = report
        self.csv = csv
        self.totalsCSV = totalsCSV
    }
}
