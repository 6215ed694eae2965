/// How one config value is checked and converted: the type and range it must have, and the
/// words that say so in an error message.
struct ConfigField<Value: Sendable>: Sendable {
    /// Outcome of checking one value.
    enum Check: Sendable {
        case accepted(Value)
        case wrongType
        case outOfRange(String)
        case invalid(String)
    }

    /// What was expected, for messages: "a string of 6 digits".
    let expected: String
    let check: @Sendable (ConfigValue) -> Check
}

extension ConfigField where Value == String {
    static var string: Self { text(expected: "a non-empty string") { $0.isEmpty ? "must not be empty" : nil } }

    /// A string accepted when `problem` returns nil; otherwise the returned words say why not.
    static func text(expected: String, problem: @escaping @Sendable (String) -> String?) -> Self {
        Self(expected: expected) { value in
            guard case .string(let text) = value else { return .wrongType }
            if let problem = problem(text) { return .invalid(problem) }
            return .accepted(text)
        }
    }

    static func digits(_ count: Int) -> Self {
        text(expected: "a string of \(count) digits") { text in
            text.count == count && text.allSatisfy(\.isASCIIDigit) ? nil : "\"\(text)\" is not \(count) digits"
        }
    }

    static var absolutePath: Self {
        text(expected: "an absolute path") { $0.hasPrefix("/") ? nil : "\"\($0)\" is not an absolute path" }
    }

    static func url(schemes: Set<String>) -> Self {
        text(expected: "a URL (\(schemes.sorted().joined(separator: " or ")))") { text in
            guard let colon = text.firstIndex(of: ":"),
                  schemes.contains(String(text[..<colon]).lowercased()),
                  text[colon...].hasPrefix("://"),
                  text.count > text.distance(from: text.startIndex, to: colon) + 3
            else { return "\"\(text)\" is not a \(schemes.sorted().joined(separator: "/")) URL" }
            return nil
        }
    }

    /// Printable ASCII of at most `maxLength` characters (VietQR merchant fields).
    static func ascii(maxLength: Int) -> Self {
        text(expected: "ASCII text without diacritics, at most \(maxLength) characters") { text in
            if text.isEmpty { return "must not be empty" }
            if !text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
                return "contains characters outside printable ASCII (fold the diacritics)"
            }
            if text.utf8.count > maxLength { return "is \(text.utf8.count) characters long" }
            return nil
        }
    }
}

extension ConfigField where Value == Int {
    static func int(in range: ClosedRange<Int>) -> Self {
        Self(expected: "an integer from \(range.lowerBound) to \(range.upperBound)") { value in
            guard case .int(let number) = value else { return .wrongType }
            return range.contains(number) ? .accepted(number) : .outOfRange("\(number) is outside \(range.lowerBound)...\(range.upperBound)")
        }
    }
}

extension ConfigField where Value == Bool {
    static var bool: Self {
        Self(expected: "true or false") { value in
            guard case .bool(let flag) = value else { return .wrongType }
            return .accepted(flag)
        }
    }
}

extension ConfigField where Value == [String] {
    static var stringList: Self {
        Self(expected: "an array of non-empty strings") { value in
            guard case .array(let items) = value else { return .wrongType }
            var result: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item, !text.isEmpty else {
                    return .invalid("element \(index) is \(item.typeDescription), not a non-empty string")
                }
                result.append(text)
            }
            return .accepted(result)
        }
    }
}

extension ConfigField {
    /// One of a fixed set of words, mapped to an enum.
    static func oneOf(_ choices: [(String, Value)]) -> Self {
        let names = choices.map { "\"\($0.0)\"" }.joined(separator: ", ")
        let table = choices
        return Self(expected: "one of \(names)") { value in
            guard case .string(let text) = value else { return .wrongType }
            guard let match = table.first(where: { $0.0 == text }) else { return .invalid("\"\(text)\" is not a known value") }
            return .accepted(match.1)
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIIHexDigit: Bool { isASCII && isHexDigit }
}
