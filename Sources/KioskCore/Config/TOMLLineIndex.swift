/// Maps dotted key paths of a TOML document to the line they are written on.
///
/// TOMLKit reports positions for syntax errors only, not for the nodes of a parsed document,
/// so this small scanner recovers them from the text: it follows `[table]` and `[[array]]`
/// headers and `key = value` lines (bare, quoted and dotted keys), skipping the bodies of
/// multi-line strings. It runs only after TOMLKit accepted the document, so it never has to
/// judge syntax.
struct TOMLLineIndex: Sendable {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var tablePrefix: [String] = []
        var arrayCounts: [String: Int] = [:]
        var openMultilineQuote: String?

        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            var line = Substring(rawLine)
            if let quote = openMultilineQuote {
                if line.contains(quote) { openMultilineQuote = nil }
                continue
            }
            line = line.drop(while: { $0 == " " || $0 == "\t" })
            if line.isEmpty || line.hasPrefix("#") { continue }

            if line.hasPrefix("[[") {
                let keys = Self.parseKeys(line.dropFirst(2).prefix { $0 != "]" })
                let base = keys.joined(separator: ".")
                let index = arrayCounts[base, default: 0]
                arrayCounts[base] = index + 1
                // Nested array headers inside an element are rare in this config; keep the simple rule.
                tablePrefix = ["\(base)[\(index)]"]
                record(tablePrefix.joined(separator: "."), lineNumber)
                record(base, lineNumber, onlyIfAbsent: true)
            } else if line.hasPrefix("[") {
                let keys = Self.parseKeys(line.dropFirst().prefix { $0 != "]" })
                tablePrefix = [Self.resolve(keys, arrayCounts: arrayCounts)]
                record(tablePrefix.joined(separator: "."), lineNumber)
            } else if let equals = Self.assignmentSplit(line) {
                let keys = Self.parseKeys(line[..<equals])
                let path = (tablePrefix + keys).filter { !$0.isEmpty }.joined(separator: ".")
                record(path, lineNumber)
                let value = line[line.index(after: equals)...].drop(while: { $0 == " " })
                for quote in ["\"\"\"", "'''"] where value.hasPrefix(quote) {
                    let rest = value.dropFirst(3)
                    if !rest.contains(quote) { openMultilineQuote = quote }
                }
            }
        }
    }

    /// The line of `keyPath`, or of its nearest enclosing table that has a line.
    func line(of keyPath: String) -> Int? {
        var path = keyPath
        while !path.isEmpty {
            if let line = lines[path] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = String(path[..<cut])
        }
        return nil
    }

    private mutating func record(_ path: String, _ line: Int, onlyIfAbsent: Bool = false) {
        if onlyIfAbsent, lines[path] != nil { return }
        lines[path] = line
    }

    /// `a.b` in a table header that continues an `[[a]]` array means its last element.
    private static func resolve(_ keys: [String], arrayCounts: [String: Int]) -> String {
        var resolved: [String] = []
        for key in keys {
            resolved.append(key)
            let joined = resolved.joined(separator: ".")
            if let count = arrayCounts[joined] {
                resolved = ["\(joined)[\(count - 1)]"]
            }
        }
        return resolved.joined(separator: ".")
    }

    /// Index of the `=` that separates key and value, ignoring `=` inside quoted keys.
    private static func assignmentSplit(_ line: Substring) -> Substring.Index? {
        var quote: Character?
        for index in line.indices {
            let char = line[index]
            if let open = quote {
                if char == open { quote = nil }
            } else if char == "\"" || char == "'" {
                quote = char
            } else if char == "=" {
                return index
            }
        }
        return nil
    }

    /// Splits a (possibly dotted, possibly quoted) key into its parts.
    private static func parseKeys(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for char in text {
            if let open = quote {
                if char == open { quote = nil } else { current.append(char) }
            } else if char == "\"" || char == "'" {
                quote = char
            } else if char == "." {
                parts.append(current)
                current = ""
            } else if char != " " && char != "\t" {
                current.append(char)
            }
        }
        parts.append(current)
        return parts
    }
}
