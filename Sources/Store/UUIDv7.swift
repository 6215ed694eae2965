import Foundation

/// Generates time-ordered UUIDs of version 7 (RFC 9562, section 5.7).
///
/// Foundation only offers random (version 4) UUIDs, so version 7 is assembled here:
/// a 48-bit Unix timestamp in milliseconds, the version nibble `0111`, 12 bits of `rand_a`
/// used as a counter, the variant bits `10` and 62 random bits. The counter makes identifiers
/// from one generator strictly increasing even within one millisecond or when the wall clock
/// steps back (RFC 9562, section 6.2, method 1): the generator then keeps the last timestamp
/// and increments the counter, borrowing the next millisecond when the counter overflows.
final class UUIDv7Generator: @unchecked Sendable {
    private let lock = NSLock()
    private var lastMillis: UInt64 = 0
    private var counter: UInt16 = 0

    init() {}

    /// A new identifier for the instant `date`.
    func next(at date: Date) -> UUID {
        let now = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        let (millis, sequence) = lock.withLock { () -> (UInt64, UInt16) in
            if now > lastMillis {
                lastMillis = now
                // Start in the lower half so that many increments fit in one millisecond.
                counter = UInt16.random(in: 0..<0x800)
            } else if counter < 0xFFF {
                counter += 1
            } else {
                lastMillis += 1
                counter = 0
            }
            return (lastMillis, counter)
        }
        return Self.assemble(millis: millis, sequence: sequence, random: UInt64.random(in: .min ... .max))
    }

    /// Lays out the fields in network byte order.
    static func assemble(millis: UInt64, sequence: UInt16, random: UInt64) -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index)))
        }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: sequence >> 8) & 0x0F
        bytes[7] = UInt8(truncatingIfNeeded: sequence)
        for index in 8..<16 {
            bytes[index] = UInt8(truncatingIfNeeded: random >> (8 * (15 - index)))
        }
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
    }
}
