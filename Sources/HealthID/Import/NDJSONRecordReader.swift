import Foundation

/// Streams rows of an NDJSON registry file: one JSON object per line, UTF-8, keys naming the
/// columns, values strings (or null for an empty field). Blank lines are skipped.
struct NDJSONRecordReader: RegistryRecordSource {
    private var source: ByteSource
    private var line = 0
    private let decoder = JSONDecoder()

    var bytesRead: Int64 { source.consumed }
    var totalBytes: Int64 { source.totalBytes }
    var ignoredColumns: [String] { [] }

    init(path: String) throws(HealthIDError) {
        source = try ByteSource(path: path)
    }

    mutating func next() throws(HealthIDError) -> RegistryRow? {
        while true {
            var bytes: [UInt8] = []
            var sawByte = false
            while let byte = try source.next() {
                sawByte = true
                if byte == UInt8(ascii: "\n") { break }
                bytes.append(byte)
            }
            guard sawByte else { return nil }
            line += 1
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            return RegistryRow(line: line, fields: parse(bytes))
        }
    }

    private func parse(_ bytes: [UInt8]) -> Result<[String: String], HealthIDError> {
        let object: JSONRow
        do {
            object = try decoder.decode(JSONRow.self, from: Data(bytes))
        } catch {
            return .failure(HealthIDError(.malformedRecord, what: "row", expected: "one JSON object in UTF-8 on the line"))
        }
        if let key = object.nonStringKey {
            return .failure(HealthIDError(.malformedRecord, what: "key \(key)",
                                          expected: "a JSON string or null (numbers lose leading zeros)"))
        }
        return .success(object.fields)
    }
}

/// A JSON object whose string values are kept; the first key with another kind of value noted.
private struct JSONRow: Decodable {
    var fields: [String: String] = [:]
    var nonStringKey: String?

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if try container.decodeNil(forKey: key) { continue }
            if let value = try? container.decode(String.self, forKey: key) {
                if !value.isEmpty { fields[key.stringValue.lowercased()] = value }
            } else if nonStringKey == nil {
                nonStringKey = key.stringValue
            }
        }
    }
}
