public import USBDevices

/// A simulated payment terminal speaking Concert Protocol E over the ECR link: acknowledges the
/// request, then answers with the scripted outcome. A duplicate request (transaction type `4`)
/// gets the answer of the last transaction again, or a not-verified answer without a reference
/// when there was none.
public struct SimulatedTerminal: SimulatedPeripheral {
    public var outcome: TerminalResult.Outcome
    public var inEndpoint: UInt8
    /// Corrupt the LRC of the first answer frame (to exercise NAK and resend).
    public var corruptFirstAnswer: Bool
    /// How many requests the terminal handles without ever sending their answer (the answer lost
    /// on the way: a cut cable, a restarted daemon); a sale among them is still done.
    public var withheldAnswers: Int
    public private(set) var requests: [[UInt8]] = []
    /// The answer of the last transaction (not of a duplicate request).
    public private(set) var lastAnswer: [UInt8]?
    private var reader = ECRFrameReader()
    private var answer: [UInt8]?
    private var sentAnswer = false

    public init(outcome: TerminalResult.Outcome, inEndpoint: UInt8 = 0x81, corruptFirstAnswer: Bool = false, withheldAnswers: Int = 0) {
        self.outcome = outcome
        self.inEndpoint = inEndpoint
        self.corruptFirstAnswer = corruptFirstAnswer
        self.withheldAnswers = withheldAnswers
    }

    /// The transaction type byte (offset 12) of each request, as text: `0` sale, `1` refund,
    /// `2` cancel, `4` duplicate.
    public var requestTypes: [String] {
        requests.map { $0.count > 12 ? String(UnicodeScalar($0[12])) : "?" }
    }

    /// The answer this terminal gives to `request`, remembering transactions.
    mutating func respond(to request: [UInt8]) -> [UInt8]? {
        let made: [UInt8]
        if request.count > 12, request[12] == UInt8(ascii: "4") {
            if let lastAnswer {
                made = lastAnswer
            } else {
                var blank = Self.answer(to: request, outcome: .notVerified)
                for i in 3..<11 { blank[i] = UInt8(ascii: "0") }
                for i in 70..<80 { blank[i] = UInt8(ascii: " ") }
                made = blank
            }
        } else {
            made = Self.answer(to: request, outcome: outcome)
            lastAnswer = made
        }
        if withheldAnswers > 0 {
            withheldAnswers -= 1
            return nil
        }
        return made
    }

    /// The 80-byte Protocol E answer to a 34-byte request.
    public static func answer(to request: [UInt8], outcome: TerminalResult.Outcome) -> [UInt8] {
        let text = String(decoding: request, as: UTF8.self)
        func field(_ from: Int, _ length: Int) -> String {
            guard text.count >= from + length else { return String(repeating: "0", count: length) }
            let start = text.index(text.startIndex, offsetBy: from)
            return String(text[start..<text.index(start, offsetBy: length)])
        }
        let status = switch outcome { case .approved: "0"; case .rejected: "7"; case .notVerified: "9" }
        let report = "SIMULATED TERMINAL".padding(toLength: 55, withPad: " ", startingAt: 0)
        return Array((field(0, 2) + status + field(2, 8) + "1" + report + field(13, 3) + field(16, 10)).utf8)
    }

    public mutating func received(_ bytes: [UInt8], on endpoint: UInt8) -> [(endpoint: UInt8, bytes: [UInt8])] {
        var out: [(UInt8, [UInt8])] = []
        for token in reader.feed(bytes) {
            switch token {
            case .enq: out.append((inEndpoint, [ECRFrame.ack]))
            case .frame(let message):
                requests.append(message)
                answer = respond(to: message)
                sentAnswer = false
                out.append((inEndpoint, [ECRFrame.ack]))
            case .badFrame: out.append((inEndpoint, [ECRFrame.nak]))
            case .eot:
                // Our turn: offer the answer.
                if answer != nil, !sentAnswer { out.append((inEndpoint, [ECRFrame.enq])) }
            case .ack:
                if let message = answer, !sentAnswer {
                    var frame = (try? ECRFrame.encode(message)) ?? []
                    if corruptFirstAnswer, !frame.isEmpty {
                        frame[frame.count - 1] ^= 0xFF
                        corruptFirstAnswer = false
                    } else {
                        sentAnswer = true
                    }
                    out.append((inEndpoint, frame))
                } else if sentAnswer {
                    out.append((inEndpoint, [ECRFrame.eot]))
                    answer = nil
                    sentAnswer = false
                }
            case .nak:
                if let message = answer { out.append((inEndpoint, (try? ECRFrame.encode(message)) ?? [])); sentAnswer = true }
            }
        }
        return out
    }
}
