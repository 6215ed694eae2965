import Foundation

/// The operator-facing text of a server's `OperationOutcome`: each issue's severity, code and
/// diagnostics (or details text), with long digit runs masked so that an ID or insurance number
/// echoed by the server does not end up in the outbox's `last_error`.
enum OperationOutcomeText {
    static let maximumLength = 600

    /// The text of an OperationOutcome in `body`, or nil when the body is not one.
    static func from(_ body: Data) -> String? {
        guard let json = try? JSONDecoder().decode(FHIRJSON.self, from: body) else { return nil }
        return from(json)
    }

    /// The text of `json` when it is an OperationOutcome.
    static func from(_ json: FHIRJSON) -> String? {
        guard json["resourceType"]?.stringValue == "OperationOutcome" else { return nil }
        let issues = (json["issue"]?.arrayValue ?? []).map { issue -> String in
            let severity = issue["severity"]?.stringValue ?? "error"
            let code = issue["code"]?.stringValue ?? "unknown"
            let text = issue["diagnostics"]?.stringValue ?? issue["details"]?["text"]?.stringValue ?? ""
            return text.isEmpty ? "\(severity)/\(code)" : "\(severity)/\(code): \(text)"
        }
        return masked(issues.isEmpty ? "OperationOutcome without issues" : issues.joined(separator: "; "))
    }

    /// `text` with every word holding 9 or more digits replaced by `<redacted>`, then shortened.
    static func masked(_ text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { word -> Substring in
            word.filter(\.isNumber).count >= 9 ? "<redacted>" : word
        }
        let joined = words.joined(separator: " ")
        return joined.count <= maximumLength ? joined : String(joined.prefix(maximumLength)) + "…"
    }
}
