public import KioskBase

/// One problem found in a config file: where it is (`file:line`, key path), what is wrong and
/// what was expected.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem; stable for tests and tooling.
    public enum Kind: String, Sendable {
        case unreadableFile, syntax, unknownKey, wrongType, outOfRange, missingKey, invalidValue
    }

    public let kind: Kind
    public let file: String
    /// 1-based line of the key (or of its table header when the key is missing); nil when unknown.
    public let line: Int?
    /// Dotted key path, e.g. `payments.bank_bin` or `usb.devices[1].id`.
    public let keyPath: String
    public let message: String

    public init(kind: Kind, file: String, line: Int?, keyPath: String, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}

/// All problems of one config file, reported together; thrown by ``ConfigLoader``.
public struct ConfigError: KioskError {
    public let issues: [ConfigIssue]

    public init(issues: [ConfigIssue]) { self.issues = issues }

    public var code: String { "config.invalid" }
    public var detail: String { issues.map(\.description).joined(separator: "\n") }
}
