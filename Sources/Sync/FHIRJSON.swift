public import Foundation

/// A JSON value as FHIR resources are built and read here: small, `Sendable`, and encoded with
/// sorted keys so that the same records always give the same bytes.
public indirect enum FHIRJSON: Sendable, Equatable, Codable,
    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// A string.
    case string(String)
    /// A whole number (amounts in dong, sequence numbers).
    case integer(Int64)
    /// A decimal number.
    case decimal(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// An array.
    case array([FHIRJSON])
    /// An object.
    case object([String: FHIRJSON])
    /// `null`.
    case null

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: FHIRJSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, FHIRJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .decimal(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([FHIRJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: FHIRJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .decimal(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// The member `key` of an object; nil for anything else.
    public subscript(key: String) -> FHIRJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string, if this is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [FHIRJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The value with `nil` members dropped: builds optional members without `if`s.
    static func compact(_ members: [String: FHIRJSON?]) -> FHIRJSON {
        .object(members.compactMapValues { $0 })
    }

    /// Encodes with sorted keys and unescaped slashes (``FHIRJSONWriter``).
    public func encoded() throws -> Data {
        try FHIRJSONWriter.bytes(self)
    }
}
