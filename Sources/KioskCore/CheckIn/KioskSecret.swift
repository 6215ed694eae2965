import Foundation
public import KioskBase

/// The kiosk's own random secret (32 bytes in `<stateDir>/identity.key`, mode 0600), created on
/// first use: the key of the document-number hashes in identity-check records, so that they
/// link records of one card on this kiosk without revealing its number.
public struct KioskSecret: Sendable {
    /// The secret bytes.
    public let bytes: [UInt8]

    /// The file name inside the state directory.
    public static let fileName = "identity.key"

    /// A secret from known bytes (tests).
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Reads the secret of `stateDirectory`, creating it (0600) when absent. A file of the wrong
    /// size is an error, never silently replaced: records keyed with it would no longer link.
    public static func load(stateDirectory: String) throws -> KioskSecret {
        let path = (stateDirectory as NSString).appendingPathComponent(fileName)
        if let data = FileManager.default.contents(atPath: path) {
            guard data.count == 32 else { throw KioskSecretError(path: path, reason: "holds \(data.count) bytes, expected 32") }
            return KioskSecret(bytes: [UInt8](data))
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw KioskSecretError(path: path, reason: "cannot be created")
        }
        return KioskSecret(bytes: bytes)
    }
}

/// The kiosk secret file is unusable.
public struct KioskSecretError: KioskError {
    /// The file.
    public let path: String
    /// What is wrong with it.
    public let reason: String
    public var code: String { "identity.secret" }
    public var detail: String { "kiosk secret \(path) \(reason)" }
}
