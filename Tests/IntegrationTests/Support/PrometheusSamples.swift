/// The samples of a Prometheus text exposition: `name{labels} value` lines, keyed by
/// `name{labels}` exactly as written (comments and blank lines skipped).
struct PrometheusSamples {
    private(set) var values: [String: Double] = [:]
    /// Types declared by `# TYPE name type` lines.
    private(set) var types: [String: String] = [:]
    /// Lines that are neither comments nor `series value`.
    private(set) var malformed: [String] = []

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                if parts.count == 4 { types[String(parts[2])] = String(parts[3]) }
                continue
            }
            if line.hasPrefix("#") { continue }
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                malformed.append(String(line))
                continue
            }
            values[String(line[..<space])] = value
        }
    }

    subscript(_ series: String) -> Double? { values[series] }

    /// The sum over every series of metric `name` (all label sets).
    func sum(_ name: String) -> Double {
        values.filter { $0.key == name || $0.key.hasPrefix(name + "{") }.values.reduce(0, +)
    }
}
