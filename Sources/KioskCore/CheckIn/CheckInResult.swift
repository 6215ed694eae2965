public import EMRTD
public import HealthID
public import Store

/// What one check-in produced: the visit and its queue number, the genuineness decision, the
/// insurance answer and whether the ticket was printed.
public struct CheckInResult: Sendable {
    /// The visit opened (status `arrived`), with the day's queue number.
    public let visit: Visit
    /// The policy's decision on the card's genuineness (accepted, possibly with warnings).
    public let decision: VerificationPolicy.Decision
    /// True when the registry did not know the resident and the card's data was added to it.
    public let registeredFromCard: Bool
    /// The insurance check; nil when no insurance portal is configured.
    public let insurance: InsuranceCheckOutcome?
    /// The queue ticket's fate.
    public let ticket: TicketOutcome
    /// The card read's figures (APDUs, bytes, time).
    public let statistics: ReadStatistics
}

/// Whether the queue ticket came out of the printer.
public enum TicketOutcome: Sendable, Equatable {
    /// Printed.
    case printed
    /// No receipt printer is ready: the screen shows the number instead.
    case noPrinter
    /// The printer failed (paper out, cover open, unplugged); the reason for staff.
    case failed(String)
}
