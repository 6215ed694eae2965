/// Streams rows of a UTF-8 CSV registry file: RFC 4180 quoting (fields in double quotes may hold
/// commas, doubled quotes and line breaks), LF or CRLF line ends, an optional byte-order mark,
/// blank lines skipped. The first row names the columns.
struct CSVRecordReader: RegistryRecordSource {
    private var source: ByteSource
    private var line = 1
    private let header: [String]
    let ignoredColumns: [String]

    var bytesRead: Int64 { source.consumed }
    var totalBytes: Int64 { source.totalBytes }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    init(path: String) throws(HealthIDError) {
        source = try ByteSource(path: path)
        try Self.skipByteOrderMark(&source)
        var names: [String] = []
        var headerLine = 1
        var reader = RawReader()
        if let (start, fields) = try reader.record(from: &source, line: &line) {
            headerLine = start
            guard case .success(let values) = fields else {
                throw HealthIDError(.unreadableFile, what: "header (line \(start))", expected: "column names in CSV")
            }
            names = values.map { $0.trimmingSpaces.lowercased() }
        }
        let missing = RegistryColumn.required.map(\.rawValue).filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw HealthIDError(.unreadableFile, what: "header (line \(headerLine))",
                                expected: "the columns \(RegistryColumn.required.map(\.rawValue).joined(separator: ", "))",
                                found: "no \(missing.joined(separator: ", "))")
        }
        header = names
        ignoredColumns = names.filter { RegistryColumn(rawValue: $0) == nil && !$0.isEmpty }
    }

    mutating func next() throws(HealthIDError) -> RegistryRow? {
        var reader = RawReader()
        guard let (start, result) = try reader.record(from: &source, line: &line) else { return nil }
        switch result {
        case .failure(let error):
            return RegistryRow(line: start, fields: .failure(error))
        case .success(let values):
            guard values.count == header.count else {
                return RegistryRow(line: start, fields: .failure(HealthIDError(
                    .malformedRecord, what: "row", expected: "\(header.count) fields as in the header", found: "\(values.count)")))
            }
            var fields: [String: String] = [:]
            for (name, value) in zip(header, values) where !value.isEmpty {
                fields[name] = value
            }
            return RegistryRow(line: start, fields: .success(fields))
        }
    }

    private static func skipByteOrderMark(_ source: inout ByteSource) throws(HealthIDError) {
        // The UTF-8 BOM EF BB BF: consumed only when all three bytes are there.
        guard try source.peek() == 0xEF else { return }
        _ = try source.next()
        guard try source.next() == 0xBB, try source.next() == 0xBF else {
            throw HealthIDError(.unreadableFile, what: "header (line 1)", expected: "UTF-8 text")
        }
    }

    /// The byte-level CSV state machine for one record.
    private struct RawReader {
        mutating func record(from source: inout ByteSource, line: inout Int) throws(HealthIDError)
            -> (Int, Result<[String], HealthIDError>)?
        {
            while let byte = try source.peek(), byte == lf || byte == cr {
                _ = try source.next()
                if byte == lf { line += 1 }
            }
            guard try source.peek() != nil else { return nil }
            let start = line
            var values: [String] = []
            var failure: HealthIDError?
            while true {
                var field: [UInt8] = []
                if try source.peek() == quote {
                    _ = try source.next()
                    while true {
                        guard let byte = try source.next() else {
                            return (start, .failure(HealthIDError(.malformedRecord, what: "field \(values.count + 1)",
                                                                  expected: "a closing double quote", found: "the end of the file")))
                        }
                        if byte == quote {
                            guard try source.peek() == quote else { break }
                            _ = try source.next()
                        }
                        if byte == lf { line += 1 }
                        field.append(byte)
                    }
                    if let after = try source.peek(), after != comma, after != lf, after != cr {
                        try skipLine(&source, line: &line)
                        return (start, .failure(failure ?? HealthIDError(
                            .malformedRecord, what: "field \(values.count + 1)",
                            expected: "a comma or the line end after the closing quote")))
                    }
                } else {
                    while let byte = try source.peek(), byte != comma, byte != lf, byte != cr {
                        field.append(byte)
                        _ = try source.next()
                    }
                }
                if let text = String(validating: field, as: UTF8.self) {
                    values.append(text)
                } else {
                    failure = failure ?? HealthIDError(.malformedRecord, what: "field \(values.count + 1)", expected: "UTF-8 text")
                    values.append("")
                }
                switch try source.next() {
                case comma?:
                    continue
                case cr?:
                    if try source.peek() == lf { _ = try source.next() }
                    line += 1
                case lf?:
                    line += 1
                default:
                    break
                }
                return (start, failure.map { .failure($0) } ?? .success(values))
            }
        }

        private func skipLine(_ source: inout ByteSource, line: inout Int) throws(HealthIDError) {
            while let byte = try source.next() {
                if byte == lf {
                    line += 1
                    return
                }
            }
        }
    }
}
