/// Wraps a piece of personal data (ID number, name, address, date of birth, photo) so that
/// string interpolation, `print` and log metadata show a placeholder instead of the value.
///
/// The value stays reachable through ``unredacted`` for code that must use it (building an
/// APDU, a database row); logging code only ever sees the wrapper.
public struct Redacted<Value: Sendable>: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The personal value itself. Never log it.
    public let unredacted: Value

    public init(_ value: Value) { self.unredacted = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

extension Redacted: Equatable where Value: Equatable {}
extension Redacted: Hashable where Value: Hashable {}

extension Redacted: Codable where Value: Codable {
    public init(from decoder: any Decoder) throws {
        self.unredacted = try Value(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try unredacted.encode(to: encoder)
    }
}
