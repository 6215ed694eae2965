import Crypto
public import Foundation

/// A public-key pin: the SHA-256 of a certificate's DER SubjectPublicKeyInfo, written
/// `sha256/<base64>` (the form of RFC 7469 and of `curl --pinnedpubkey`).
///
/// Make one from a certificate with
/// `openssl x509 -in cert.pem -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`.
public struct SPKIPin: Sendable, Equatable, CustomStringConvertible {
    /// The 32-byte SHA-256 digest.
    public let digest: Data

    /// Parses `sha256/<base64 of 32 bytes>`; throws ``SyncError`` with reason `configuration`
    /// naming what is wrong.
    public init(_ text: String) throws(SyncError) {
        guard text.hasPrefix("sha256/") else {
            throw SyncError(.configuration, "SPKI pin \"\(text.prefix(60))\" does not start with \"sha256/\"")
        }
        guard let digest = Data(base64Encoded: String(text.dropFirst("sha256/".count))), digest.count == 32 else {
            throw SyncError(.configuration, "SPKI pin \"\(text.prefix(60))\" is not sha256/ followed by the base64 of 32 bytes")
        }
        self.digest = digest
    }

    /// The pin of a DER SubjectPublicKeyInfo.
    public init(subjectPublicKeyInfo: some DataProtocol) {
        digest = Data(SHA256.hash(data: Data(subjectPublicKeyInfo)))
    }

    public var description: String { "sha256/" + digest.base64EncodedString() }
}
