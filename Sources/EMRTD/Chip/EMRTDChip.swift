public import SmartCard

/// The chip side of an eMRTD (the CCCD's behaviour) for the virtual card and for tests: the
/// master file with EF.CardAccess, the eMRTD application with its files, BAC, PACE-GM (as
/// announced in EF.CardAccess), and secure messaging on every command after access control.
///
/// Like a real chip it answers a wrong key with 6300 and drops any session; a command with a
/// bad MAC gets 6988 and ends the session; protected files need access control (6982).
public struct EMRTDChip: Sendable {
    /// How the chip answers a READ BINARY asking for more bytes than the file has left.
    public enum ReadPastEnd: Sendable {
        /// The bytes there are, with 6282 (ISO/IEC 7816-4's end-of-file warning).
        case endOfFileWarning
        /// 6700 and no data.
        case wrongLength
        /// 6Cxx with the number of bytes left.
        case exactLength
    }

    /// The answer to reads past the end of a file (chips differ; the reader copes with all).
    public var readPastEnd = ReadPastEnd.endOfFileWarning

    private let files: [LDSFile: [UInt8]]
    private let can: String?
    private let mrzKey: MRZKey?
    private let paceInfos: [SecurityInfos.PACEInfo]

    private var applicationSelected = false
    private var selectedFile: LDSFile?
    private var challenge: [UInt8]?
    private var pace: PACEChip?
    var session: SecureMessaging?

    /// The private key matching DG14's chip-authentication key (nil: the chip refuses CA).
    public var chipAuthenticationKey: PrivateKey?
    /// The private key matching DG15 (nil: the chip refuses INTERNAL AUTHENTICATE).
    public var activeAuthenticationKey: PrivateKey?
    /// The hash of ECDSA active authentication (as DG14's ActiveAuthenticationInfo says).
    public var activeAuthenticationDigest = DigestAlgorithm.sha256
    /// The chip-authentication variant chosen by MSE:Set AT, awaiting GENERAL AUTHENTICATE.
    var chipAuthenticationVariant: ChipAuthenticationProtocol?
    /// Keys that take over after the current answer is sent (chip authentication).
    var nextSession: SecureMessaging?

    /// A chip with `files` (EF.CardAccess among them to offer PACE) and the passwords it
    /// accepts: `can` for PACE-CAN, `mrzKey` for BAC and PACE-MRZ.
    public init(files: [LDSFile: [UInt8]], can: String?, mrzKey: MRZKey?) throws {
        self.files = files
        self.can = can
        self.mrzKey = mrzKey
        paceInfos = try files[.cardAccess].map { try SecurityInfos(bytes: $0).paceInfos } ?? []
    }

    /// Whether a secure-messaging session is open (access control done).
    public var isAuthenticated: Bool { session != nil }

    /// Back to the state after a reset: nothing selected, no session.
    public mutating func reset() {
        applicationSelected = false
        selectedFile = nil
        challenge = nil
        pace = nil
        session = nil
        chipAuthenticationVariant = nil
        nextSession = nil
    }

    /// Answers one command APDU given as bytes (as vpcd delivers it); a malformed command gets
    /// 6700.
    public mutating func handle(bytes: [UInt8]) -> [UInt8] {
        guard let command = try? CommandAPDU.parse(bytes) else { return [0x67, 0x00] }
        return handle(command).bytes
    }

    /// Answers one command APDU.
    public mutating func handle(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.cla & 0x0C == 0x0C else {
            if session != nil { session = nil }
            return respond(command, authenticated: false)
        }
        guard var sm = session else { return ResponseAPDU(sw: 0x6988) }
        let plain: CommandAPDU
        do { plain = try sm.unprotect(command: command) } catch {
            session = nil
            return ResponseAPDU(sw: 0x6988)
        }
        session = sm
        let answer = respond(plain, authenticated: true)
        // Access control commands never run inside secure messaging here; the session in
        // place when the command arrived wraps the answer.
        guard var current = session else { return answer }
        do {
            let wrapped = try current.protect(response: answer, oddInstruction: plain.ins & 1 == 1)
            session = current
            if let next = nextSession {
                session = next
                nextSession = nil
            }
            return wrapped
        } catch {
            session = nil
            return ResponseAPDU(sw: 0x6F00)
        }
    }

    private mutating func respond(_ command: CommandAPDU, authenticated: Bool) -> ResponseAPDU {
        switch command.ins {
        case 0xA4: return select(command, authenticated: authenticated)
        case 0xB0, 0xB1: return readBinary(command, authenticated: authenticated)
        case 0x84: return getChallenge(command)
        case 0x82: return externalAuthenticate(command)
        case 0x22 where command.p1 == 0x41:
            return authenticated ? chipAuthenticationSetUp(command) : ResponseAPDU(sw: 0x6982)
        case 0x22: return mseSetAT(command)
        case 0x86 where authenticated && chipAuthenticationVariant != nil: return chipAuthenticationAgreement(command)
        case 0x86: return generalAuthenticate(command)
        case 0x88: return authenticated ? internalAuthenticate(command) : ResponseAPDU(sw: 0x6982)
        default: return ResponseAPDU(sw: 0x6D00)
        }
    }

    // MARK: Files

    private mutating func select(_ command: CommandAPDU, authenticated: Bool) -> ResponseAPDU {
        switch command.p1 {
        case 0x00:
            applicationSelected = false
            selectedFile = nil
            return ResponseAPDU(sw: 0x9000)
        case 0x04:
            guard command.data == DocumentReader.applicationID else { return ResponseAPDU(sw: 0x6A82) }
            applicationSelected = true
            selectedFile = nil
            return ResponseAPDU(sw: 0x9000)
        case 0x02:
            guard command.data.count == 2 else { return ResponseAPDU(sw: 0x6A80) }
            let fid = UInt16(command.data[0]) << 8 | UInt16(command.data[1])
            guard let file = LDSFile.allCases.first(where: { $0.fileID == fid }), files[file] != nil,
                  file == .cardAccess || applicationSelected else { return ResponseAPDU(sw: 0x6A82) }
            guard file == .cardAccess || authenticated else { return ResponseAPDU(sw: 0x6982) }
            selectedFile = file
            return ResponseAPDU(sw: 0x9000)
        default:
            return ResponseAPDU(sw: 0x6A86)
        }
    }

    private mutating func readBinary(_ command: CommandAPDU, authenticated: Bool) -> ResponseAPDU {
        var offset: Int
        if command.ins == 0xB0 {
            if command.p1 & 0x80 != 0 {
                let sfi = command.p1 & 0x1F
                guard let file = LDSFile.allCases.first(where: { $0.shortID == sfi }), files[file] != nil else {
                    return ResponseAPDU(sw: 0x6A82)
                }
                if file == .dg3 { return ResponseAPDU(sw: 0x6982) }
                guard file == .cardAccess || authenticated else { return ResponseAPDU(sw: 0x6982) }
                selectedFile = file
                offset = Int(command.p2)
            } else {
                offset = Int(command.p1) << 8 | Int(command.p2)
            }
        } else {
            guard let object = try? TLV.parseSingle(command.data), object.tag == 0x54, (1...3).contains(object.value.count) else {
                return ResponseAPDU(sw: 0x6A80)
            }
            offset = object.value.reduce(0) { $0 << 8 | Int($1) }
        }
        guard let file = selectedFile, let content = files[file] else { return ResponseAPDU(sw: 0x6986) }
        guard file == .cardAccess || authenticated else { return ResponseAPDU(sw: 0x6982) }
        guard offset <= content.count else { return ResponseAPDU(sw: 0x6B00) }
        // For odd INS the answer is wrapped in DO'53'; keep the wrapped answer within Le.
        let wanted = max(1, (command.le ?? 256) - (command.ins == 0xB1 ? 4 : 0))
        let end = min(content.count, offset + wanted)
        if end - offset < wanted {
            switch readPastEnd {
            case .endOfFileWarning: break
            case .wrongLength: return ResponseAPDU(sw: 0x6700)
            case .exactLength where end > offset: return ResponseAPDU(sw: 0x6C00 | UInt16(min(end - offset, 256) & 0xFF))
            case .exactLength: return ResponseAPDU(sw: 0x6B00)
            }
        }
        let data = Array(content[offset..<end])
        let sw: UInt16 = end - offset < wanted ? 0x6282 : 0x9000
        return ResponseAPDU(data: command.ins == 0xB1 ? TLV.encode(0x53, data) : data, sw: sw)
    }

    // MARK: BAC

    private mutating func getChallenge(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.le == 8 else { return ResponseAPDU(sw: 0x6700) }
        guard let random = try? Primitives.random(8) else { return ResponseAPDU(sw: 0x6F00) }
        challenge = random
        return ResponseAPDU(data: random, sw: 0x9000)
    }

    private mutating func externalAuthenticate(_ command: CommandAPDU) -> ResponseAPDU {
        defer { challenge = nil }
        session = nil
        guard let rndIC = challenge, let mrzKey else { return ResponseAPDU(sw: 0x6985) }
        do {
            let keys = try BAC.keys(seed: try mrzKey.keySeed())
            let result = try BAC.chipRespond(command: command.data, enc: keys.enc, mac: keys.mac, rndIC: rndIC, kIC: try Primitives.random(16))
            session = result.session
            return ResponseAPDU(data: result.response, sw: 0x9000)
        } catch {
            return ResponseAPDU(sw: 0x6300)
        }
    }

    // MARK: PACE

    private mutating func mseSetAT(_ command: CommandAPDU) -> ResponseAPDU {
        session = nil
        pace = nil
        guard command.p1 == 0xC1, command.p2 == 0xA4, let objects = try? TLV.parseAll(command.data),
              let oidBytes = objects.first(where: { $0.tag == 0x80 })?.value,
              let reference = objects.first(where: { $0.tag == 0x83 })?.value.first else { return ResponseAPDU(sw: 0x6A80) }
        let requestedID = objects.first { $0.tag == 0x84 }?.value.first.map(Int.init)
        guard let info = paceInfos.first(where: { info in
            (try? SecurityOIDs.contentBytes(info.protocol.oid)) == oidBytes && (requestedID == nil || requestedID == info.parameterID)
        }), let parameterID = info.parameterID else { return ResponseAPDU(sw: 0x6A80) }
        let password: [UInt8]
        do {
            switch reference {
            case 0x01:
                guard let mrzKey else { return ResponseAPDU(sw: 0x6A88) }
                password = try AccessKey.mrz(mrzKey).pacePassword()
            case 0x02:
                guard let can else { return ResponseAPDU(sw: 0x6A88) }
                password = try AccessKey.can(can).pacePassword()
            default:
                return ResponseAPDU(sw: 0x6A88)
            }
            pace = try PACEChip(protocol: info.protocol, parameterID: parameterID, password: password)
        } catch {
            return ResponseAPDU(sw: 0x6A80)
        }
        return ResponseAPDU(sw: 0x9000)
    }

    private mutating func generalAuthenticate(_ command: CommandAPDU) -> ResponseAPDU {
        guard var state = pace else { return ResponseAPDU(sw: 0x6985) }
        do {
            let answer = try state.respond(command.data)
            pace = answer.session == nil ? state : nil
            if let established = answer.session { session = established }
            return ResponseAPDU(data: answer.data, sw: 0x9000)
        } catch EMRTDError.wrongAccessKey {
            pace = nil
            return ResponseAPDU(sw: 0x6300)
        } catch {
            pace = nil
            return ResponseAPDU(sw: 0x6A80)
        }
    }
}
