import Foundation

/// The stored form of a staff password: `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`.
/// This checks the form only; verifying a password belongs to the local API.
enum PasswordHashFormat {
    static let minimumIterations = 100_000

    /// Nil when `text` is well formed, otherwise the reason it is not.
    @Sendable static func problem(_ text: String) -> String? {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256" else {
            return "is not of the form pbkdf2-sha256$iterations$salt$hash"
        }
        guard let iterations = Int(parts[1]), iterations >= minimumIterations else {
            return "iteration count \"\(parts[1])\" is below \(minimumIterations)"
        }
        guard let salt = Data(base64Encoded: String(parts[2])), salt.count >= 16 else {
            return "the salt is not base64 of at least 16 bytes"
        }
        guard let hash = Data(base64Encoded: String(parts[3])), hash.count == 32 else {
            return "the hash is not base64 of 32 bytes"
        }
        return nil
    }
}
