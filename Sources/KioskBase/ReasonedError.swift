/// The shape of a module's error: a reason whose raw value is the stable dotted code (the kiosk
/// screen maps it to a sentence), and a technical detail for logs without personal data.
public struct ReasonedError<Reason: RawRepresentable & Sendable & Equatable>: KioskError, Equatable where Reason.RawValue == String {
    /// What went wrong.
    public let reason: Reason
    /// What failed, where, and what was expected; never personal data.
    public let detail: String

    /// An error for `reason`; `detail` must not contain personal data.
    public init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var code: String { reason.rawValue }
}
