public import Foundation

/// How a payment is made. An open vocabulary owned by the payments code; the store keeps the text.
public struct PaymentMethod: RawRepresentable, Hashable, Sendable, Codable {
    /// The stored text.
    public let rawValue: String
    /// Wraps a method name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A VietQR (EMVCo merchant-presented) bank transfer.
    public static let vietQR = PaymentMethod(rawValue: "vietqr")
    /// A card on the payment terminal.
    public static let card = PaymentMethod(rawValue: "card")
    /// Cash taken by staff.
    public static let cash = PaymentMethod(rawValue: "cash")
}

/// Where a payment stands. An open vocabulary owned by the payment state machine.
public struct PaymentState: RawRepresentable, Hashable, Sendable, Codable {
    /// The stored text.
    public let rawValue: String
    /// Wraps a state name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Requested, not yet paid (records written before the lifecycle of migration v4).
    public static let pending = PaymentState(rawValue: "pending")
    /// Recorded with its amount and bill number; nothing shown or sent yet.
    public static let created = PaymentState(rawValue: "created")
    /// On the screen as a VietQR code, or on the card terminal.
    public static let presented = PaymentState(rawValue: "presented")
    /// Shown too long without a confirmed transfer.
    public static let expired = PaymentState(rawValue: "expired")
    /// A paid sale reversed the same day.
    public static let voided = PaymentState(rawValue: "voided")
    /// Money received.
    public static let paid = PaymentState(rawValue: "paid")
    /// Declined or failed.
    public static let failed = PaymentState(rawValue: "failed")
    /// Withdrawn before payment.
    public static let cancelled = PaymentState(rawValue: "cancelled")
    /// Paid, then given back.
    public static let refunded = PaymentState(rawValue: "refunded")
}

/// What the payment flow supplies to record a payment.
public struct NewPayment: Sendable {
    /// The visit being paid for.
    public var visitID: VisitID
    /// How it is paid.
    public var method: PaymentMethod
    /// Amount in Vietnamese dong (no minor unit).
    public var amountVND: Int64
    /// The station's bill number; unique.
    public var billNumber: String
    /// Starting state.
    public var state: PaymentState
    /// Bank or acquirer transaction reference, once known.
    public var providerReference: String?
    /// Payment terminal reference (trace / approval code), once known.
    public var terminalReference: String?

    /// Describes a payment to record.
    public init(visitID: VisitID, method: PaymentMethod, amountVND: Int64, billNumber: String,
                state: PaymentState = .pending, providerReference: String? = nil, terminalReference: String? = nil) {
        self.visitID = visitID
        self.method = method
        self.amountVND = amountVND
        self.billNumber = billNumber
        self.state = state
        self.providerReference = providerReference
        self.terminalReference = terminalReference
    }
}

/// A change to a stored payment: a new state, and references learnt on the way.
public struct PaymentUpdate: Sendable {
    /// The new state.
    public var state: PaymentState
    /// Replaces the provider reference when not nil.
    public var providerReference: String?
    /// Replaces the terminal reference when not nil.
    public var terminalReference: String?

    /// Describes a change.
    public init(state: PaymentState, providerReference: String? = nil, terminalReference: String? = nil) {
        self.state = state
        self.providerReference = providerReference
        self.terminalReference = terminalReference
    }
}

/// A stored payment for a visit.
public struct Payment: Codable, Sendable, Equatable {
    /// Time-ordered identifier.
    public let id: PaymentID
    /// The visit paid for.
    public let visitID: VisitID
    /// How it is paid.
    public let method: PaymentMethod
    /// Amount in Vietnamese dong.
    public let amountVND: Int64
    /// Where it stands.
    public var state: PaymentState
    /// The station's bill number.
    public let billNumber: String
    /// Bank or acquirer reference.
    public var providerReference: String?
    /// Payment terminal reference.
    public var terminalReference: String?
    /// When it was recorded.
    public let createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
}
