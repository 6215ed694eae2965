@testable import Payments

/// Builds test payloads by hand: `tlv("53", "704")` → "5303704", byte-counted lengths.
func tlv(_ tag: String, _ value: String) -> String {
    let count = value.utf8.count
    return tag + (count < 10 ? "0\(count)" : "\(count)") + value
}

/// `body` + "6304" + its CRC.
func withCRC(_ body: String) -> String {
    let head = body + "6304"
    return head + CRC16.hex(CRC16.checksum(Array(head.utf8)))
}

/// The data objects of a valid dynamic card payload, in order, for tests that drop or replace one.
enum Parts {
    static let beneficiary = tlv("00", "970403") + tlv("01", "9704031101234567")
    static let merchantAccount = tlv("00", "A000000727") + tlv("01", beneficiary) + tlv("02", "QRIBFTTC")
    static let all: [(String, String)] = [
        ("00", tlv("00", "01")),
        ("01", tlv("01", "12")),
        ("38", tlv("38", merchantAccount)),
        ("53", tlv("53", "704")),
        ("54", tlv("54", "180000")),
        ("58", tlv("58", "VN")),
        ("62", tlv("62", tlv("01", "NPS6869") + tlv("08", "thanh toan don hang"))),
    ]

    /// A payload of every part except `dropped`, with `replacements` in place of the named parts.
    static func payload(dropping dropped: String? = nil, replacing replacements: [String: String] = [:]) -> String {
        withCRC(all.filter { $0.0 != dropped }.map { replacements[$0.0] ?? $0.1 }.joined())
    }
}

/// The parse error for `payload`, or nil when it parses.
func parseError(_ payload: String) -> PaymentsError? {
    do throws(PaymentsError) {
        _ = try VietQRPayload(parsing: payload)
        return nil
    } catch {
        return error
    }
}
