// Small byte helpers shared by the TLV, crypto and secure-messaging code.

extension Array where Element == UInt8 {
    /// Builds bytes from a hex string; spaces are ignored. Returns nil on any other character.
    init?(hex: String) {
        var out: [UInt8] = []
        var high: UInt8?
        for ch in hex.unicodeScalars {
            if ch == " " || ch == "\n" { continue }
            guard let v = UInt8(String(ch), radix: 16) else { return nil }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        guard high == nil else { return nil }
        self = out
    }

    /// Upper-case hex, no separators.
    var hexString: String {
        let digits = [Character]("0123456789ABCDEF")
        var s = ""
        s.reserveCapacity(count * 2)
        for b in self { s.append(digits[Int(b >> 4)]); s.append(digits[Int(b & 0x0F)]) }
        return s
    }
}

enum Bytes {
    /// Big-endian encoding of `value` in `width` bytes.
    static func bigEndian(_ value: Int, width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * (width - 1 - $0))) }
    }

    /// XOR of two equally long byte strings.
    static func xor(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        precondition(a.count == b.count)
        return zip(a, b).map { $0 ^ $1 }
    }

    /// Comparison whose time does not depend on where the first difference is.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }

    /// ISO/IEC 9797-1 padding method 2: append 0x80, then zeros to a multiple of `blockSize`.
    static func pad(_ data: [UInt8], blockSize: Int) -> [UInt8] {
        var out = data
        out.append(0x80)
        while out.count % blockSize != 0 { out.append(0) }
        return out
    }

    /// Removes ISO/IEC 9797-1 method 2 padding; nil when the padding is malformed.
    static func unpad(_ data: [UInt8]) -> [UInt8]? {
        var i = data.count - 1
        while i >= 0 && data[i] == 0 { i -= 1 }
        guard i >= 0, data[i] == 0x80 else { return nil }
        return Array(data[0..<i])
    }

    /// Increments a big-endian counter in place, wrapping at all-ones.
    static func increment(_ counter: inout [UInt8]) {
        var i = counter.count - 1
        while i >= 0 {
            counter[i] &+= 1
            if counter[i] != 0 { return }
            i -= 1
        }
    }
}
