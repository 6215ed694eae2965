import COpenSSL
import Foundation
import NIOPosix

/// Checks a staff member's password against the `local_api.staff` credentials of the config
/// (`pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`), with PBKDF2-HMAC-SHA256 from
/// OpenSSL and a constant-time comparison. The same check guards staff actions on the control
/// socket and on the local API.
public struct StaffAuthenticator: Sendable {
    let storedHash: @Sendable (String) -> String?

    /// An authenticator for `credentials`, username → stored hash.
    public init(credentials: [String: String]) {
        storedHash = { credentials[$0] }
    }

    /// An authenticator for the staff list of the config in force (`[[local_api.staff]]`), so that
    /// a reloaded config adds or removes logins at once.
    public init(staff: @escaping @Sendable () -> [KioskConfig.StaffCredential]) {
        storedHash = { name in staff().first { $0.username == name }?.passwordHash }
    }

    /// The username when `password` is theirs; otherwise an error that does not say whether
    /// the name or the password was wrong.
    public func authenticate(username: String, password: String) throws -> String {
        let refused = PaymentDeskError(.unauthorized, "staff login refused for \"\(username.prefix(40))\": unknown name or wrong password")
        guard let stored = storedHash(username) else {
            // Spend the same time as for a known name.
            _ = Self.derive(password: password, salt: Array(repeating: 0, count: 16), iterations: 100_000, length: 32)
            throw refused
        }
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let iterations = Int(parts[1]), iterations > 0,
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])), !expected.isEmpty else {
            throw PaymentDeskError(.unauthorized, "staff \"\(username.prefix(40))\": the stored password hash is malformed (expected pbkdf2-sha256$iterations$salt$hash)")
        }
        guard let derived = Self.derive(password: password, salt: Array(salt), iterations: iterations, length: expected.count),
              ConstantTime.equal(secret: Array(expected), given: derived) else {
            throw refused
        }
        return username
    }

    /// ``authenticate(username:password:)`` on NIO's thread pool for blocking work: the PBKDF2
    /// rounds take a noticeable time and must not hold one of the few cooperative threads.
    public func authenticateOffPool(username: String, password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { try self.authenticate(username: username, password: password) }
    }

    /// PBKDF2-HMAC-SHA256 (RFC 8018 §5.2).
    static func derive(password: String, salt: [UInt8], iterations: Int, length: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: length)
        let utf8 = Array(password.utf8)
        let ok = utf8.withUnsafeBufferPointer { pass in
            pass.withMemoryRebound(to: CChar.self) { pass in
                PKCS5_PBKDF2_HMAC(pass.baseAddress, Int32(pass.count), salt, Int32(salt.count), Int32(iterations), EVP_sha256(), Int32(length), &out)
            }
        }
        return ok == 1 ? out : nil
    }
}
