/// DG13 of the Vietnamese CCCD (tag 6D): `SEQUENCE { INTEGER 1, OID, SET { SEQUENCE { INTEGER n,
/// value… } … } }`, one numbered field per entry, absent fields omitted.
///
/// Field numbers: 1 ID number, 2 full name, 3 date of birth (dd/mm/yyyy), 4 sex, 5 nationality,
/// 6 ethnicity, 7 religion, 8 place of origin, 9 place of residence, 10 identifying marks,
/// 11 issue date, 12 expiry, 13 {father, mother}, 14 {spouse}, 15 old 9-digit ID, 16 unknown.
///
/// Parsing is tolerant: an entry that cannot be decoded is kept raw and noted in ``problems``;
/// the rest of the file still reads. Every value is personal data; the type prints without them.
public struct DG13: Sendable, Equatable, CustomStringConvertible {
    /// One numbered entry.
    public struct Field: Sendable, Equatable {
        /// Field number (1-16 known).
        public let number: Int
        /// The text values found in the entry, in order (UTF-8, PrintableString, IA5 or BMP).
        public let values: [String]
        /// The entry's encoding, kept for unknown fields and for verification.
        public let raw: [UInt8]
    }

    /// Decoded entries by field number.
    public let fields: [Int: Field]
    /// Entries that could not be decoded, as encoded.
    public let undecodable: [[UInt8]]
    /// Notes on odd entries (position and reason; never values).
    public let problems: [String]

    /// Parses the file bytes. Throws only when the outer structure (6D, the SEQUENCE and its SET)
    /// is unreadable.
    public init(bytes: [UInt8]) throws {
        let root = try TLV.parseSingle(bytes, allowTrailing: true)
        guard root.tag == 0x6D else { throw EMRTDError.malformedFile(file: "DG13", reason: "outer tag is not 6D") }
        let body = try root.children()
        // Real files wrap the content in one SEQUENCE; accept the content directly as well.
        let content = body.count == 1 && body[0].tag == 0x30 ? try body[0].children() : body
        var fields: [Int: Field] = [:]
        var undecodable: [[UInt8]] = []
        var problems: [String] = []
        let entries = content.filter { $0.tag == 0x31 }.flatMap { set -> [TLV] in
            do { return try set.children() } catch {
                problems.append("field set: \((error as? EMRTDError)?.detail ?? "unreadable")")
                undecodable.append(set.encoded)
                return []
            }
        }
        guard !entries.isEmpty || !problems.isEmpty else {
            throw EMRTDError.malformedFile(file: "DG13", reason: "no SET of fields")
        }
        for (index, entry) in entries.enumerated() {
            do {
                let field = try DG13.decode(entry)
                if fields[field.number] != nil {
                    problems.append("entry \(index): field \(field.number) repeated; first kept")
                } else {
                    fields[field.number] = field
                }
            } catch {
                problems.append("entry \(index): \((error as? EMRTDError)?.detail ?? "unreadable")")
                undecodable.append(entry.encoded)
            }
        }
        self.fields = fields
        self.undecodable = undecodable
        self.problems = problems
    }

    static func decode(_ entry: TLV) throws -> Field {
        guard entry.tag == 0x30 else { throw EMRTDError.malformedFile(file: "DG13", reason: "entry is not a SEQUENCE") }
        let parts = try entry.children()
        guard let first = parts.first, first.tag == 0x02, (1...2).contains(first.value.count) else {
            throw EMRTDError.malformedFile(file: "DG13", reason: "entry does not start with a field number")
        }
        let number = first.value.reduce(0) { $0 << 8 | Int($1) }
        var values: [String] = []
        for part in parts.dropFirst() { try collectStrings(part, into: &values) }
        return Field(number: number, values: values, raw: entry.encoded)
    }

    /// Text values of `object`, descending into nested SEQUENCEs and SETs (field 13 nests the
    /// parents' names in some issues of the card).
    static func collectStrings(_ object: TLV, into values: inout [String]) throws {
        switch object.tag {
        case 0x0C, 0x13, 0x16, 0x14, 0x12, 0x1A:
            guard let text = String(validating: object.value, as: UTF8.self) else {
                throw EMRTDError.malformedFile(file: "DG13", reason: "text is not valid UTF-8")
            }
            values.append(text)
        case 0x1E:
            guard object.value.count % 2 == 0 else { throw EMRTDError.malformedFile(file: "DG13", reason: "odd BMPString length") }
            let units = stride(from: 0, to: object.value.count, by: 2).map { UInt16(object.value[$0]) << 8 | UInt16(object.value[$0 + 1]) }
            values.append(String(decoding: units, as: UTF16.self))
        case 0x30, 0x31:
            for child in try object.children() { try collectStrings(child, into: &values) }
        case 0x02:
            values.append(String(object.value.reduce(0) { $0 << 8 | Int($1) }))
        default:
            throw EMRTDError.malformedFile(file: "DG13", reason: "value of tag \(String(object.tag, radix: 16)) is not text")
        }
    }

    private func text(_ number: Int, _ index: Int = 0) -> String? {
        guard let values = fields[number]?.values, index < values.count else { return nil }
        let value = values[index].trimmingSpaces
        return value.isEmpty ? nil : value
    }

    /// 1: 12-digit ID number.
    public var idNumber: String? { text(1) }
    /// 2: full name.
    public var fullName: String? { text(2) }
    /// 3: date of birth as printed (dd/mm/yyyy; sometimes only a year).
    public var dateOfBirthText: String? { text(3) }
    /// 3 parsed, when it is a full date.
    public var dateOfBirth: CalendarDate? { dateOfBirthText.flatMap(CalendarDate.init(dayMonthYear:)) }
    /// 4: sex (`Nam`, `Nữ`).
    public var sex: String? { text(4) }
    /// 5: nationality.
    public var nationality: String? { text(5) }
    /// 6: ethnicity.
    public var ethnicity: String? { text(6) }
    /// 7: religion.
    public var religion: String? { text(7) }
    /// 8: place of origin.
    public var placeOfOrigin: String? { text(8) }
    /// 9: place of residence.
    public var placeOfResidence: String? { text(9) }
    /// 10: identifying marks.
    public var identifyingMarks: String? { text(10) }
    /// 11: issue date as printed.
    public var issueDateText: String? { text(11) }
    /// 11 parsed.
    public var issueDate: CalendarDate? { issueDateText.flatMap(CalendarDate.init(dayMonthYear:)) }
    /// 12: expiry as printed (a date, or words for "no expiry").
    public var expiryText: String? { text(12) }
    /// 12 parsed, nil when not a date.
    public var expiryDate: CalendarDate? { expiryText.flatMap(CalendarDate.init(dayMonthYear:)) }
    /// 13, first value: father's name.
    public var fatherName: String? { text(13, 0) }
    /// 13, second value: mother's name.
    public var motherName: String? { text(13, 1) }
    /// 14: spouse's name.
    public var spouseName: String? { text(14) }
    /// 15: old 9-digit ID (CMND).
    public var oldIDNumber: String? { text(15) }

    public var description: String {
        "DG13(fields: \(fields.keys.sorted()), undecodable: \(undecodable.count))"
    }

    /// Encodes fields in the card's layout (for test chips and the virtual card). Values are
    /// written as UTF8String; a field with several values (13) gets one string per value.
    public static func encode(_ values: [Int: [String]], oid: [UInt8] = [0x2B, 0x06, 0x01, 0x04, 0x01]) -> [UInt8] {
        var set: [UInt8] = []
        for number in values.keys.sorted() {
            var entry = TLV.encode(0x02, [UInt8(number)])
            for v in values[number]! { entry += TLV.encode(0x0C, Array(v.utf8)) }
            set += TLV.encode(0x30, entry)
        }
        let body = TLV.encode(0x02, [0x01]) + TLV.encode(0x06, oid) + TLV.encode(0x31, set)
        return TLV.encode(0x6D, TLV.encode(0x30, body))
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
