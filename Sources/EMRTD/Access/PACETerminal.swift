import SmartCard

/// The terminal side of PACE with ECDH Generic Mapping, as a sequence of steps: each step takes
/// the previous answer and returns the next command. Private keys are drawn from `scalars`
/// (random by default; fixed in tests of the ICAO worked example).
struct PACETerminal {
    let proto: PACEProtocol
    let curve: ECCurve
    let passwordKey: [UInt8]
    var scalars: () throws -> [UInt8]

    private var nonce: [UInt8] = []
    private var mapPrivate: [UInt8] = []
    private(set) var mapPublic: [UInt8] = []
    private(set) var mappedGenerator: [UInt8] = []
    private var agreementPrivate: [UInt8] = []
    private(set) var agreementPublic: [UInt8] = []
    private var chipAgreementPublic: [UInt8] = []
    private(set) var sessionKeys: (enc: [UInt8], mac: [UInt8]) = ([], [])

    init(protocol p: PACEProtocol, parameterID: Int, password: [UInt8], scalars: (() throws -> [UInt8])? = nil) throws {
        guard p.isSupported else { throw EMRTDError.unsupported("PACE variant \(SecurityOIDs.dotted(p.oid))") }
        proto = p
        let curve = try StandardDomainParameters.curve(id: parameterID)
        self.curve = curve
        passwordKey = try PACEMessages.passwordKey(password, suite: p.suite)
        self.scalars = scalars ?? { try curve.randomScalar() }
    }

    /// Step 1: the empty GENERAL AUTHENTICATE asking for the encrypted nonce.
    func nonceRequest() -> CommandAPDU {
        PACEMessages.generalAuthenticate(tag: nil, value: [], last: false)
    }

    /// Step 2: decrypts the nonce z → s and returns the mapping command with PK_map_IFD.
    mutating func mappingCommand(nonceResponse: [UInt8]) throws -> CommandAPDU {
        let z = try PACEMessages.dynamicData(nonceResponse, tag: 0x80, step: "PACE nonce")
        guard !z.isEmpty, z.count % proto.suite.blockSize == 0 else { throw EMRTDError.authenticationFailed("PACE nonce length") }
        nonce = try PACEMessages.nonceCipher(z, key: passwordKey, suite: proto.suite, encrypt: false)
        mapPrivate = try scalars()
        mapPublic = try curve.multiply(mapPrivate)
        return PACEMessages.generalAuthenticate(tag: 0x81, value: mapPublic, last: false)
    }

    /// Step 3: computes H and G~ = s·G + H, returns the key-agreement command with PK_DH_IFD.
    mutating func keyAgreementCommand(mappingResponse: [UInt8]) throws -> CommandAPDU {
        let chipMap = try PACEMessages.dynamicData(mappingResponse, tag: 0x82, step: "PACE mapping")
        guard chipMap != mapPublic else { throw EMRTDError.authenticationFailed("chip mapping key equals ours") }
        let h = try curve.multiply(mapPrivate, chipMap)
        mappedGenerator = try curve.multiplyGeneratorAndAdd(nonce, h)
        agreementPrivate = try scalars()
        agreementPublic = try curve.multiply(agreementPrivate, mappedGenerator)
        return PACEMessages.generalAuthenticate(tag: 0x83, value: agreementPublic, last: false)
    }

    /// Step 4: derives the shared secret and session keys, returns the command with T_IFD.
    mutating func tokenCommand(agreementResponse: [UInt8]) throws -> CommandAPDU {
        chipAgreementPublic = try PACEMessages.dynamicData(agreementResponse, tag: 0x84, step: "PACE key agreement")
        guard chipAgreementPublic != agreementPublic else { throw EMRTDError.authenticationFailed("chip ephemeral key equals ours") }
        let shared = try curve.xCoordinate(try curve.multiply(agreementPrivate, chipAgreementPublic))
        sessionKeys = (try proto.suite.deriveKey(shared, counter: 1), try proto.suite.deriveKey(shared, counter: 2))
        let token = try PACEMessages.token(suite: proto.suite, macKey: sessionKeys.mac, oid: proto.oid, publicKey: chipAgreementPublic)
        return PACEMessages.generalAuthenticate(tag: 0x85, value: token, last: true)
    }

    /// Step 5: checks T_IC and opens the secure-messaging session (SSC zero).
    func finish(tokenResponse: [UInt8]) throws -> SecureMessaging {
        let chipToken = try PACEMessages.dynamicData(tokenResponse, tag: 0x86, step: "PACE token")
        let expected = try PACEMessages.token(suite: proto.suite, macKey: sessionKeys.mac, oid: proto.oid, publicKey: agreementPublic)
        guard Bytes.constantTimeEqual(chipToken, expected) else { throw EMRTDError.authenticationFailed("PACE chip token mismatch") }
        return SecureMessaging(suite: proto.suite, encryptionKey: sessionKeys.enc, macKey: sessionKeys.mac,
                               ssc: [UInt8](repeating: 0, count: proto.suite.blockSize))
    }
}
