/// PAX POSLink messages (PAX BroadPOS terminals): `command FS version FS field FS … ` between STX
/// and ETX, subfields separated by US. Requests: `T00` (DoCredit) with transaction type `01`
/// sale, `02` return, `16` void; `B00` batch close. Answers: `status FS T01 FS version FS
/// response code FS response message FS host information FS transaction type FS amount information
/// FS …`; response code `000000` is approved.
///
/// Amounts are in the currency's smallest unit: whole đồng for VND (no minor unit).
public struct PAXPOSLink: TerminalMessageProtocol {
    public static let fs: UInt8 = 0x1C, us: UInt8 = 0x1F
    public var version: String

    public init(version: String = "1.28") { self.version = version }

    /// PAX terminals take 8 data bits without parity on their USB serial link.
    public var lineCoding: CDCACM.LineCoding { .standard }

    /// POSLink frames go without the ENQ handshake.
    public var handshake: ECRLink.Handshake { .direct }

    public func encode(_ request: TerminalRequest) throws(USBError) -> [UInt8] {
        guard (1...99_999_999).contains(request.amount) else {
            throw .invalidRequest("amount \(request.amount) đồng: expected 1–99999999")
        }
        guard request.reference.count <= 16, request.reference.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw .invalidRequest("reference '\(request.reference)': expected at most 16 ASCII letters, digits or '-'")
        }
        let type: String
        switch request.kind {
        case .sale: type = "01"
        case .refund: type = "02"
        case .cancel: type = "16"
        case .status:
            throw .invalidRequest("status query: this POSLink message set has no last-transaction query (ask the terminal's batch report instead)")
        }
        // Fields: transaction type, amount information, account information (empty), trace
        // information (ECR reference number), then AVS, cashier, commercial, MOTO and extra data (empty).
        let fields = ["T00", version, type, String(request.amount), "", request.reference, "", "", "", "", ""]
        return Self.join(fields)
    }

    /// `B00`: close the batch (end of day settlement).
    public func batchClose() -> [UInt8] { Self.join(["B00", version]) }

    public func decode(_ message: [UInt8]) throws(USBError) -> TerminalResult {
        let fields = message.split(separator: Self.fs, omittingEmptySubsequences: false).map { Array($0) }
        guard fields.count >= 5 else {
            throw .malformedInput(where: "POSLink answer", problem: "\(fields.count) fields, expected at least 5 (status, command, version, code, message)")
        }
        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        guard text(fields[1]) == "T01" else {
            throw .malformedInput(where: "POSLink answer field 2 (command)", problem: "'\(text(fields[1]).prefix(8))', expected T01")
        }
        let code = text(fields[3])
        guard code.count == 6, code.allSatisfy(\.isASCIIDigit) else {
            throw .malformedInput(where: "POSLink answer field 4 (response code)", problem: "'\(code.prefix(8))' is not 6 digits")
        }
        let outcome: TerminalResult.Outcome = switch code {
        case "000000": .approved
        case "000100": .rejected  // declined by the host
        default: .notVerified
        }
        let amountField = fields.count > 7 ? fields[7].split(separator: Self.us, omittingEmptySubsequences: false).first.map { text(Array($0)) } ?? "" : ""
        let amount = Int(amountField) ?? 0
        // Trace information: transaction number US ECR reference number US timestamp.
        let traceParts = fields.count > 9 ? fields[9].split(separator: Self.us, omittingEmptySubsequences: false).map { text(Array($0)) } : []
        let trace = traceParts.count > 1 ? traceParts[1] : ""
        return TerminalResult(outcome: outcome, amount: amount, reference: trace, report: text(fields[4]))
    }

    /// Fields joined with FS.
    public static func join(_ fields: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(fs) }
            out += field.utf8
        }
        return out
    }
}
