import Foundation
public import HealthID
import TOMLKit

/// Reads the BHXH portal account from its own TOML file, which only the service user may read:
///
///     username = "…"          # the portal account
///     password = "…"          # in clear; only its MD5 digest is sent
///     staff_name = "…"        # hoTenCb: the staff member on whose account checks run
///     staff_id_number = "…"   # cccdCb: their 12-digit citizen ID number
///
/// Problems are reported like those of the config file (``ConfigError``), never with a value.
public enum BHXHCredentialsFile {
    /// Loads `path`; refuses a file that group or others may read or write.
    public static func load(path: String) throws(ConfigError) -> BHXHCredentials {
        func fail(_ kind: ConfigIssue.Kind, _ message: String, line: Int? = nil) -> ConfigError {
            ConfigError(issues: [ConfigIssue(kind: kind, file: path, line: line, keyPath: "", message: message)])
        }
        let text = try PrivateFile.read(path: path, name: "the BHXH credentials file")
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw fail(.syntax, "TOML syntax error (column \(error.source.begin.column))", line: error.source.begin.line)
        } catch {
            throw fail(.syntax, "TOML syntax error")
        }
        guard case .table(let entries) = ConfigValue(table) else { throw fail(.syntax, "the document is not a table") }
        let problems = ConfigProblems(file: path, index: TOMLLineIndex(text: text))
        let reader = ConfigTableReader(path: "", entries: entries, problems: problems)
        let username = reader.required("username", .string)
        let password = reader.required("password", .string)
        let staffName = reader.required("staff_name", .string)
        let staffID = reader.required("staff_id_number", .text(expected: "the staff member's 12-digit citizen ID number") { text in
            text.count == 12 && text.allSatisfy(\.isASCIIDigit) ? nil : "is not 12 digits"
        })
        reader.finish()
        guard problems.issues.isEmpty, let username, let password, let staffName, let staffID else {
            throw ConfigError(issues: problems.issues)
        }
        return BHXHCredentials(username: username, password: password, staffName: staffName, staffIDNumber: staffID)
    }
}
