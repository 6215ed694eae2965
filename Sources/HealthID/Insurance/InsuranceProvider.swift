/// A health-insurance card-check service. ``BHXHPortal`` is the real one.
public protocol InsuranceProvider: Sendable {
    /// The identifier kind this provider sends.
    var identifierKind: InsuranceIdentifierKind { get }
    /// The longest a check may take, login included.
    var timeLimit: Duration { get }
    /// Asks the service about `subject`'s card. Throws ``HealthIDError`` with a `portal…` reason
    /// when no answer about the card came (unreachable, timeout, 5xx, refused login, malformed).
    func check(_ subject: InsuranceSubject) async throws(HealthIDError) -> InsuranceCardAnswer
    /// Releases connections; no call may follow.
    func shutdown() async
}
