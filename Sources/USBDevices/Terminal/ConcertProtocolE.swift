/// Ingenico Concert "Protocol E" (Telium Cash Connection), fixed-width ASCII messages.
///
/// Request, 34 bytes: POS number (2), amount (8, in the currency's smallest unit: đồng for
/// VND), answer flag (1, `1` = full answer), payment mode (1, `1` = card), transaction type
/// (1: `0` debit, `1` credit/refund, `2` cancel, `4` duplicate: the answer of the last
/// transaction again, whose private data names it), currency (3, ISO 4217 numeric, `704` VND),
/// private data (10), delay (4: `A010` answer at the end of the transaction, `A011` answer
/// at once), authorization (4: `B010` terminal decides, `B011` force online authorization).
///
/// Answer, 80 bytes: POS number (2), status (1: `0` accepted, `7` rejected, `9` not verified),
/// amount (8), payment mode (1), report (55), currency (3), private data (10).
public struct ConcertProtocolE: TerminalMessageProtocol {
    public var posNumber: Int
    public var currency: String
    public var forceAuthorization: Bool

    public init(posNumber: Int = 1, currency: String = "704", forceAuthorization: Bool = false) {
        self.posNumber = posNumber
        self.currency = currency
        self.forceAuthorization = forceAuthorization
    }

    public var lineCoding: CDCACM.LineCoding { .concert }

    public static let requestLength = 34
    public static let answerLength = 80

    public func encode(_ request: TerminalRequest) throws(USBError) -> [UInt8] {
        guard (0...99).contains(posNumber) else { throw .invalidRequest("POS number \(posNumber): expected 0–99") }
        guard (1...99_999_999).contains(request.amount) else {
            throw .invalidRequest("amount \(request.amount) đồng: expected 1–99999999 (8 digits, VND has no minor unit)")
        }
        guard currency.count == 3, currency.allSatisfy(\.isASCIIDigit) else { throw .invalidRequest("currency '\(currency)': expected 3 digits") }
        guard request.reference.count <= 10, request.reference.allSatisfy({ $0.isASCII && !$0.isNewline }),
              !request.reference.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw .invalidRequest("reference of \(request.reference.count) characters: expected at most 10 printable ASCII characters")
        }
        let type = switch request.kind { case .sale: "0"; case .refund: "1"; case .cancel: "2"; case .status: "4" }
        let text = Self.digits(posNumber, 2) + Self.digits(request.amount, 8) + "1" + "1" + type + currency
            + request.reference.padding(toLength: 10, withPad: " ", startingAt: 0)
            + "A010" + (forceAuthorization ? "B011" : "B010")
        let bytes = Array(text.utf8)
        assert(bytes.count == Self.requestLength)
        return bytes
    }

    public func decode(_ message: [UInt8]) throws(USBError) -> TerminalResult {
        guard message.count == Self.answerLength else {
            throw .malformedInput(where: "Concert answer", problem: "\(message.count) bytes, expected \(Self.answerLength)")
        }
        guard message.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw .malformedInput(where: "Concert answer", problem: "non-printable byte in a fixed-width ASCII message")
        }
        let text = String(decoding: message, as: UTF8.self)
        func field(_ from: Int, _ length: Int) -> Substring {
            let start = text.index(text.startIndex, offsetBy: from)
            return text[start..<text.index(start, offsetBy: length)]
        }
        let outcome: TerminalResult.Outcome = switch field(2, 1) {
        case "0": .approved
        case "7": .rejected
        case "9": .notVerified
        default: throw .malformedInput(where: "Concert answer byte 2 (status)", problem: "'\(field(2, 1))', expected 0, 7 or 9")
        }
        guard let amount = Int(field(3, 8)), field(3, 8).allSatisfy(\.isASCIIDigit) else {
            throw .malformedInput(where: "Concert answer bytes 3–10 (amount)", problem: "'\(field(3, 8))' is not 8 digits")
        }
        guard field(67, 3) == Substring(currency) else {
            throw .malformedInput(where: "Concert answer bytes 67–69 (currency)", problem: "'\(field(67, 3))', expected \(currency)")
        }
        return TerminalResult(outcome: outcome, amount: amount,
                              reference: String(field(70, 10)).trimmingTrailingSpaces(),
                              report: String(field(12, 55)).trimmingTrailingSpaces())
    }

    static func digits(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
