import Foundation
import Logging
import TOMLKit

/// Reads a kiosk config file and checks it completely, reporting every problem at once
/// (``ConfigError``) with `file:line`, the key path and what was expected.
public enum ConfigLoader {
    /// Loads and checks the file at `path`.
    public static func load(path: String) throws(ConfigError) -> KioskConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            throw ConfigError(issues: [ConfigIssue(kind: .unreadableFile, file: path, line: nil, keyPath: "",
                                                   message: "cannot read the config file: \(reason)")])
        }
        return try parse(text: text, file: path)
    }

    /// Checks config text; `file` names it in messages.
    public static func parse(text: String, file: String) throws(ConfigError) -> KioskConfig {
        let root: ConfigValue
        do {
            root = ConfigValue(try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            throw ConfigError(issues: [ConfigIssue(kind: .syntax, file: file, line: error.source.begin.line, keyPath: "",
                                                   message: "TOML syntax error: \(error.description) (column \(error.source.begin.column))")])
        } catch {
            throw ConfigError(issues: [ConfigIssue(kind: .syntax, file: file, line: nil, keyPath: "", message: "TOML syntax error: \(error)")])
        }
        guard case .table(let entries) = root else {
            throw ConfigError(issues: [ConfigIssue(kind: .syntax, file: file, line: nil, keyPath: "", message: "the document is not a table")])
        }
        let problems = ConfigProblems(file: file, index: TOMLLineIndex(text: text))
        let reader = ConfigTableReader(path: "", entries: entries, problems: problems)
        let config = KioskConfigSchema.read(reader)
        reader.finish()
        guard problems.issues.isEmpty, let config else {
            throw ConfigError(issues: problems.issues.sorted { ($0.line ?? 0, $0.keyPath) < ($1.line ?? 0, $1.keyPath) })
        }
        return config
    }
}
