import EMRTD
import Foundation
import SmartCard

/// CPU cost of secure messaging for one protected READ BINARY exchange, both ends in this
/// process as in the card-read benchmark: the reader protects the command, the chip checks it,
/// protects a response of `length` bytes, and the reader checks and decrypts it (AES-128).
enum SecureMessagingCost {
    /// `kiosk-bench secure-messaging`: the cost per exchange for short and extended chunks, AES and 3DES.
    static func run() async throws {
        for suite in [CipherSuite.aes(keyLength: 16), .tdes] {
            for length in [223, 1024, 4000] {
                let cost = try microseconds(length: length, suite: suite)
                print("secure messaging \(suite == .tdes ? "3DES" : "AES-128"), READ BINARY of \(length) bytes, reader and chip: \(String(format: "%.1f", cost)) µs")
            }
        }
    }

    static func microseconds(length: Int, suite: CipherSuite = .aes(keyLength: 16), rounds: Int = 2000) throws -> Double {
        let encryption = [UInt8](repeating: 0x2B, count: 16), mac = [UInt8](repeating: 0x7E, count: 16)
        var reader = SecureMessaging(suite: suite, encryptionKey: encryption, macKey: mac, ssc: [UInt8](repeating: 0, count: suite == .tdes ? 8 : 16))
        var chip = reader
        let content = ResponseAPDU(data: [UInt8](repeating: 0x5A, count: length), statusWord: StatusWord(rawValue: 0x9000))
        let command = CommandAPDU(cla: 0x00, ins: 0xB0, p1: 0x00, p2: 0x00, le: length)
        let start = ContinuousClock.now
        for _ in 0..<rounds {
            _ = try chip.unprotect(command: try reader.protect(command))
            _ = try reader.unprotect(try chip.protect(response: content))
        }
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1e6 / Double(rounds) + Double(elapsed.components.attoseconds) / 1e12 / Double(rounds)
    }
}
