import Foundation

/// Reads a file of secrets kept beside the config (the BHXH portal account, the station server's
/// callback secret): refused unless only the service user may read it (mode 0600 or 0400).
/// Problems are ``ConfigError``s naming the file, never its content.
enum PrivateFile {
    /// The text of `path`; `name` says what the file is in messages ("the BHXH credentials file").
    static func read(path: String, name: String) throws(ConfigError) -> String {
        func fail(_ kind: ConfigIssue.Kind, _ message: String) -> ConfigError {
            ConfigError(issues: [ConfigIssue(kind: kind, file: path, line: nil, keyPath: "", message: message)])
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw fail(.unreadableFile, "cannot read \(name): \(String(cString: strerror(errno)))")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw fail(.invalidValue, "\(name) has mode \(String(mode, radix: 8)) (expected 600 or 400: readable by the service user only; chmod 600 it)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw fail(.unreadableFile, "cannot read \(name) (expected UTF-8 text readable by this user)")
        }
        return text
    }
}
