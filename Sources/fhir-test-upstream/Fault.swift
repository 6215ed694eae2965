/// One injected failure, consumed by the next transaction POST.
///
/// Written as a string, in the `--faults` flag (comma-separated) or in `POST /_faults` (a JSON
/// list): `500`, `503`, `503+retry-after=2`, `429`, `429+retry-after=Sun, 06 Nov 1994 08:49:37 GMT`,
/// `400`, `400:diagnostics text`, `delay=3000` (milliseconds, then a normal answer), `reset`
/// (the bundle is stored, the connection reset in the middle of the answer), `malformed` (the
/// bundle is stored, the answer is broken JSON).
enum Fault: Equatable, Sendable {
    case status(Int, retryAfter: String?)
    case refuse(diagnostics: String)
    case delay(milliseconds: Int64)
    case reset
    case malformed

    init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text == "reset" { self = .reset; return }
        if text == "malformed" { self = .malformed; return }
        if text.hasPrefix("delay="), let ms = Int64(text.dropFirst(6)) { self = .delay(milliseconds: ms); return }
        if text.hasPrefix("400") {
            let rest = text.dropFirst(3)
            self = .refuse(diagnostics: rest.hasPrefix(":") ? String(rest.dropFirst()) : "Bundle rejected by the test upstream")
            return
        }
        let parts = text.split(separator: "+", maxSplits: 1)
        guard let status = Int(parts[0]), (100..<600).contains(status) else { return nil }
        var retryAfter: String?
        if parts.count == 2 {
            guard parts[1].hasPrefix("retry-after=") else { return nil }
            retryAfter = String(parts[1].dropFirst("retry-after=".count))
        }
        self = .status(status, retryAfter: retryAfter)
    }
}

import Foundation
