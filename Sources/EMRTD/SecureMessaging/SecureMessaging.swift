public import SmartCard

/// ICAO 9303-11 §9.8 secure messaging for one session: wraps commands and unwraps responses
/// (terminal side), or the reverse (chip side), keeping the send sequence counter (SSC).
///
/// The SSC is incremented before every command and before every response, on both sides.
/// Data goes in DO'87' (even INS, with padding-content indicator 01) or DO'85' (odd INS), the
/// expected length in DO'97', the status in DO'99', the checksum in DO'8E'. Every MAC is
/// checked; a failed check throws ``EMRTDError/secureMessaging(_:)`` and the session must end.
public struct SecureMessaging: Sendable {
    /// Algorithms of this session.
    public let suite: CipherSuite
    private let encryptionKey: [UInt8]
    private let macKey: [UInt8]
    /// The current send sequence counter (8 bytes for 3DES, 16 for AES).
    public private(set) var ssc: [UInt8]

    /// Starts a session with the keys and initial SSC from BAC or PACE.
    public init(suite: CipherSuite, encryptionKey: [UInt8], macKey: [UInt8], ssc: [UInt8]) {
        self.suite = suite
        self.encryptionKey = encryptionKey
        self.macKey = macKey
        self.ssc = ssc
    }

    // MARK: Terminal side

    /// Protects a plain command: encrypts its data, adds DO'97' for Le and the DO'8E' MAC.
    public mutating func protect(_ command: CommandAPDU) throws -> CommandAPDU {
        Bytes.increment(&ssc)
        let cla = command.cla | 0x0C
        let header: [UInt8] = [cla, command.ins, command.p1, command.p2]
        var objects: [UInt8] = []
        if !command.data.isEmpty {
            objects += try dataObject(command.data, oddInstruction: command.ins & 1 == 1)
        }
        if let le = command.le {
            let field: [UInt8] = le <= 256 ? [UInt8(truncatingIfNeeded: le)]
                : (le >= 65536 ? [0, 0] : [UInt8(le >> 8), UInt8(le & 0xFF)])
            objects += TLV.encode(0x97, field)
        }
        let checksum = try mac(Bytes.pad(header, blockSize: suite.blockSize) + objects)
        let body = objects + TLV.encode(0x8E, checksum)
        let extended = (command.le ?? 0) > 256 || body.count > 255
        return CommandAPDU(cla: cla, ins: command.ins, p1: command.p1, p2: command.p2,
                           data: body, le: extended ? 65536 : 256)
    }

    /// Verifies and decrypts a protected response. A response without secure-messaging objects
    /// is returned as is only when it reports an error status (cards answer some errors plain);
    /// a plain success is rejected.
    public mutating func unprotect(_ response: ResponseAPDU) throws -> ResponseAPDU {
        Bytes.increment(&ssc)
        if response.data.isEmpty {
            guard response.sw != 0x9000 else { throw EMRTDError.secureMessaging("success without secure-messaging objects") }
            return response
        }
        let parsed = try parseObjects(response.data, allowed: [0x85, 0x87, 0x99, 0x8E])
        guard let status = parsed.objects[0x99], status.value.count == 2 else {
            throw EMRTDError.secureMessaging("response without DO'99'")
        }
        try verify(parsed.macInput, parsed.checksum)
        let sw = UInt16(status.value[0]) << 8 | UInt16(status.value[1])
        let data = try decrypt(parsed.objects)
        return ResponseAPDU(data: data, sw: sw)
    }

    // MARK: Chip side

    /// Verifies and decrypts a protected command (chip side); the result is the plain command
    /// with the secure-messaging bits of CLA cleared.
    public mutating func unprotect(command: CommandAPDU) throws -> CommandAPDU {
        Bytes.increment(&ssc)
        guard command.cla & 0x0C == 0x0C else { throw EMRTDError.secureMessaging("command without secure-messaging CLA") }
        let header: [UInt8] = [command.cla, command.ins, command.p1, command.p2]
        let parsed = try parseObjects(command.data, allowed: [0x85, 0x87, 0x97, 0x8E])
        try verify(Bytes.pad(header, blockSize: suite.blockSize) + parsed.macInput, parsed.checksum)
        let data = try decrypt(parsed.objects)
        var le: Int?
        if let expected = parsed.objects[0x97] {
            switch expected.value.count {
            case 1: le = expected.value[0] == 0 ? 256 : Int(expected.value[0])
            case 2:
                let v = Int(expected.value[0]) << 8 | Int(expected.value[1])
                le = v == 0 ? 65536 : v
            default: throw EMRTDError.secureMessaging("DO'97' of \(expected.value.count) bytes")
            }
        }
        return CommandAPDU(cla: command.cla & ~0x0C, ins: command.ins, p1: command.p1, p2: command.p2, data: data, le: le)
    }

    /// Protects a plain response (chip side): DO'87'/'85' for data, DO'99' for the status, DO'8E'.
    public mutating func protect(response: ResponseAPDU, oddInstruction: Bool = false) throws -> ResponseAPDU {
        Bytes.increment(&ssc)
        var objects: [UInt8] = []
        if !response.data.isEmpty {
            objects += try dataObject(response.data, oddInstruction: oddInstruction)
        }
        objects += TLV.encode(0x99, [response.statusWord.sw1, response.statusWord.sw2])
        let checksum = try mac(objects)
        return ResponseAPDU(data: objects + TLV.encode(0x8E, checksum), statusWord: response.statusWord)
    }

    // MARK: Shared steps

    private func iv() throws -> [UInt8] {
        switch suite {
        case .tdes: [UInt8](repeating: 0, count: 8)
        case .aes: try Primitives.aesECB(key: encryptionKey, ssc)
        }
    }

    private func dataObject(_ data: [UInt8], oddInstruction: Bool) throws -> [UInt8] {
        let cryptogram = try suite.cbc(key: encryptionKey, iv: iv(), Bytes.pad(data, blockSize: suite.blockSize), encrypt: true)
        return oddInstruction ? TLV.encode(0x85, cryptogram) : TLV.encode(0x87, [0x01] + cryptogram)
    }

    private func decrypt(_ objects: [UInt32: TLV]) throws -> [UInt8] {
        var cryptogram: [UInt8]
        if let do87 = objects[0x87] {
            guard do87.value.first == 0x01 else { throw EMRTDError.secureMessaging("DO'87' padding indicator is not 01") }
            cryptogram = Array(do87.value.dropFirst())
        } else if let do85 = objects[0x85] {
            cryptogram = do85.value
        } else {
            return []
        }
        guard !cryptogram.isEmpty, cryptogram.count % suite.blockSize == 0 else {
            throw EMRTDError.secureMessaging("cryptogram is not whole blocks")
        }
        let plain = try suite.cbc(key: encryptionKey, iv: iv(), cryptogram, encrypt: false)
        guard let data = Bytes.unpad(plain) else { throw EMRTDError.secureMessaging("bad padding in decrypted data") }
        cryptogram = []
        return data
    }

    private func mac(_ input: [UInt8]) throws -> [UInt8] {
        try suite.mac(key: macKey, padded: Bytes.pad(ssc + input, blockSize: suite.blockSize))
    }

    private func verify(_ input: [UInt8], _ checksum: [UInt8]) throws {
        guard Bytes.constantTimeEqual(try mac(input), checksum) else {
            throw EMRTDError.secureMessaging("MAC mismatch")
        }
    }

    /// Splits secure-messaging objects; the MAC covers every object before DO'8E', exactly as
    /// received.
    private func parseObjects(_ bytes: [UInt8], allowed: Set<UInt32>) throws -> (objects: [UInt32: TLV], macInput: [UInt8], checksum: [UInt8]) {
        let list: [TLV]
        do { list = try TLV.parseAll(bytes) } catch { throw EMRTDError.secureMessaging("malformed data objects (\(error))") }
        var objects: [UInt32: TLV] = [:]
        var macInput: [UInt8] = []
        var checksum: [UInt8]?
        for object in list {
            guard allowed.contains(object.tag), objects[object.tag] == nil, checksum == nil else {
                throw EMRTDError.secureMessaging("unexpected data object \(String(object.tag, radix: 16, uppercase: true))")
            }
            if object.tag == 0x8E {
                checksum = object.value
            } else {
                macInput += bytes[object.offset..<(object.offset + object.headerLength + object.value.count)]
            }
            objects[object.tag] = object
        }
        guard let checksum, checksum.count == 8 else { throw EMRTDError.secureMessaging("missing or short DO'8E'") }
        guard objects[0x85] == nil || objects[0x87] == nil else { throw EMRTDError.secureMessaging("both DO'85' and DO'87'") }
        return (objects, macInput, checksum)
    }
}
