import Crypto
import Foundation

/// The kiosk's account at the BHXH portal and the staff member on whose behalf checks run
/// (`hoTenCb`, `cccdCb`). Every field is secret or personal: it prints redacted.
public struct BHXHCredentials: Sendable, Equatable, CustomStringConvertible {
    /// The portal account's user name.
    public var username: String
    /// The portal account's password, in clear; only its MD5 digest is ever sent.
    public var password: String
    /// The staff member's full name (`hoTenCb`).
    public var staffName: String
    /// The staff member's 12-digit citizen ID number (`cccdCb`).
    public var staffIDNumber: String

    /// Describes an account.
    public init(username: String, password: String, staffName: String, staffIDNumber: String) {
        self.username = username
        self.password = password
        self.staffName = staffName
        self.staffIDNumber = staffIDNumber
    }

    /// The password as the portal wants it: the MD5 digest of its UTF-8 bytes, upper-case hex.
    public var passwordDigest: String {
        Insecure.MD5.hash(data: Data(password.utf8)).map { String(format: "%02X", $0) }.joined()
    }

    public var description: String { "BHXHCredentials(<redacted>)" }
}
