import Foundation
import Testing

// Keeps udev/*.rules, hardware-docs/devices.tsv and the hardware-docs pages in agreement
// (ARCHITECTURE.md conventions 3, 10 and 11). Reads the real files of the repository.

private enum HardwareFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let docs = root.appendingPathComponent("hardware-docs")
    static let udev = root.appendingPathComponent("udev")
    static let table = docs.appendingPathComponent("devices.tsv")

    static let families = ["card-reader", "qr-scanner", "payment-terminal", "receipt-printer"]
    static let pageOfFamily = [
        "card-reader": "card-readers.md", "qr-scanner": "qr-scanners.md",
        "payment-terminal": "payment-terminals.md", "receipt-printer": "receipt-printers.md",
    ]
    static let statuses = ["supported", "should-work", "unsupported"]
    static let columns = ["family", "vid", "pid", "model", "status", "interface", "doc", "source"]
    static let pageHeadings = ["What it is", "USB ids or ATR", "Protocol", "udev access", "Quirks", "How to test"]

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
}

/// One row of hardware-docs/devices.tsv.
private struct DeviceRow: Sendable {
    var line: Int
    var fields: [String: String]
    var family: String { fields["family"] ?? "" }
    var vid: String { fields["vid"] ?? "" }
    var pid: String { fields["pid"] ?? "" }
    var id: String { "\(vid):\(pid)" }
    var model: String { fields["model"] ?? "" }
    var status: String { fields["status"] ?? "" }
    var doc: String { fields["doc"] ?? "" }
    var grantsAccess: Bool { status == "supported" || status == "should-work" }
}

private struct DeviceTable {
    var header: [String]
    var rows: [DeviceRow]
    var problems: [String]

    static func load() throws -> DeviceTable {
        let lines = try HardwareFiles.text(HardwareFiles.table).components(separatedBy: "\n")
        var header: [String]?
        var rows: [DeviceRow] = []
        var problems: [String] = []
        for (index, line) in lines.enumerated() where !line.isEmpty && !line.hasPrefix("#") {
            let cells = line.components(separatedBy: "\t")
            guard let names = header else { header = cells; continue }
            if cells.count != names.count {
                problems.append("devices.tsv:\(index + 1): \(cells.count) fields, the header has \(names.count)")
                continue
            }
            rows.append(DeviceRow(line: index + 1, fields: Dictionary(uniqueKeysWithValues: zip(names, cells))))
        }
        return DeviceTable(header: header ?? [], rows: rows, problems: problems)
    }
}

/// One rule line of a udev rules file: its match and assignment keys, and the comment lines above it.
private struct UdevRule {
    var file: String
    var line: Int
    var keys: [(key: String, op: String, value: String)]
    var comment: String
    var parseError: String?

    func value(_ key: String, _ op: String) -> String? { keys.first { $0.key == key && $0.op == op }?.value }
    var where_: String { "\(file):\(line)" }
    var id: String? {
        guard let v = value("ATTR{idVendor}", "=="), let p = value("ATTR{idProduct}", "==") else { return nil }
        return "\(v):\(p)"
    }

    /// Splits `KEY=="value", KEY="value", ...` into keys; records an error for anything else.
    static func parse(_ text: String, file: String, line: Int, comment: String) -> UdevRule {
        var rule = UdevRule(file: file, line: line, keys: [], comment: comment)
        var rest = Substring(text)
        func fail(_ why: String) -> UdevRule { var r = rule; r.parseError = why; return r }
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" }
            if rest.isEmpty { break }
            guard let opStart = rest.firstIndex(where: { "=!+-:".contains($0) }) else { return fail("no operator in \(rest)") }
            let key = String(rest[..<opStart])
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || "_{}".contains($0) }) else {
                return fail("bad key '\(key)'")
            }
            var afterKey = rest[opStart...]
            let op = ["==", "!=", "+=", "-=", ":=", "="].first { afterKey.hasPrefix($0) } ?? ""
            guard !op.isEmpty else { return fail("bad operator after \(key)") }
            afterKey = afterKey.dropFirst(op.count)
            guard afterKey.first == "\"", let close = afterKey.dropFirst().firstIndex(of: "\"") else {
                return fail("value of \(key) is not a quoted string")
            }
            let value = String(afterKey[afterKey.index(after: afterKey.startIndex)..<close])
            rule.keys.append((key, op, value))
            rest = afterKey[afterKey.index(after: close)...].drop { $0 == " " }
            if rest.isEmpty { break }
            guard rest.first == "," else { return fail("expected ',' after \(key)") }
            rest = rest.dropFirst()
        }
        return rule
    }
}

private struct RuleFile {
    var name: String
    var family: String?
    var rules: [UdevRule]

    static func loadAll() throws -> [RuleFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: HardwareFiles.udev.path)
            .filter { $0.hasSuffix(".rules") }.sorted()
        return try names.map { name in
            let text = try HardwareFiles.text(HardwareFiles.udev.appendingPathComponent(name))
            var rules: [UdevRule] = []
            var comment: [String] = []
            for (index, raw) in text.components(separatedBy: "\n").enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty { comment = []; continue }
                if line.hasPrefix("#") { comment.append(line); continue }
                var rule = UdevRule.parse(line, file: name, line: index + 1, comment: comment.joined(separator: "\n"))
                if raw.hasSuffix("\\") { rule.parseError = "line continuation is not allowed" }
                rules.append(rule)
                comment = []
            }
            return RuleFile(name: name, family: family(ofFileName: name), rules: rules)
        }
    }

    /// `NN-health-kiosk-<family>.rules` → family, or nil when the name does not have that form.
    static func family(ofFileName name: String) -> String? {
        let parts = name.split(separator: "-", maxSplits: 3).map(String.init)
        guard parts.count == 4, parts[0].count == 2, parts[0].allSatisfy(\.isNumber),
              parts[1] == "health", parts[2] == "kiosk", parts[3].hasSuffix(".rules") else { return nil }
        let family = String(parts[3].dropLast(".rules".count))
        return HardwareFiles.families.contains(family) ? family : nil
    }
}

private func isLowerHex4(_ s: String) -> Bool {
    s.count == 4 && s.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
}

@Suite("udev rules and the hardware device table")
struct UdevRulesTests {
    @Test("devices.tsv is well formed and every doc page it names exists")
    func deviceTableIsWellFormed() throws {
        let table = try DeviceTable.load()
        #expect(table.header == HardwareFiles.columns, "devices.tsv header")
        for problem in table.problems { Issue.record(Comment(rawValue: problem)) }
        #expect(!table.rows.isEmpty, "devices.tsv has no rows")
        var seen: [String: Int] = [:]
        for row in table.rows {
            let at = "devices.tsv:\(row.line)"
            #expect(HardwareFiles.families.contains(row.family), "\(at): unknown family '\(row.family)'")
            #expect(isLowerHex4(row.vid) && isLowerHex4(row.pid), "\(at): ids must be 4 lower-case hex digits, got \(row.id)")
            #expect(HardwareFiles.statuses.contains(row.status), "\(at): unknown status '\(row.status)'")
            #expect(!row.model.isEmpty && !(row.fields["interface"] ?? "").isEmpty && !(row.fields["source"] ?? "").isEmpty,
                    "\(at): model, interface and source must be filled in")
            #expect(row.doc == HardwareFiles.pageOfFamily[row.family], "\(at): a \(row.family) belongs on \(HardwareFiles.pageOfFamily[row.family] ?? "?"), not \(row.doc)")
            #expect(FileManager.default.fileExists(atPath: HardwareFiles.docs.appendingPathComponent(row.doc).path),
                    "\(at): doc page hardware-docs/\(row.doc) does not exist")
            if let first = seen[row.id] { Issue.record("\(at): \(row.id) is already listed on line \(first)") }
            seen[row.id] = row.line
        }
        for family in HardwareFiles.families {
            #expect(table.rows.contains { $0.family == family && $0.grantsAccess }, "no usable \(family) in devices.tsv")
        }
    }

    @Test("one rules file per family, named NN-health-kiosk-<family>.rules")
    func ruleFilesAreNamedByFamily() throws {
        let files = try RuleFile.loadAll()
        for file in files {
            #expect(file.family != nil, "udev/\(file.name) is not named NN-health-kiosk-<family>.rules with a known family")
        }
        for family in HardwareFiles.families {
            let count = files.filter { $0.family == family }.count
            #expect(count == 1, "\(count) rules files for \(family), expected 1")
        }
    }

    @Test("every rule is guarded by ACTION/SUBSYSTEM/DEVTYPE and grants GROUP=kiosk MODE=0660")
    func everyRuleIsGuarded() throws {
        let allowedKeys: Set<String> = [
            "ACTION", "SUBSYSTEM", "ENV{DEVTYPE}", "ATTR{idVendor}", "ATTR{idProduct}", "ENV{ID_USB_INTERFACES}",
            "GROUP", "MODE",
        ]
        let files = try RuleFile.loadAll()
        #expect(files.contains { !$0.rules.isEmpty }, "no rules found in udev/")
        for rule in files.flatMap(\.rules) {
            if let error = rule.parseError { Issue.record("\(rule.where_): \(error)"); continue }
            #expect(rule.value("ACTION", "==") == "add|change", "\(rule.where_): needs ACTION==\"add|change\"")
            #expect(rule.value("SUBSYSTEM", "==") == "usb", "\(rule.where_): needs SUBSYSTEM==\"usb\"")
            #expect(rule.value("ENV{DEVTYPE}", "==") == "usb_device", "\(rule.where_): needs ENV{DEVTYPE}==\"usb_device\"")
            #expect(rule.value("GROUP", "=") == "kiosk", "\(rule.where_): needs GROUP=\"kiosk\"")
            #expect(rule.value("MODE", "=") == "0660", "\(rule.where_): needs MODE=\"0660\"")
            if let id = rule.id {
                let parts = id.split(separator: ":").map(String.init)
                #expect(parts.allSatisfy(isLowerHex4), "\(rule.where_): ids must be 4 lower-case hex digits, got \(id)")
            } else {
                Issue.record("\(rule.where_): needs ATTR{idVendor}==\"vvvv\" and ATTR{idProduct}==\"pppp\"")
            }
            for key in rule.keys where !allowedKeys.contains(key.key) {
                Issue.record("\(rule.where_): key \(key.key) is not expected in a HealthKiosk device rule")
            }
            #expect(!rule.keys.contains { $0.value.contains("uaccess") }, "\(rule.where_): uaccess does nothing for a system daemon")
        }
    }

    @Test("every rule's VID:PID is a usable device of the file's family, with a comment naming model and page")
    func everyRuleIsInTheTable() throws {
        let table = try DeviceTable.load()
        let byID = Dictionary(table.rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for file in try RuleFile.loadAll() {
            for rule in file.rules {
                guard let id = rule.id else { continue }  // reported by everyRuleIsGuarded
                guard let row = byID[id] else {
                    Issue.record("\(rule.where_): \(id) is not in hardware-docs/devices.tsv")
                    continue
                }
                #expect(row.family == file.family, "\(rule.where_): \(id) is a \(row.family) in devices.tsv")
                #expect(row.grantsAccess, "\(rule.where_): \(id) is marked \(row.status) in devices.tsv and must not get a rule")
                #expect(rule.comment.contains(row.model), "\(rule.where_): the comment above the rule must name the model '\(row.model)'")
                #expect(rule.comment.contains("hardware-docs/\(row.doc)"), "\(rule.where_): the comment above the rule must name hardware-docs/\(row.doc)")
            }
        }
    }

    @Test("every supported or should-work device has exactly one rule in its family's file")
    func everyUsableDeviceHasARule() throws {
        let table = try DeviceTable.load()
        let files = try RuleFile.loadAll()
        for row in table.rows where row.grantsAccess {
            let matches = files.filter { $0.family == row.family }.flatMap(\.rules).filter { $0.id == row.id }
            #expect(matches.count == 1,
                    "devices.tsv:\(row.line): \(row.id) (\(row.model), \(row.status)) has \(matches.count) rules in the \(row.family) rules file, expected 1")
        }
    }

    @Test("every family page has the fixed headings and lists its devices; the README lists them all")
    func docPagesAgreeWithTheTable() throws {
        let table = try DeviceTable.load()
        let readme = try HardwareFiles.text(HardwareFiles.docs.appendingPathComponent("README.md"))
        for heading in ["## Supported devices", "## Bring-up checklist for a new kiosk"] {
            #expect(readme.contains(heading), "hardware-docs/README.md lacks '\(heading)'")
        }
        for (family, page) in HardwareFiles.pageOfFamily {
            let url = HardwareFiles.docs.appendingPathComponent(page)
            guard let text = try? HardwareFiles.text(url) else {
                Issue.record("hardware-docs/\(page) is missing")
                continue
            }
            let headings = text.components(separatedBy: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
            #expect(headings == HardwareFiles.pageHeadings, "hardware-docs/\(page) headings are \(headings)")
            for row in table.rows where row.family == family {
                #expect(text.contains(row.id), "hardware-docs/\(page) does not mention \(row.id) (\(row.model))")
                #expect(readme.contains("| \(row.id) |"), "hardware-docs/README.md's table does not list \(row.id) (\(row.model))")
            }
        }
    }
}
