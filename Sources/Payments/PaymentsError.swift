public import KioskBase

/// The one error type of the Payments module: VietQR payloads that cannot be parsed or built, QR
/// symbols that cannot be encoded, lifecycle transitions the rules refuse and amounts out of range.
///
/// Details name the tag, the byte offset and what was expected; they never quote account numbers,
/// names or purposes.
public enum PaymentsError: KioskError, Equatable {
    /// A scanned or supplied VietQR payload is malformed. `tag` is the dotted tag path at fault
    /// (`"38.01.01"`, `"63"`, or `""` for the payload as a whole), `offset` the byte offset of that
    /// data object (or of the damage) in the payload.
    case vietQRPayload(VietQRProblem, tag: String, offset: Int)
    /// A VietQR payload cannot be built from the given fields; `tag` is the dotted tag path of the field.
    case vietQRField(VietQRProblem, tag: String)
    /// libqrencode could not encode the text; `reason` is its errno explained.
    case qrEncoding(reason: String)
    /// A QR image was asked for with a scale or quiet zone outside the supported range.
    case imageParameters(String)
    /// A payment in status `from` cannot move to `to` (see ``PaymentLifecycle``).
    case illegalTransition(from: String, to: String)
    /// The fee table has no entry for `service`; `known` lists the services it has.
    case unknownService(service: String, known: [String])
    /// An amount outside 1…99 999 999 đồng; `source` says where it came from.
    case amount(Int64, source: String)

    public var code: String {
        switch self {
        case .vietQRPayload(let problem, _, _): "payments.vietqr.\(problem.codeSuffix)"
        case .vietQRField(let problem, _): "payments.vietqr.field.\(problem.codeSuffix)"
        case .qrEncoding: "payments.qr.encoding"
        case .imageParameters: "payments.qr.imageParameters"
        case .illegalTransition: "payments.lifecycle.illegalTransition"
        case .unknownService: "payments.fee.unknownService"
        case .amount: "payments.amount"
        }
    }

    public var detail: String {
        switch self {
        case .vietQRPayload(let problem, let tag, let offset):
            "VietQR payload, \(Self.place(tag)) at byte \(offset): \(problem.explanation)"
        case .vietQRField(let problem, let tag):
            "VietQR field \(Self.place(tag)): \(problem.explanation)"
        case .qrEncoding(let reason):
            "QR encoding (libqrencode QRcode_encodeString) failed: \(reason)"
        case .imageParameters(let what):
            "QR image parameters: \(what)"
        case .illegalTransition(let from, let to):
            "payment lifecycle: a \(from) payment cannot become \(to) (from \(from) it may become: "
                + Self.targets(from) + ")"
        case .unknownService(let service, let known):
            "fee table: no fee for service \"\(service)\" (expected one of: \(known.isEmpty ? "none configured" : known.joined(separator: ", ")))"
        case .amount(let amount, let source):
            "\(source): amount \(amount) đồng is outside 1…99999999 (whole đồng, no minor unit)"
        }
    }

    private static func targets(_ from: String) -> String {
        guard let status = PaymentStatus(rawValue: from) else { return "unknown status" }
        let targets = PaymentLifecycle.targets(of: status).map(\.rawValue).sorted()
        return targets.isEmpty ? "nothing, it is final" : targets.joined(separator: ", ")
    }

    private static func place(_ tag: String) -> String {
        tag.isEmpty ? "whole payload" : "tag \(tag) (\(VietQRTag.name(of: tag)))"
    }
}
