public import KioskBase

/// The one error type of the Payments module: VietQR payloads that cannot be parsed or built, and
/// QR symbols that cannot be encoded.
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

    public var code: String {
        switch self {
        case .vietQRPayload(let problem, _, _): "payments.vietqr.\(problem.codeSuffix)"
        case .vietQRField(let problem, _): "payments.vietqr.field.\(problem.codeSuffix)"
        case .qrEncoding: "payments.qr.encoding"
        case .imageParameters: "payments.qr.imageParameters"
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
        }
    }

    private static func place(_ tag: String) -> String {
        tag.isEmpty ? "whole payload" : "tag \(tag) (\(VietQRTag.name(of: tag)))"
    }
}
