/// Collects every problem found while reading one config file, with line numbers.
final class ConfigProblems {
    let file: String
    let index: TOMLLineIndex
    private(set) var issues: [ConfigIssue] = []

    init(file: String, index: TOMLLineIndex) {
        self.file = file
        self.index = index
    }

    func report(_ kind: ConfigIssue.Kind, at keyPath: String, _ message: String) {
        issues.append(ConfigIssue(kind: kind, file: file, line: index.line(of: keyPath), keyPath: keyPath, message: message))
    }
}

/// Reads the keys of one TOML table against the schema, reporting each problem instead of
/// stopping at the first, and remembering which keys were read so that the rest can be
/// reported as unknown by ``finish()``.
final class ConfigTableReader {
    let path: String
    private let entries: [(key: String, value: ConfigValue)]
    private let problems: ConfigProblems
    private var known: Set<String> = []

    init(path: String, entries: [(key: String, value: ConfigValue)], problems: ConfigProblems) {
        self.path = path
        self.entries = entries
        self.problems = problems
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func value(_ key: String) -> ConfigValue? {
        known.insert(key)
        return entries.first { $0.key == key }?.value
    }

    /// Whether the table has `key` (without reading it).
    func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// A key that must be present; nil (with a reported issue) when it is missing or wrong.
    func required<Value>(_ key: String, _ field: ConfigField<Value>) -> Value? {
        guard let raw = value(key) else {
            problems.report(.missingKey, at: keyPath(key), "missing required key (expected \(field.expected))")
            return nil
        }
        return check(raw, key, field)
    }

    /// A key that may be absent; nil when absent or wrong (wrong values are reported).
    func optional<Value>(_ key: String, _ field: ConfigField<Value>) -> Value? {
        guard let raw = value(key) else { return nil }
        return check(raw, key, field)
    }

    /// A key that falls back to `defaultValue` when absent.
    func optional<Value>(_ key: String, _ field: ConfigField<Value>, default defaultValue: Value) -> Value {
        guard let raw = value(key) else { return defaultValue }
        return check(raw, key, field) ?? defaultValue
    }

    /// A sub-table; nil when absent (reported if `required`) or not a table.
    func table(_ key: String, required: Bool) -> ConfigTableReader? {
        guard let raw = value(key) else {
            if required { problems.report(.missingKey, at: keyPath(key), "missing required table [\(keyPath(key))]") }
            return nil
        }
        guard case .table(let entries) = raw else {
            problems.report(.wrongType, at: keyPath(key), "is \(raw.typeDescription), expected a table")
            return nil
        }
        return ConfigTableReader(path: keyPath(key), entries: entries, problems: problems)
    }

    /// An array of tables (`[[key]]`); empty when absent.
    func tableArray(_ key: String) -> [ConfigTableReader] {
        guard let raw = value(key) else { return [] }
        guard case .array(let items) = raw else {
            problems.report(.wrongType, at: keyPath(key), "is \(raw.typeDescription), expected an array of tables ([[\(keyPath(key))]])")
            return []
        }
        return items.enumerated().compactMap { index, item in
            let elementPath = "\(keyPath(key))[\(index)]"
            guard case .table(let entries) = item else {
                problems.report(.wrongType, at: elementPath, "is \(item.typeDescription), expected a table")
                return nil
            }
            return ConfigTableReader(path: elementPath, entries: entries, problems: problems)
        }
    }

    /// Reports a problem that involves several keys of this table.
    func report(_ kind: ConfigIssue.Kind, key: String, _ message: String) {
        problems.report(kind, at: keyPath(key), message)
    }

    /// Reports every key of this table that the schema did not ask for.
    func finish() {
        for entry in entries where !known.contains(entry.key) {
            problems.report(.unknownKey, at: keyPath(entry.key), "unknown key")
        }
    }

    private func check<Value>(_ raw: ConfigValue, _ key: String, _ field: ConfigField<Value>) -> Value? {
        switch field.check(raw) {
        case .accepted(let value):
            return value
        case .wrongType:
            problems.report(.wrongType, at: keyPath(key), "is \(raw.typeDescription), expected \(field.expected)")
        case .outOfRange(let why):
            problems.report(.outOfRange, at: keyPath(key), "\(why) (expected \(field.expected))")
        case .invalid(let why):
            problems.report(.invalidValue, at: keyPath(key), "\(why) (expected \(field.expected))")
        }
        return nil
    }
}
