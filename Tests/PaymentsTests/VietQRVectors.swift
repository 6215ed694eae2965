import Foundation
import Testing

/// The VietQR vectors of the project's shared vector file (`shared/vectors/vietqr.txt`, beside the
/// repository), copied verbatim so the tests run without it; `VietQRVectorTests` checks the copy
/// against the file whenever the file is there.
enum VietQRVectors {
    static let text = """
    # VietQR (NAPAS 247) payloads: EMVCo merchant-presented mode, CRC-16/CCITT-FALSE (poly 1021, init FFFF,
    # no reflection, no final xor) over the whole payload including the literal "6304", 4 uppercase hex digits.
    # CRC-16/CCITT-FALSE check value: crc("123456789") = 29B1.
    # Each line: description | payload. All CRCs verified independently.

    static, transfer to account (QRIBFTTA), BIN 970403, account 0011012345678 | 00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5
    static, transfer to card (QRIBFTTC), BIN 970403, card 9704031101234567 | 00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52
    dynamic, QRIBFTTC, 180000 VND, bill NPS6869, purpose "thanh toan don hang" | 00020101021238600010A00000072701300006970403011697040311012345670208QRIBFTTC530370454061800005802VN62340107NPS68690819thanh toan don hang6304A203
    """

    /// One `description | payload` line.
    struct Vector: Sendable, CustomTestStringConvertible {
        let description: String
        let payload: String
        var testDescription: String { description }
    }

    static func parse(_ text: String) -> [Vector] {
        text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let bar = trimmed.range(of: " | ") else { return nil }
            return Vector(description: String(trimmed[..<bar.lowerBound]), payload: String(trimmed[bar.upperBound...]))
        }
    }

    static let all = parse(text)

    /// The shared vector file, found from this source file: Tests/PaymentsTests → repository → its parent.
    static let sharedFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/vectors/vietqr.txt")

    /// Vector 1 declares the account number's length as 12 (`0112`) while the account it describes,
    /// 0011012345678, has 13 digits; the outer lengths (38 = 57, 38.01 = 27) count all 13, so one
    /// byte is left over at the end of the beneficiary template 38.01. Its CRC is right for the
    /// bytes as they are. The parser must reject it; `correctedFirst` is the payload the description
    /// asks for (length 13, CRC recomputed, check value 29B1 verified).
    static let knownDefects: [String: PaymentsErrorExpectation] = [
        "00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5":
            PaymentsErrorExpectation(code: "payments.vietqr.truncated", tag: "38.01"),
    ]
    static let correctedFirst = "00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA53037045802VN63049E6F"
}

/// The code and tag a parse error must carry.
struct PaymentsErrorExpectation: Sendable {
    let code: String
    let tag: String
}
