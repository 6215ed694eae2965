/// The shape every module's error type takes: a stable code the kiosk screen maps to a
/// resident-facing sentence, and a technical detail for logs and technicians.
///
/// The detail must never carry personal data; wrap such values in ``Redacted`` before
/// interpolating them.
public protocol KioskError: Error, CustomStringConvertible, Sendable {
    /// Stable, dotted, machine-readable code (`config.unknownKey`, `card.removed`).
    var code: String { get }
    /// What went wrong, where, and what was expected: for logs and `kioskctl` output.
    var detail: String { get }
}

extension KioskError {
    public var description: String { "\(code): \(detail)" }
}
