public import SmartCard

/// Reads an eMRTD chip (the CCCD in particular) over a ``CardChannel``: EF.CardAccess first,
/// then PACE when the chip offers it (else BAC), then every file of ``ReadOptions/files`` with
/// protected SELECT-by-short-EF and READ BINARY in the largest chunk the link allows.
///
/// A rejected access key throws ``EMRTDError/wrongAccessKey(during:)`` at once and is never
/// retried (chips count failures). Transport errors (card removed) pass through unchanged.
public struct DocumentReader: Sendable {
    /// The eMRTD application identifier.
    static let applicationID: [UInt8] = [0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]
    static let mseStep = "MSE:Set AT (PACE)"

    private let channel: any CardChannel
    private let options: ReadOptions

    /// A reader over `channel` with `options`.
    public init(channel: any CardChannel, options: ReadOptions = ReadOptions()) {
        self.channel = channel
        self.options = options
    }

    /// Runs access control with `key` and reads the files.
    public func read(key: AccessKey) async throws -> DocumentContents {
        let clock = ContinuousClock()
        let start = clock.now
        var link = ChipLink(channel: channel)
        var files: [LDSFile: [UInt8]] = [:]

        let cardAccess = try await readCardAccess(&link)
        if let cardAccess { files[.cardAccess] = cardAccess }
        let infos = cardAccess.flatMap { try? SecurityInfos(bytes: $0) }

        let access = try await openAccess(&link, infos: infos, key: key)
        link.statistics.accessMicroseconds = Self.microseconds(clock.now - start)

        // Required files first: some chips end the session after an error status, and an
        // absent optional file answers with one. When EF.CardAccess announces chip
        // authentication, DG14 comes first so that chip authentication runs before the other
        // files, which are then read under its keys (the reading itself is the proof).
        let wanted = options.files.filter { $0 != .cardAccess }
        var ordered = wanted.filter { !options.optionalFiles.contains($0) } + wanted.filter { options.optionalFiles.contains($0) }
        let announcesCA = infos.map { !$0.chipAuthenticationInfos.isEmpty } ?? false
        if options.chipAuthentication, announcesCA, let index = ordered.firstIndex(of: .dg14) {
            ordered.insert(ordered.remove(at: index), at: 0)
        }
        var chip = CheckVerdict.notChecked(options.chipAuthentication ? "DG14 was not read" : "chip authentication is switched off")
        // After a chip-authentication attempt the session is in doubt until a protected read
        // succeeds: `proofPending` when the agreement went through (the read is the proof),
        // `sessionInDoubt` for any attempt (a refused one may also have ended the session).
        var proofPending = false
        var sessionInDoubt = false
        var authenticationTime = Duration.zero
        for file in ordered {
            do {
                files[file] = try await readFile(file, &link)
                proofPending = false
                sessionInDoubt = false
            } catch EMRTDError.status(let sw, _) where sw == 0x6A82 && options.optionalFiles.contains(file) {
                if file == .dg14 && options.chipAuthentication { chip = .notSupported("the card has no DG14") }
                continue
            } catch let error as EMRTDError where sessionInDoubt && Self.isKeyMismatch(error) {
                if proofPending {
                    // The chip did not derive the chip-authentication keys: not the chip DG14
                    // belongs to.
                    chip = .failed(.chipKeyMismatch("no valid answer under the chip-authentication keys (\(error.detail))"))
                }
                proofPending = false
                sessionInDoubt = false
                // Open the chip again to read the rest.
                link.session = nil
                _ = try await openAccess(&link, infos: infos, key: key)
                files[file] = try await readFile(file, &link)
            }
            if file == .dg14, options.chipAuthentication, let dg14 = files[.dg14] {
                let caStart = clock.now
                chip = try await ChipAuthenticator.establish(&link, dg14: try? SecurityInfos(dg14: dg14))
                authenticationTime += clock.now - caStart
                proofPending = chip == .ok
                sessionInDoubt = chip.failure != nil || chip == .ok
            }
        }
        if proofPending {
            let proofStart = clock.now
            chip = try await ChipAuthenticator.prove(&link, efCOM: files[.com])
            authenticationTime += clock.now - proofStart
        }
        link.statistics.bytesRead = files.values.reduce(0) { $0 + $1.count }

        let activeStart = clock.now
        let active = try await activeAuthentication(&link, files, chipRan: chip == .ok || chip.failure != nil)
        authenticationTime += clock.now - activeStart
        link.statistics.authenticationMicroseconds = Self.microseconds(authenticationTime)
        let elapsed = clock.now - start
        link.statistics.elapsedMilliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        return DocumentContents(access: access, files: files, statistics: link.statistics,
                                chipAuthentication: chip, activeAuthentication: active)
    }

    private static func microseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000)
    }

    // MARK: Chip and active authentication

    /// A wrong MAC from the chip, or the chip's refusal of ours: what secure messaging under
    /// keys the chip did not derive looks like.
    static func isKeyMismatch(_ error: EMRTDError) -> Bool {
        switch error {
        case .secureMessaging: true
        case .status(let sw, _): sw == 0x6988 || sw == 0x6987
        default: false
        }
    }

    /// Active authentication as ``ReadOptions/activeAuthentication`` asks, under the current keys.
    private func activeAuthentication(_ link: inout ChipLink, _ files: [LDSFile: [UInt8]], chipRan: Bool) async throws -> CheckVerdict {
        switch options.activeAuthentication {
        case .never:
            return .notChecked("active authentication is switched off")
        case .whenNoChipAuthentication where chipRan:
            return .notChecked("chip authentication ran instead (set active authentication to always for both)")
        case .whenNoChipAuthentication, .always:
            let dg14 = files[.dg14].flatMap { try? SecurityInfos(dg14: $0) }
            return try await ActiveAuthenticator.run(&link, dg15: files[.dg15].flatMap { try? DG15(bytes: $0) }, dg14: dg14)
        }
    }

    // MARK: Access control

    /// PACE when EF.CardAccess offers a variant this module runs (and options allow), else BAC;
    /// then the eMRTD application is selected.
    private func openAccess(_ link: inout ChipLink, infos: SecurityInfos?, key: AccessKey) async throws -> AccessMethod {
        if options.preferPACE, let infos, let pace = infos.preferredPACE {
            do {
                try await runPACE(&link, pace, infos: infos, key: key)
                _ = try await link.expect(selectApplication(), "SELECT eMRTD application")
                return key.kind == .can ? .paceCAN : .paceMRZ
            } catch EMRTDError.status(_, let step) where step == Self.mseStep && key.mrz != nil {
                // The chip refused the announced PACE set-up itself (no password was tried):
                // BAC with the same MRZ key costs no failed attempt.
            }
        }
        guard let mrz = key.mrz else {
            throw EMRTDError.unsupported("the chip offers no usable PACE and a CAN cannot open BAC")
        }
        _ = try await link.expect(selectApplication(), "SELECT eMRTD application")
        try await runBAC(&link, mrz)
        return .bac
    }

    private func selectApplication() -> CommandAPDU {
        CommandAPDU(cla: 0x00, ins: 0xA4, p1: 0x04, p2: 0x0C, data: Self.applicationID)
    }

    /// EF.CardAccess by short EF 1C in the master file, unprotected; nil when the chip has none.
    private func readCardAccess(_ link: inout ChipLink) async throws -> [UInt8]? {
        do {
            return try await readFile(.cardAccess, &link)
        } catch EMRTDError.status(let sw, _) where [0x6A82, 0x6A86, 0x6982, 0x6D00, 0x6B00].contains(sw) {
            return nil
        }
    }

    private func runPACE(_ link: inout ChipLink, _ pace: SecurityInfos.PACEInfo, infos: SecurityInfos, key: AccessKey) async throws {
        guard let parameterID = pace.parameterID else { throw EMRTDError.unsupported("PACE without standardized parameters") }
        let ambiguous = infos.paceInfos.filter { $0.protocol == pace.protocol }.count > 1
        let mse = try PACEMessages.mseSetAT(protocol: pace.protocol, passwordReference: key.paceReference,
                                             parameterID: ambiguous || options.sendPACEParameterID ? parameterID : nil)
        _ = try await link.expect(mse, Self.mseStep)
        var terminal = try PACETerminal(protocol: pace.protocol, parameterID: parameterID, password: try key.pacePassword())
        let nonce = try await authenticate(&link, terminal.nonceRequest(), "PACE nonce")
        let mapping = try await authenticate(&link, try terminal.mappingCommand(nonceResponse: nonce), "PACE mapping")
        let agreement = try await authenticate(&link, try terminal.keyAgreementCommand(mappingResponse: mapping), "PACE key agreement")
        let token = try await authenticate(&link, try terminal.tokenCommand(agreementResponse: agreement), "PACE token")
        link.session = try terminal.finish(tokenResponse: token)
    }

    /// One GENERAL AUTHENTICATE; 63xx (and 6982 at the token step) mean a wrong password.
    private func authenticate(_ link: inout ChipLink, _ command: CommandAPDU, _ step: String) async throws -> [UInt8] {
        let response = try await link.send(command)
        if response.statusWord.sw1 == 0x63 || (response.sw == 0x6982 && step == "PACE token") {
            throw EMRTDError.wrongAccessKey(during: step)
        }
        guard response.sw == 0x9000 else { throw EMRTDError.status(sw: response.sw, during: step) }
        return response.data
    }

    private func runBAC(_ link: inout ChipLink, _ key: MRZKey) async throws {
        let keys = try BAC.keys(seed: try key.keySeed())
        let challenge = try await link.expect(CommandAPDU(cla: 0x00, ins: 0x84, p1: 0x00, p2: 0x00, le: 8), "GET CHALLENGE")
        guard challenge.data.count == 8 else { throw EMRTDError.authenticationFailed("challenge of \(challenge.data.count) bytes") }
        let rndIFD = try Primitives.random(8)
        let kIFD = try Primitives.random(16)
        let data = try BAC.terminalCryptogram(enc: keys.enc, mac: keys.mac, rndIC: challenge.data, rndIFD: rndIFD, kIFD: kIFD)
        let response = try await link.send(CommandAPDU(cla: 0x00, ins: 0x82, p1: 0x00, p2: 0x00, data: data, le: 40))
        if response.statusWord.sw1 == 0x63 || response.sw == 0x6982 {
            throw EMRTDError.wrongAccessKey(during: "BAC")
        }
        guard response.sw == 0x9000 else { throw EMRTDError.status(sw: response.sw, during: "EXTERNAL AUTHENTICATE") }
        link.session = try BAC.terminalSession(response: response.data, enc: keys.enc, mac: keys.mac,
                                               rndIC: challenge.data, rndIFD: rndIFD, kIFD: kIFD)
    }

    // MARK: Files

    private func chunkSize(protected: Bool) -> Int {
        guard options.useExtendedLength, channel.supportsExtendedLength else { return options.shortChunk }
        let overhead = protected ? 48 : 0
        return max(options.shortChunk, min(options.extendedChunk, channel.maximumResponseLength - overhead))
    }

    /// Reads a whole file: the first chunk by short EF identifier (which also selects it), its
    /// BER header gives the length, the rest follows by offset (odd INS B1 past 32767).
    private func readFile(_ file: LDSFile, _ link: inout ChipLink) async throws -> [UInt8] {
        let chunk = chunkSize(protected: link.session != nil)
        let step = "READ BINARY \(file.rawValue)"
        var firstCommand = CommandAPDU(cla: 0x00, ins: 0xB0, p1: 0x80 | file.shortID, p2: 0x00, le: chunk)
        if options.selectByFileID {
            let fid = [UInt8(file.fileID >> 8), UInt8(file.fileID & 0xFF)]
            _ = try await link.expect(CommandAPDU(cla: 0x00, ins: 0xA4, p1: 0x02, p2: 0x0C, data: fid), "SELECT \(file.rawValue)")
            firstCommand.p1 = 0x00
        }
        var first = try await link.send(firstCommand)
        if first.sw == 0x6700 || first.sw == 0x6B00 || first.statusWord.sw1 == 0x6C {
            // Some chips refuse a first read longer than the file: ask for the exact length
            // (6Cxx) or for just the header, then continue by offset.
            firstCommand.le = first.statusWord.exactLength ?? 8
            first = try await link.send(firstCommand)
        }
        guard first.sw == 0x9000 || first.sw == 0x6282 else { throw EMRTDError.status(sw: first.sw, during: step) }
        var content = first.data
        let header: (tag: UInt32, headerLength: Int, valueLength: Int)
        do { header = try TLV.header(content) } catch {
            throw EMRTDError.malformedFile(file: file.rawValue, reason: "no readable BER header in the first chunk")
        }
        let total = header.headerLength + header.valueLength
        if content.count > total { content.removeLast(content.count - total) }
        while content.count < total {
            let offset = content.count
            let want = min(chunk, total - offset)
            let data: [UInt8]
            if offset <= 0x7FFF {
                data = try await link.expect(
                    CommandAPDU(cla: 0x00, ins: 0xB0, p1: UInt8(offset >> 8), p2: UInt8(offset & 0xFF), le: want),
                    step, accepting: [0x6282]).data
            } else {
                let offsetObject = TLV.encode(0x54, Bytes.bigEndian(offset, width: offset > 0xFFFF ? 3 : 2))
                let wrapped = try await link.expect(
                    // Le counts the DO'53' wrapper too: up to 4 bytes of it.
                    CommandAPDU(cla: 0x00, ins: 0xB1, p1: 0x00, p2: 0x00, data: offsetObject, le: min(chunk, want + 4)),
                    step, accepting: [0x6282]).data
                let object = try TLV.parseSingle(wrapped, allowTrailing: true)
                guard object.tag == 0x53 else { throw EMRTDError.malformedFile(file: file.rawValue, reason: "odd READ BINARY without DO'53'") }
                data = object.value
            }
            guard !data.isEmpty else { throw EMRTDError.malformedFile(file: file.rawValue, reason: "file ends before its declared length") }
            content += data.prefix(total - offset)
        }
        return content
    }
}
