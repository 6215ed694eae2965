/// A card sale, refund or cancellation for the payment terminal, in đồng (VND has no minor unit),
/// or a status query: the terminal's answer for its last transaction, asked after an answer was
/// lost (timeout, unplugged terminal, restart of the daemon).
public struct TerminalRequest: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case sale, refund, cancel, status }
    public var kind: Kind
    public var amount: Int
    /// Up to 10 characters of reference that come back in the answer (the payment id).
    public var reference: String

    public init(kind: Kind, amount: Int, reference: String) {
        self.kind = kind
        self.amount = amount
        self.reference = reference
    }
}

/// The terminal's answer.
public struct TerminalResult: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable { case approved, rejected, notVerified }
    public var outcome: Outcome
    public var amount: Int
    public var reference: String
    /// The terminal's report field (transaction details; it never carries the full card number).
    public var report: String

    public init(outcome: Outcome, amount: Int, reference: String, report: String) {
        self.outcome = outcome
        self.amount = amount
        self.reference = reference
        self.report = report
    }
}

/// The message layer of a terminal protocol, kept apart from the ECR link so that another
/// protocol (PAX POSLink) fits beside Ingenico Concert.
public protocol TerminalMessageProtocol: Sendable {
    /// The request message (without framing).
    func encode(_ request: TerminalRequest) throws(USBError) -> [UInt8]
    /// The answer message (without framing).
    func decode(_ message: [UInt8]) throws(USBError) -> TerminalResult
    /// Line coding for the CDC-ACM link.
    var lineCoding: CDCACM.LineCoding { get }
    /// How frames are exchanged on the link.
    var handshake: ECRLink.Handshake { get }
}

extension TerminalMessageProtocol {
    public var handshake: ECRLink.Handshake { .enquiry }
}
