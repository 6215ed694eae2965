/// The chip side of PACE with ECDH Generic Mapping: answers the four GENERAL AUTHENTICATE
/// steps. Random values come from `random` (nonce) and `scalars` (private keys); tests fix them.
struct PACEChip: Sendable {
    enum Step: Sendable { case nonce, mapping, agreement, token, done }

    let proto: PACEProtocol
    let curve: ECCurve
    let passwordKey: [UInt8]
    var random: @Sendable (Int) throws -> [UInt8] = { try Primitives.random($0) }
    var scalars: @Sendable () throws -> [UInt8]

    private(set) var step: Step = .nonce
    private var nonce: [UInt8] = []
    private var mapPrivate: [UInt8] = []
    private var mapPublic: [UInt8] = []
    private var mappedGenerator: [UInt8] = []
    private var agreementPrivate: [UInt8] = []
    private var agreementPublic: [UInt8] = []
    private var terminalAgreementPublic: [UInt8] = []
    private var sessionKeys: (enc: [UInt8], mac: [UInt8]) = ([], [])

    init(protocol p: PACEProtocol, parameterID: Int, password: [UInt8]) throws {
        guard p.isSupported else { throw EMRTDError.unsupported("PACE variant \(SecurityOIDs.dotted(p.oid))") }
        proto = p
        let curve = try StandardDomainParameters.curve(id: parameterID)
        self.curve = curve
        passwordKey = try PACEMessages.passwordKey(password, suite: p.suite)
        scalars = { try curve.randomScalar() }
    }

    /// Answers one GENERAL AUTHENTICATE data field. Returns the response data and, after the
    /// last step, the session. A wrong terminal token throws ``EMRTDError/wrongAccessKey(during:)``.
    mutating func respond(_ data: [UInt8]) throws -> (data: [UInt8], session: SecureMessaging?) {
        switch step {
        case .nonce:
            nonce = try random(proto.suite.blockSize)
            let z = try PACEMessages.nonceCipher(nonce, key: passwordKey, suite: proto.suite, encrypt: true)
            step = .mapping
            return (TLV.encode(0x7C, TLV.encode(0x80, z)), nil)
        case .mapping:
            let terminalMap = try PACEMessages.dynamicData(data, tag: 0x81, step: "PACE mapping")
            mapPrivate = try scalars()
            mapPublic = try curve.multiply(mapPrivate)
            let h = try curve.multiply(mapPrivate, terminalMap)
            mappedGenerator = try curve.multiplyGeneratorAndAdd(nonce, h)
            step = .agreement
            return (TLV.encode(0x7C, TLV.encode(0x82, mapPublic)), nil)
        case .agreement:
            terminalAgreementPublic = try PACEMessages.dynamicData(data, tag: 0x83, step: "PACE key agreement")
            agreementPrivate = try scalars()
            agreementPublic = try curve.multiply(agreementPrivate, mappedGenerator)
            let shared = try curve.xCoordinate(try curve.multiply(agreementPrivate, terminalAgreementPublic))
            sessionKeys = (try proto.suite.deriveKey(shared, counter: 1), try proto.suite.deriveKey(shared, counter: 2))
            step = .token
            return (TLV.encode(0x7C, TLV.encode(0x84, agreementPublic)), nil)
        case .token:
            let terminalToken = try PACEMessages.dynamicData(data, tag: 0x85, step: "PACE token")
            let expected = try PACEMessages.token(suite: proto.suite, macKey: sessionKeys.mac, oid: proto.oid, publicKey: agreementPublic)
            step = .done
            guard Bytes.constantTimeEqual(terminalToken, expected) else { throw EMRTDError.wrongAccessKey(during: "PACE") }
            let token = try PACEMessages.token(suite: proto.suite, macKey: sessionKeys.mac, oid: proto.oid, publicKey: terminalAgreementPublic)
            let session = SecureMessaging(suite: proto.suite, encryptionKey: sessionKeys.enc, macKey: sessionKeys.mac,
                                          ssc: [UInt8](repeating: 0, count: proto.suite.blockSize))
            return (TLV.encode(0x7C, TLV.encode(0x86, token)), session)
        case .done:
            throw EMRTDError.malformedAPDU("PACE already finished")
        }
    }
}
