import USBDevices

/// A simulated PAX terminal speaking POSLink: acknowledges a `T00` request frame and answers
/// with a `T01` frame for the scripted response code (`000000` approved, `000100` declined).
public struct SimulatedPOSLinkTerminal: SimulatedPeripheral {
    public var responseCode: String
    public var inEndpoint: UInt8
    public private(set) var requests: [[UInt8]] = []
    private var reader = ECRFrameReader()

    public init(responseCode: String = "000000", inEndpoint: UInt8 = 0x81) {
        self.responseCode = responseCode
        self.inEndpoint = inEndpoint
    }

    /// The `T01` answer to a `T00` request: status, command, version, code, message, host
    /// information, transaction type, amount, account, trace (transaction number US ECR reference).
    public static func answer(to request: [UInt8], responseCode: String) -> [UInt8] {
        let fields = request.split(separator: PAXPOSLink.fs, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        func field(_ i: Int) -> String { i < fields.count ? fields[i] : "" }
        let message = responseCode == "000000" ? "OK" : "DECLINE"
        let us = String(UnicodeScalar(PAXPOSLink.us))
        return PAXPOSLink.join(["0", "T01", field(1), responseCode, message, "00\(us)APPROVAL", field(2), field(3), "", "1\(us)\(field(5))"])
    }

    public mutating func received(_ bytes: [UInt8], on endpoint: UInt8) -> [(endpoint: UInt8, bytes: [UInt8])] {
        var out: [(UInt8, [UInt8])] = []
        for token in reader.feed(bytes) {
            switch token {
            case .frame(let message):
                requests.append(message)
                out.append((inEndpoint, [ECRFrame.ack]))
                out.append((inEndpoint, (try? ECRFrame.encode(Self.answer(to: message, responseCode: responseCode))) ?? []))
            case .badFrame:
                out.append((inEndpoint, [ECRFrame.nak]))
            default:
                continue
            }
        }
        return out
    }
}
