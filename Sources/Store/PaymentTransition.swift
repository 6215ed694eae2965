public import Foundation

/// A lifecycle transition to apply to a stored payment, checked against its current state in
/// the same transaction that writes it.
///
/// The store does not know the lifecycle's rules: the payments code passes the states the
/// transition may start from in `allowedFrom`.
public struct PaymentTransition: Sendable {
    public var paymentID: PaymentID
    /// The new state.
    public var to: PaymentState
    /// States the payment may be in for the transition to apply.
    public var allowedFrom: Set<PaymentState>
    /// Names this transition attempt: the same key applied again is recognised, not repeated.
    public var idempotencyKey: String
    /// Who makes it: `kiosk`, `terminal`, `station-server`, `staff:<username>`.
    public var actor: String
    /// Bank reference to store on the payment (VietQR confirmation).
    public var providerReference: String?
    /// Terminal reference to store on the payment (card answer).
    public var terminalReference: String?
    /// The amount the terminal approved or the bank reported.
    public var reportedAmountVND: Int64?
    /// A short technical note for the audit trail (no personal data).
    public var note: String?

    /// Describes a transition.
    public init(paymentID: PaymentID, to: PaymentState, allowedFrom: Set<PaymentState>, idempotencyKey: String, actor: String,
                providerReference: String? = nil, terminalReference: String? = nil, reportedAmountVND: Int64? = nil, note: String? = nil) {
        self.paymentID = paymentID
        self.to = to
        self.allowedFrom = allowedFrom
        self.idempotencyKey = idempotencyKey
        self.actor = actor
        self.providerReference = providerReference
        self.terminalReference = terminalReference
        self.reportedAmountVND = reportedAmountVND
        self.note = note
    }
}

/// What applying a ``PaymentTransition`` did.
public enum PaymentTransitionOutcome: Sendable, Equatable {
    /// Written, with its audit event and outbox record; the payment as it is now.
    case applied(Payment)
    /// A transition with the same idempotency key was applied before; nothing written.
    case repeated(Payment)
    /// The payment is in a state the transition may not start from; nothing written.
    case refused(Payment)

    /// The payment as stored after the call.
    public var payment: Payment {
        switch self {
        case .applied(let p), .repeated(let p), .refused(let p): p
        }
    }
}

/// One row of a payment's audit trail.
public struct PaymentEvent: Sendable, Equatable, Codable {
    public let paymentID: PaymentID
    public let idempotencyKey: String
    /// nil for the event that created the payment.
    public let from: PaymentState?
    public let to: PaymentState
    public let at: Date
    public let actor: String
    public let reference: String?
    public let amountVND: Int64?
    public let note: String?
}

/// A transfer the station server (or a staff member) reported for a bill.
public struct BankTransfer: Sendable, Equatable, Codable {
    /// The bank's reference: unique per transfer.
    public var bankReference: String
    public var billNumber: String
    public var amountVND: Int64
    /// `station-server`, `callback` or `staff:<username>`.
    public var source: String
    /// What became of it: `matched`, or why it matched nothing.
    public var outcome: String
    /// The payment it paid, when it did.
    public var paymentID: PaymentID?

    /// Describes a transfer.
    public init(bankReference: String, billNumber: String, amountVND: Int64, source: String, outcome: String, paymentID: PaymentID?) {
        self.bankReference = bankReference
        self.billNumber = billNumber
        self.amountVND = amountVND
        self.source = source
        self.outcome = outcome
        self.paymentID = paymentID
    }
}
