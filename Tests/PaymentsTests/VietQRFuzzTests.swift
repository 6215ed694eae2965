import KioskBase
import Testing
@testable import Payments

/// The parser on hostile input: random bytes, every truncation, every single-byte mutation (with the
/// CRC fixed up so the checks behind it are reached), and random TLV-shaped payloads. Nothing may
/// trap; whatever parses must rebuild; every error must carry a code and a detail.
@Suite struct VietQRFuzzTests {

    private static let seeds = VietQRVectors.all.map(\.payload) + [Parts.payload(), VietQRVectors.correctedFirst]

    /// Parses `bytes`; checks the outcome is well formed.
    private func exercise(_ bytes: [UInt8]) {
        do throws(PaymentsError) {
            let parsed = try VietQRPayload(parsing: bytes)
            // Anything accepted must be re-encodable or refused with a field error, never trap.
            _ = try? parsed.encoded()
        } catch {
            #expect(!error.code.isEmpty && !error.detail.isEmpty)
            guard case .vietQRPayload(_, _, let offset) = error else {
                Issue.record("parser threw a non-payload error \(error)"); return
            }
            #expect((0...bytes.count).contains(offset), "offset \(offset) outside \(bytes.count) bytes")
        }
    }

    private func fixingCRC(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 8 else { return bytes }
        var head = Array(bytes.dropLast(4))
        head += Array(CRC16.hex(CRC16.checksum(head)).utf8)
        return head
    }

    @Test func randomBytes() {
        var generator = SplitMix64(seed: 0x5EED_0001)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...600, using: &generator)
            exercise((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
    }

    @Test func randomDigitsAndTLVShapes() {
        var generator = SplitMix64(seed: 0x5EED_0002)
        let alphabet = Array("0123456789ABCDEFQRIVN ".utf8)
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                let tag = Int.random(in: 0...99, using: &generator)
                let length = Int.random(in: 0...40, using: &generator)
                let declared = Bool.random(using: &generator) ? length : Int.random(in: 0...99, using: &generator)
                bytes += Array(header(tag: tag, length: declared).utf8)
                bytes += (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            }
            bytes += Array("6304".utf8)
            bytes += Array(CRC16.hex(CRC16.checksum(bytes)).utf8)
            exercise(bytes)
        }
    }

    @Test(arguments: seeds)
    func everyTruncation(_ payload: String) {
        let bytes = Array(payload.utf8)
        for cut in 0...bytes.count {
            exercise(Array(bytes[0..<cut]))
            exercise(fixingCRC(Array(bytes[0..<cut])))
            exercise(Array(bytes[cut...]))
        }
    }

    @Test(arguments: seeds)
    func everySingleByteMutation(_ payload: String) {
        let bytes = Array(payload.utf8)
        let replacements: [UInt8] = [0x00, 0x30, 0x39, 0x41, 0x7F, 0x80, 0xC3, 0xFF]
        for index in bytes.indices {
            for replacement in replacements where replacement != bytes[index] {
                var mutated = bytes
                mutated[index] = replacement
                exercise(mutated)
                exercise(fixingCRC(mutated))
            }
            var removed = bytes
            removed.remove(at: index)
            exercise(fixingCRC(removed))
            var inserted = bytes
            inserted.insert(0x39, at: index)
            exercise(fixingCRC(inserted))
        }
    }

    private func header(tag: Int, length: Int) -> String {
        (tag < 10 ? "0\(tag)" : "\(tag)") + (length < 10 ? "0\(length)" : "\(length)")
    }
}
