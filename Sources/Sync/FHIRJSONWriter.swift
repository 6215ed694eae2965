import Foundation

/// Writes a ``FHIRJSON`` value as compact JSON in one pass into one buffer: object keys sorted by
/// their UTF-8 bytes, `/` not escaped, control characters as `\uXXXX` (or `\n`, `\t` …). It
/// gives the bytes `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` gives, without
/// the intermediate tree of containers and dictionaries that `JSONEncoder` builds first (for a
/// 500-record bundle that tree was the largest part of the sync engine's heap).
enum FHIRJSONWriter {
    /// The JSON text of `value`; throws ``SyncError`` with reason `mapping` for a number JSON cannot
    /// hold (NaN, infinity).
    static func bytes(_ value: FHIRJSON) throws -> Data {
        var output: [UInt8] = []
        output.reserveCapacity(16 * 1024)
        try append(value, to: &output)
        return Data(output)
    }

    private static func append(_ value: FHIRJSON, to output: inout [UInt8]) throws {
        switch value {
        case .string(let text):
            appendString(text, to: &output)
        case .integer(let number):
            output.append(contentsOf: String(number).utf8)
        case .decimal(let number):
            guard number.isFinite else { throw SyncError(.mapping, "a decimal that JSON cannot hold (\(number))") }
            output.append(contentsOf: (number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)").utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null:
            output.append(contentsOf: "null".utf8)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                try append(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                appendString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                try append(members[key] ?? .null, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                output.append(contentsOf: Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
