public import Foundation

/// The portal's answer to one card check (`KQNhanLichSuKCB2024`), kept as the JSON it came in
/// and read through named accessors. Personal data throughout; prints redacted.
public struct InsuranceCardAnswer: Sendable, Equatable, CustomStringConvertible {
    /// The answer's JSON, as the portal sent it.
    public let json: Data
    /// `maKetQua` with its meaning.
    public let result: InsuranceResultCode
    /// Every scalar field of the answer by the portal's name (`ghiChu`, `maThe`, `hoTen`,
    /// `ngaySinh`, `gioiTinh`, `diaChi`, `maDKBD`, `cqBHXH`, `gtTheTu`, `gtTheDen`, `maKV`,
    /// `ngayDu5Nam`, `maSoBHXH`, `maTheCu`, `maTheMoi`, `gtTheTuMoi`, `gtTheDenMoi`, `maDKBDMoi`,
    /// `tenDKBDMoi`), numbers written as text; absent and null fields are missing.
    public let fields: [String: String]
    /// Entries of the care history `dsLichSuKCB2018`.
    public let careHistoryCount: Int
    /// Entries of the check history `dsLichSuKT2018`.
    public let checkHistoryCount: Int

    /// Parses the portal's JSON; throws `portalMalformed` when it is not a JSON object with a
    /// `maKetQua`.
    public init(json: Data) throws(HealthIDError) {
        guard let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw Self.malformed(found: json.isEmpty ? "an empty body" : "text that is not a JSON object")
        }
        var fields: [String: String] = [:]
        for (key, value) in object {
            if let text = Self.scalar(value) { fields[key] = text }
        }
        guard let code = fields["maKetQua"], !code.isEmpty else {
            throw Self.malformed(found: "a JSON object without maKetQua")
        }
        self.json = json
        self.result = InsuranceResultCode(code)
        self.fields = fields
        careHistoryCount = (object["dsLichSuKCB2018"] as? [Any])?.count ?? 0
        checkHistoryCount = (object["dsLichSuKT2018"] as? [Any])?.count ?? 0
    }

    /// `ghiChu`: the portal's own sentence about the card.
    public var note: String? { fields["ghiChu"] }
    /// `maThe`: the card code the portal answered for.
    public var cardCode: String? { fields["maThe"] }
    /// `hoTen`: the holder's name on the portal.
    public var fullName: String? { fields["hoTen"] }
    /// `gtTheTu`: first day of validity (dd/mm/yyyy).
    public var validFrom: String? { fields["gtTheTu"] }
    /// `gtTheDen`: last day of validity (dd/mm/yyyy).
    public var validTo: String? { fields["gtTheDen"] }
    /// `maDKBD`: the facility registered for primary care.
    public var registeredFacility: String? { fields["maDKBD"] }
    /// `maTheMoi`: the code of a newer card, if one was issued.
    public var newCardCode: String? { fields["maTheMoi"] }

    /// Whether the answer says something about the card itself, as opposed to a portal or
    /// account failure: only such answers are cached and shown later as stale.
    public var isDefinitive: Bool {
        switch result.status {
        case .portalError, .unknown, .staffAccountRejected: false
        default: true
        }
    }

    public var description: String { "InsuranceCardAnswer(maKetQua: \(result.code), <redacted>)" }

    static func scalar(_ value: Any) -> String? {
        switch value {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    private static func malformed(found: String) -> HealthIDError {
        HealthIDError(.portalMalformed, what: "insurance portal card check", expected: "a JSON object with maKetQua", found: found)
    }
}
