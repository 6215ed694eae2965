/// Where a payment stands in its lifecycle.
///
/// `created → presented → paid | failed | expired | cancelled`, `paid → voided | refunded`;
/// a payment may also be cancelled before it is presented. The raw values are the text the
/// store keeps.
public enum PaymentStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Recorded with its amount and bill number; nothing shown or sent yet.
    case created
    /// The VietQR code is on the screen, or the sale is on the card terminal.
    case presented
    /// The money was received (terminal approval, confirmed transfer, staff confirmation).
    case paid
    /// Declined by the terminal or the bank; nothing was taken.
    case failed
    /// The VietQR code was shown too long without a confirmed transfer.
    case expired
    /// Withdrawn before anything was paid.
    case cancelled
    /// A paid card sale reversed on the terminal the same day, or a paid transfer annulled by staff.
    case voided
    /// A paid amount given back to the resident.
    case refunded

    /// Whether no further transition leaves this status.
    public var isFinal: Bool { PaymentLifecycle.targets(of: self).isEmpty }

    /// Whether money is held for the station in this status.
    public var holdsMoney: Bool { self == .paid }
}
