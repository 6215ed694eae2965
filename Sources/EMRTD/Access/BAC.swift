/// Basic Access Control (ICAO 9303-11 §4.3): 3DES mutual authentication keyed by the MRZ,
/// leading to a 3DES secure-messaging session. Both sides' computations are here; the terminal
/// run over a channel is in ``DocumentReader``.
enum BAC {
    /// K_enc and K_mac from a 16-byte seed (K_seed, or K_IFD ⊕ K_IC for the session keys).
    static func keys(seed: [UInt8]) throws -> (enc: [UInt8], mac: [UInt8]) {
        (try CipherSuite.tdes.deriveKey(seed, counter: 1), try CipherSuite.tdes.deriveKey(seed, counter: 2))
    }

    /// E_IFD || M_IFD for EXTERNAL AUTHENTICATE, from S = RND.IFD || RND.IC || K.IFD.
    static func terminalCryptogram(enc: [UInt8], mac: [UInt8], rndIC: [UInt8], rndIFD: [UInt8], kIFD: [UInt8]) throws -> [UInt8] {
        try seal(rndIFD + rndIC + kIFD, enc: enc, mac: mac)
    }

    /// Checks the chip's answer E_IC || M_IC and opens the session (terminal side).
    static func terminalSession(response: [UInt8], enc: [UInt8], mac: [UInt8], rndIC: [UInt8], rndIFD: [UInt8], kIFD: [UInt8]) throws -> SecureMessaging {
        let r = try open(response, enc: enc, mac: mac, what: "EXTERNAL AUTHENTICATE response")
        guard Bytes.constantTimeEqual(Array(r[0..<8]), rndIC), Bytes.constantTimeEqual(Array(r[8..<16]), rndIFD) else {
            throw EMRTDError.authenticationFailed("BAC challenge echo mismatch")
        }
        return try session(kIFD: kIFD, kIC: Array(r[16..<32]), rndIC: rndIC, rndIFD: rndIFD)
    }

    /// Chip side of EXTERNAL AUTHENTICATE: checks the terminal's cryptogram and answers with
    /// E_IC || M_IC. A failure means a wrong key (the chip answers 6300).
    static func chipRespond(command: [UInt8], enc: [UInt8], mac: [UInt8], rndIC: [UInt8], kIC: [UInt8]) throws -> (response: [UInt8], session: SecureMessaging) {
        let s = try open(command, enc: enc, mac: mac, what: "EXTERNAL AUTHENTICATE command")
        let rndIFD = Array(s[0..<8])
        guard Bytes.constantTimeEqual(Array(s[8..<16]), rndIC) else {
            throw EMRTDError.authenticationFailed("BAC challenge echo mismatch")
        }
        let kIFD = Array(s[16..<32])
        let response = try seal(rndIC + rndIFD + kIC, enc: enc, mac: mac)
        return (response, try session(kIFD: kIFD, kIC: kIC, rndIC: rndIC, rndIFD: rndIFD))
    }

    /// Session keys from K.IFD ⊕ K.IC; SSC = last 4 bytes of RND.IC || last 4 bytes of RND.IFD.
    static func session(kIFD: [UInt8], kIC: [UInt8], rndIC: [UInt8], rndIFD: [UInt8]) throws -> SecureMessaging {
        let k = try keys(seed: Bytes.xor(kIFD, kIC))
        return SecureMessaging(suite: .tdes, encryptionKey: k.enc, macKey: k.mac, ssc: Array(rndIC.suffix(4) + rndIFD.suffix(4)))
    }

    private static func seal(_ plain: [UInt8], enc: [UInt8], mac: [UInt8]) throws -> [UInt8] {
        let e = try Primitives.tdesCBC(key: enc, plain, encrypt: true)
        return e + (try Primitives.retailMAC(key: mac, Bytes.pad(e, blockSize: 8)))
    }

    private static func open(_ data: [UInt8], enc: [UInt8], mac: [UInt8], what: String) throws -> [UInt8] {
        guard data.count == 40 else { throw EMRTDError.authenticationFailed("\(what) is \(data.count) bytes, expected 40") }
        let e = Array(data[0..<32])
        let m = try Primitives.retailMAC(key: mac, Bytes.pad(e, blockSize: 8))
        guard Bytes.constantTimeEqual(m, Array(data[32..<40])) else { throw EMRTDError.authenticationFailed("\(what) MAC mismatch") }
        return try Primitives.tdesCBC(key: enc, e, encrypt: false)
    }
}
