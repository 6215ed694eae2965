/// DG2 (tag 75): the face image, taken out of its biometric templates (ICAO 9303-10 §4.7.2)
/// and the ISO/IEC 19794-5 facial record inside.
public struct DG2: Sendable, Equatable, CustomStringConvertible {
    public var description: String { "DG2(\(format.rawValue), \(image.count) bytes)" }

    /// Encoding of the image bytes.
    public enum ImageFormat: String, Sendable, Equatable, Codable {
        /// JPEG (JFIF), `image/jpeg`.
        case jpeg
        /// JPEG 2000, `image/jp2`.
        case jpeg2000
        /// Not recognised.
        case unknown
    }

    /// The image bytes of the first face.
    public let image: [UInt8]
    /// Their encoding.
    public let format: ImageFormat

    /// Parses the file bytes.
    public init(bytes: [UInt8]) throws {
        let root = try TLV.parseSingle(bytes, allowTrailing: true)
        guard root.tag == 0x75, let group = try root.child(0x7F61) else {
            throw EMRTDError.malformedFile(file: "DG2", reason: "no 75/7F61 biometric group")
        }
        guard let template = try group.child(0x7F60),
              let block = try template.children().first(where: { $0.tag == 0x5F2E || $0.tag == 0x7F2E }) else {
            throw EMRTDError.malformedFile(file: "DG2", reason: "no 7F60 template with 5F2E data")
        }
        (image, format) = try DG2.extractImage(block.value)
    }

    /// The image inside an ISO/IEC 19794-5 facial record; falls back to searching for the
    /// JPEG or JPEG 2000 signature when the record header does not add up.
    static func extractImage(_ record: [UInt8]) throws -> ([UInt8], ImageFormat) {
        if record.count > 46, record.starts(with: Array("FAC\0".utf8)) {
            // 14-byte general header, 20-byte facial information, 8 bytes per feature point,
            // 12-byte image information, then the image.
            let featurePoints = Int(record[18]) << 8 | Int(record[19])
            let imageInfo = 14 + 20 + 8 * featurePoints
            let start = imageInfo + 12
            let dataLength = (Int(record[14]) << 24 | Int(record[15]) << 16 | Int(record[16]) << 8 | Int(record[17])) - 20 - 8 * featurePoints - 12
            if start < record.count, dataLength > 0, start + dataLength <= record.count {
                let type = record[imageInfo + 1]
                let image = Array(record[start..<(start + dataLength)])
                let format: ImageFormat = type == 0 ? .jpeg : (type == 1 ? .jpeg2000 : sniff(image))
                return (image, format)
            }
        }
        for i in record.indices {
            let rest = record[i...]
            if rest.starts(with: [0xFF, 0xD8, 0xFF]) { return (Array(rest), .jpeg) }
            if rest.starts(with: [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]) || rest.starts(with: [0xFF, 0x4F, 0xFF, 0x51]) {
                return (Array(rest), .jpeg2000)
            }
        }
        throw EMRTDError.malformedFile(file: "DG2", reason: "no JPEG or JPEG 2000 image found")
    }

    static func sniff(_ image: [UInt8]) -> ImageFormat {
        if image.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if image.starts(with: [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50]) || image.starts(with: [0xFF, 0x4F, 0xFF, 0x51]) { return .jpeg2000 }
        return .unknown
    }

    /// Builds a minimal DG2 around `image` (ISO/IEC 19794-5 record with no feature points);
    /// for test chips and the virtual card.
    public static func encode(image: [UInt8], format: ImageFormat, width: UInt16 = 480, height: UInt16 = 640) -> [UInt8] {
        let facialLength = 20 + 12 + image.count
        let recordLength = 14 + facialLength
        var record = Array("FAC\0010\0".utf8)
        record += Bytes.bigEndian(recordLength, width: 4) + [0x00, 0x01]
        record += Bytes.bigEndian(facialLength, width: 4) + [0x00, 0x00]      // length, feature points
        record += [UInt8](repeating: 0, count: 14)                            // gender ... pose uncertainty
        record += [0x01, format == .jpeg2000 ? 0x01 : 0x00]                   // full frontal, data type
        record += Bytes.bigEndian(Int(width), width: 2) + Bytes.bigEndian(Int(height), width: 2)
        record += [0x01, 0x00, 0x00, 0x00, 0x00, 0x00]                        // colour space, source, device, quality
        record += image
        let header = TLV.encode(0xA1, TLV.encode(0x80, [0x01, 0x01]))
        let template = TLV.encode(0x7F60, header + TLV.encode(0x5F2E, record))
        return TLV.encode(0x75, TLV.encode(0x7F61, TLV.encode(0x02, [0x01]) + template))
    }
}
