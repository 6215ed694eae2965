/// Entry points for coverage-guided fuzzing of everything that parses bytes from a USB device.
///
/// A libFuzzer executable (built with `-sanitize=fuzzer`) forwards `LLVMFuzzerTestOneInput`
/// here; every target must return normally or throw ``USBError`` for any input.
public enum USBFuzzTargets {
    /// The parsers that can be fuzzed.
    public enum Target: String, Sendable, CaseIterable {
        /// HID reports: keyboard boot reports and HID-POS reports (input split into 8- and 64-byte reports).
        case hid
        /// The ECR frame reader and the Concert Protocol E answer parser.
        case ecr
        /// Printer real-time status answers.
        case printerStatus
    }

    /// Runs `target` on `bytes`, swallowing the expected ``USBError``.
    public static func run(_ target: Target, _ bytes: [UInt8]) {
        // Typed throws: the compiler guarantees every error here is a USBError.
        do throws(USBError) {
            switch target {
            case .hid:
                var keyboard = KeyboardWedgeDecoder()
                var pos = HIDPOSDecoder()
                var offset = 0
                while offset + 8 <= bytes.count {
                    _ = try? keyboard.feed(Array(bytes[offset..<(offset + 8)]))
                    offset += 8
                }
                offset = 0
                while offset < bytes.count {
                    let end = min(offset + 64, bytes.count)
                    _ = try? pos.feed(Array(bytes[offset..<end]))
                    offset = end
                }
                var lines = CDCLineDecoder(maxLength: 256, aimPrefix: true)
                _ = try lines.feed(bytes)
            case .ecr:
                var reader = ECRFrameReader(maxMessage: 256)
                for token in reader.feed(bytes) {
                    if case .frame(let message) = token { _ = try? ConcertProtocolE().decode(message) }
                }
                _ = try ConcertProtocolE().decode(bytes)
            case .printerStatus:
                _ = try PrinterStatus.parse(bytes)
            }
        } catch {
            _ = error.code
        }
    }
}
