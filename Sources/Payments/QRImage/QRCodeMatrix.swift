import CQREncode
import Glibc

/// The modules of one QR Code symbol, encoded by libqrencode: `size` × `size` dark or light squares,
/// row by row from the top left, without the quiet zone.
public struct QRCodeMatrix: Sendable, Equatable {
    /// How much of the symbol may be damaged and still read (ISO/IEC 18004 error-correction levels).
    public enum ErrorCorrection: Sendable, Equatable {
        /// About 7 % recoverable.
        case low
        /// About 15 % recoverable; what payment codes normally use.
        case medium
        /// About 25 % recoverable.
        case quartile
        /// About 30 % recoverable.
        case high
    }

    /// The symbol version, 1…40.
    public let version: Int
    /// Modules per side (17 + 4 × version).
    public let size: Int
    /// `size * size` flags, row-major; true is a dark module.
    public let modules: [Bool]

    /// Encodes `text` (UTF-8) in the smallest version that fits, libqrencode choosing numeric,
    /// alphanumeric and byte segments.
    public init(encoding text: String, errorCorrection: ErrorCorrection = .medium) throws(PaymentsError) {
        guard !text.utf8.contains(0) else { throw .qrEncoding(reason: "the text contains a NUL byte") }
        errno = 0
        guard let code = QRcode_encodeString(text, 0, errorCorrection.level, QR_MODE_8, 1) else {
            throw .qrEncoding(reason: Self.explain(errno))
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        version = Int(code.pointee.version)
        size = width
        // libqrencode sets bit 0 of each byte for a dark module; the other bits describe the module's role.
        modules = UnsafeBufferPointer(start: code.pointee.data, count: width * width).map { $0 & 1 == 1 }
    }

    /// A matrix from explicit modules (tests, and symbols read back from elsewhere); `size` must be a
    /// QR Code side (21…177, 17 + 4 × version) and `modules` hold `size * size` flags.
    public init(size: Int, modules: [Bool]) throws(PaymentsError) {
        guard (21...177).contains(size), (size - 17) % 4 == 0, modules.count == size * size else {
            throw .imageParameters("\(modules.count) modules for side \(size) (expected a side 17 + 4 × version, 1…40, and side × side modules)")
        }
        self.version = (size - 17) / 4
        self.size = size
        self.modules = modules
    }

    /// Whether the module at `row`, `column` (0-based, without quiet zone) is dark.
    public subscript(row: Int, column: Int) -> Bool { modules[row * size + column] }

    private static func explain(_ code: Int32) -> String {
        switch code {
        case EINVAL: "invalid input (EINVAL)"
        case ERANGE: "the text is too long for a QR Code symbol (ERANGE)"
        case ENOMEM: "out of memory (ENOMEM)"
        default: "errno \(code)"
        }
    }
}

extension QRCodeMatrix.ErrorCorrection {
    var level: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}
