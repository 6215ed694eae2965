import TOMLKit

/// A parsed TOML value detached from TOMLKit's C++ nodes, so that it is `Sendable` and can be
/// validated without holding on to the parser's tree.
enum ConfigValue: Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    /// Dates, times and date-times: kept as their TOML text.
    case dateTime(String)
    case array([ConfigValue])
    case table([(key: String, value: ConfigValue)])

    /// The TOML type name used in error messages ("a string", "an integer").
    var typeDescription: String {
        switch self {
        case .string: "a string"
        case .int: "an integer"
        case .double: "a float"
        case .bool: "a boolean"
        case .dateTime: "a date/time"
        case .array: "an array"
        case .table: "a table"
        }
    }

    init(_ node: any TOMLValueConvertible) {
        switch node.type {
        case .string: self = .string(node.string ?? "")
        case .int: self = .int(node.int ?? 0)
        case .double: self = .double(node.double ?? 0)
        case .bool: self = .bool(node.bool ?? false)
        case .date, .time, .dateTime: self = .dateTime(node.debugDescription)
        case .array:
            self = .array((node.array.map { Array($0) } ?? []).map { ConfigValue($0) })
        case .table:
            let table = node.table
            self = .table((table?.keys ?? []).compactMap { key in
                table?[key].map { (key: key, value: ConfigValue($0)) }
            })
        }
    }
}
