/// Adler-32 (RFC 1950 §8.2), the checksum that ends a zlib stream. Check value: "Wikipedia" → 0x11E60398.
enum Adler32 {
    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        let modulus: UInt32 = 65521
        // 5552 bytes is the longest run after which the sums still fit in 32 bits unreduced.
        let longestRun = 5552
        var a: UInt32 = 1
        var b: UInt32 = 0
        var run = 0
        for byte in bytes {
            a += UInt32(byte)
            b += a
            run += 1
            if run == longestRun {
                a %= modulus
                b %= modulus
                run = 0
            }
        }
        return (b % modulus) << 16 | (a % modulus)
    }
}
