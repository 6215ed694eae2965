import Foundation

/// The shared secret the station server sends as its bearer token when it posts transfers to the
/// local API (`payments.confirmation = "callback"`), kept in a file of its own that only the
/// service user may read (mode 0600 or 0400), one line of at least 32 printable ASCII characters.
///
/// Problems are reported like those of the config file (``ConfigError``), never with the secret.
public enum CallbackSecretFile {
    /// Fewest characters a secret may have.
    public static let minimumLength = 32

    /// Loads the secret at `path`; refuses a file that group or others may read or write.
    public static func load(path: String) throws(ConfigError) -> String {
        let text = try PrivateFile.read(path: path, name: "the callback secret file")
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard secret.count >= minimumLength, secret.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            let problem = "the callback secret is \(secret.count) characters (expected one line of at least \(minimumLength) "
                + "printable ASCII characters without spaces, e.g. from `openssl rand -hex 32`)"
            throw ConfigError(issues: [ConfigIssue(kind: .invalidValue, file: path, line: nil, keyPath: "", message: problem)])
        }
        return secret
    }
}
