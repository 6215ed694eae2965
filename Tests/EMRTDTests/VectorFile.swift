import Foundation
@testable import EMRTD

/// Reads the `key = value  # comment` files in Vectors/, grouped by `[section]` headers.
struct VectorFile {
    private var sections: [(name: String, values: [String: String])] = []

    init(_ name: String) throws {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Vectors") else {
            throw VectorError.missing(name)
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") || trimmed.isEmpty { continue }
            if trimmed.hasPrefix("[") {
                sections.append((String(trimmed.dropFirst().prefix { $0 != "]" }), [:]))
                continue
            }
            let parts = trimmed.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !sections.isEmpty else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts[1].trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
            sections[sections.count - 1].values[key] = value
        }
    }

    /// The raw text of `key`, in the first section whose name starts with `section` (any section when nil).
    func text(_ key: String, in section: String? = nil) throws -> String {
        for s in sections where section == nil || s.name.hasPrefix(section!) {
            if let v = s.values[key] { return v }
        }
        throw VectorError.missing("\(section ?? "*")/\(key)")
    }

    /// The bytes of hex value `key`.
    func bytes(_ key: String, in section: String? = nil) throws -> [UInt8] {
        let t = try text(key, in: section)
        guard let b = [UInt8](hex: t) else { throw VectorError.notHex(key) }
        return b
    }
}

enum VectorError: Error { case missing(String), notHex(String) }

func hex(_ s: String) -> [UInt8] { [UInt8](hex: s)! }
