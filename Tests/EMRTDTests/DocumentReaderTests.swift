import Foundation
import Testing
import SmartCard
@testable import EMRTD

/// Carries APDUs to an in-process ``EMRTDChip`` through their byte encodings.
actor ChipChannel: APDUTransport {
    private var chip: EMRTDChip
    private(set) var commands: [CommandAPDU] = []
    nonisolated let maximumCommandDataLength: Int
    nonisolated let maximumResponseLength: Int

    init(chip: EMRTDChip, extendedLength: Bool = false) {
        self.chip = chip
        maximumCommandDataLength = extendedLength ? 65535 : 255
        maximumResponseLength = extendedLength ? 65536 : 256
    }

    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let parsed = try CommandAPDU(bytes: command.encoded())
        commands.append(parsed)
        let answer = chip.handle(parsed)
        #expect(answer.data.count <= maximumResponseLength)
        return try ResponseAPDU(bytes: answer.bytes)
    }
}

/// A synthetic resident's CCCD.
struct SyntheticCCCD {
    static let id = "079190012345"
    static let can = "012345"
    static let mrzText = cccdMRZ(id: id, dob: "900517", sex: "F", expiry: "300517", name: "NGUYEN<<THI<HONG<NHUNG")
    static func jpeg(_ size: Int) -> [UInt8] {
        [0xFF, 0xD8, 0xFF, 0xE0] + (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) } + [0xFF, 0xD9]
    }

    static func files(pace: Bool = true, dg15: Bool = false, photoSize: Int = 15_000) throws -> [LDSFile: [UInt8]] {
        var files: [LDSFile: [UInt8]] = [
            .com: ChipFiles.com(listing: [.dg1, .dg2, .dg13, .dg14] + (dg15 ? [.dg15] : [])),
            .dg1: ChipFiles.dg1(mrz: mrzText.replacingOccurrences(of: "\n", with: "")),
            .dg2: DG2.encode(image: jpeg(photoSize), format: .jpeg),
            .dg13: DG13.encode(LDSParserTests.person),
            .dg14: TLV.encode(0x6E, try ChipFiles.cccdCardAccess()),
            .sod: TLV.encode(0x77, TLV.encode(0x30, [UInt8](repeating: 0x04, count: 1800))),
        ]
        if pace { files[.cardAccess] = try ChipFiles.cccdCardAccess() }
        if dg15 { files[.dg15] = TLV.encode(0x6F, TLV.encode(0x30, [UInt8](repeating: 0x01, count: 296))) }
        return files
    }

    static var mrzKey: MRZKey { get throws { try MRZKey(documentNumber: "190012345", dateOfBirth: "900517", dateOfExpiry: "300517") } }

    static func chip(pace: Bool = true, dg15: Bool = false, photoSize: Int = 15_000) throws -> EMRTDChip {
        try EMRTDChip(files: files(pace: pace, dg15: dg15, photoSize: photoSize), can: can, mrzKey: mrzKey)
    }
}

@Suite("DocumentReader against the in-process EMRTDChip")
struct DocumentReaderTests {
    func chunks(_ size: Int, _ chunk: Int) -> Int { (size + chunk - 1) / chunk }

    @Test("Full read by PACE-CAN: every file, DG13 diacritics intact, APDU count as 223-byte chunks need")
    func paceCAN() async throws {
        let files = try SyntheticCCCD.files()
        let channel = ChipChannel(chip: try SyntheticCCCD.chip())
        let contents = try await DocumentReader(channel: channel).read(key: try .can(SyntheticCCCD.can))
        #expect(contents.access == .paceCAN)
        #expect(contents.parseErrors.isEmpty)
        #expect(contents.dg13?.fullName == "Nguyễn Thị Hồng Nhung")
        #expect(contents.dg13?.placeOfResidence == "Số 12, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh")
        #expect(contents.dg1?.mrz.cccdIDNumber == SyntheticCCCD.id)
        #expect(contents.dg2?.image == SyntheticCCCD.jpeg(15_000))
        #expect(contents.dg14?.chipAuthenticationInfos.count == 1)
        #expect(contents.com?.files == [.dg1, .dg2, .dg13, .dg14])
        #expect(contents.files[.dg15] == nil)
        for (file, bytes) in files { #expect(contents.files[file] == bytes, "\(file)") }
        // CardAccess, MSE:Set AT, 4 × GA, SELECT application, then ceil(size / 223) per file, DG15 one miss.
        let reads = [LDSFile.com, .dg1, .dg2, .dg13, .dg14, .sod].map { chunks(files[$0]!.count, 223) }.reduce(0, +)
        let expected = 1 + 1 + 4 + 1 + reads + 1
        #expect(contents.statistics.apdus == expected)
        #expect(await channel.commands.count == expected)
        #expect(contents.statistics.bytesRead == files.values.reduce(0) { $0 + $1.count })
    }

    @Test("Full read by PACE with the MRZ key")
    func paceMRZ() async throws {
        let channel = ChipChannel(chip: try SyntheticCCCD.chip(dg15: true))
        let contents = try await DocumentReader(channel: channel).read(key: .mrz(try SyntheticCCCD.mrzKey))
        #expect(contents.access == .paceMRZ)
        #expect(contents.files[.dg15]?.count == 304)
    }

    @Test("Full read by BAC when the chip has no EF.CardAccess")
    func bac() async throws {
        let channel = ChipChannel(chip: try SyntheticCCCD.chip(pace: false))
        let contents = try await DocumentReader(channel: channel).read(key: .mrz(try SyntheticCCCD.mrzKey))
        #expect(contents.access == .bac)
        #expect(contents.dg13?.motherName == "Trần Thị Cúc")
        #expect(contents.files[.cardAccess] == nil)
    }

    @Test("BAC on request even when PACE is offered")
    func bacPreferred() async throws {
        var options = ReadOptions()
        options.preferPACE = false
        let channel = ChipChannel(chip: try SyntheticCCCD.chip())
        let contents = try await DocumentReader(channel: channel, options: options).read(key: .mrz(try SyntheticCCCD.mrzKey))
        #expect(contents.access == .bac)
    }

    @Test("A wrong CAN gives wrongAccessKey after one PACE attempt, no retry")
    func wrongCAN() async throws {
        let channel = ChipChannel(chip: try SyntheticCCCD.chip())
        await #expect(throws: EMRTDError.wrongAccessKey(during: "PACE token")) {
            _ = try await DocumentReader(channel: channel).read(key: try .can("999999"))
        }
        let commands = await channel.commands
        #expect(commands.filter { $0.ins == 0x86 }.count == 4)
        #expect(commands.filter { $0.ins == 0x22 }.count == 1)
    }

    @Test("A wrong MRZ key over BAC gives wrongAccessKey")
    func wrongMRZ() async throws {
        let channel = ChipChannel(chip: try SyntheticCCCD.chip(pace: false))
        let wrong = try MRZKey(documentNumber: "190012345", dateOfBirth: "900517", dateOfExpiry: "400517")
        await #expect(throws: EMRTDError.wrongAccessKey(during: "BAC")) {
            _ = try await DocumentReader(channel: channel).read(key: .mrz(wrong))
        }
        #expect(await channel.commands.filter { $0.ins == 0x82 }.count == 1)
    }

    @Test("A CAN cannot open a BAC-only chip")
    func canWithoutPACE() async throws {
        let channel = ChipChannel(chip: try SyntheticCCCD.chip(pace: false))
        await #expect(throws: EMRTDError.self) { _ = try await DocumentReader(channel: channel).read(key: try .can(SyntheticCCCD.can)) }
    }

    @Test("Extended length: DG2 of 15 KB in at least 4× fewer READ BINARY commands")
    func extendedLength() async throws {
        let shortChannel = ChipChannel(chip: try SyntheticCCCD.chip())
        let short = try await DocumentReader(channel: shortChannel).read(key: try .can(SyntheticCCCD.can))
        let longChannel = ChipChannel(chip: try SyntheticCCCD.chip(), extendedLength: true)
        let long = try await DocumentReader(channel: longChannel).read(key: try .can(SyntheticCCCD.can))
        #expect(long.files == short.files)
        let shortReads = await shortChannel.commands.filter { $0.ins == 0xB0 }.count
        let longReads = await longChannel.commands.filter { $0.ins == 0xB0 }.count
        #expect(longReads * 4 <= shortReads)
    }

    @Test("Files past offset 32767 are read with odd INS B1", arguments: [false, true])
    func largeFile(extendedLength: Bool) async throws {
        let channel = ChipChannel(chip: try SyntheticCCCD.chip(photoSize: 40_000), extendedLength: extendedLength)
        let contents = try await DocumentReader(channel: channel).read(key: try .can(SyntheticCCCD.can))
        #expect(contents.dg2?.image == SyntheticCCCD.jpeg(40_000))
        #expect(await channel.commands.contains { $0.ins == 0xB1 })
    }

    @Test("The chip drops the session on a bad MAC and refuses protected files without access control")
    func chipSecurity() throws {
        var chip = try SyntheticCCCD.chip()
        #expect(chip.handle(CommandAPDU(cla: 0, ins: 0xA4, p1: 0x04, p2: 0x0C, data: DocumentReader.applicationID)).sw == 0x9000)
        #expect(chip.handle(CommandAPDU(cla: 0, ins: 0xB0, p1: 0x81, p2: 0, le: 4)).sw == 0x6982)
        #expect(chip.handle(CommandAPDU(cla: 0x0C, ins: 0xB0, p1: 0x81, p2: 0, data: [0x8E, 0x08, 0, 0, 0, 0, 0, 0, 0, 0], le: 256)).sw == 0x6988)
        #expect(!chip.isAuthenticated)
    }
}

/// A channel whose card leaves after `limit` APDUs, the way PC/SC reports it.
actor PulledCardChannel: APDUTransport {
    private var chip: EMRTDChip
    private let limit: Int
    private var count = 0
    nonisolated let maximumCommandDataLength = 255
    nonisolated let maximumResponseLength = 256

    init(chip: EMRTDChip, limit: Int) {
        self.chip = chip
        self.limit = limit
    }

    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        guard count < limit else { throw SmartCardError.cardRemoved(call: "SCardTransmit", status: 0x8010_0069) }
        count += 1
        return chip.handle(command)
    }
}

@Suite("DocumentReader edge cases")
struct DocumentReaderEdgeTests {
    @Test("Card pulled at every APDU index of a full PACE read: the transport's error, then a clean read")
    func pulledAtEveryIndex() async throws {
        let full = ChipChannel(chip: try SyntheticCCCD.chip())
        let total = try await DocumentReader(channel: full).read(key: try .can(SyntheticCCCD.can)).statistics.apdus
        for limit in 0..<total {
            let channel = PulledCardChannel(chip: try SyntheticCCCD.chip(), limit: limit)
            do {
                _ = try await DocumentReader(channel: channel).read(key: try .can(SyntheticCCCD.can))
                Issue.record("read completed with the card pulled after \(limit) APDUs")
            } catch let error as SmartCardError {
                #expect(error.isCardRemoved)
            }
        }
        let again = try await DocumentReader(channel: ChipChannel(chip: try SyntheticCCCD.chip())).read(key: try .can(SyntheticCCCD.can))
        #expect(again.statistics.apdus == total)
    }

    @Test("SELECT by file identifier before each file, when asked")
    func selectByFileID() async throws {
        var options = ReadOptions()
        options.selectByFileID = true
        let channel = ChipChannel(chip: try SyntheticCCCD.chip())
        let contents = try await DocumentReader(channel: channel, options: options).read(key: try .can(SyntheticCCCD.can))
        #expect(contents.dg13?.fullName == "Nguyễn Thị Hồng Nhung")
        #expect(await channel.commands.filter { $0.ins == 0xA4 && $0.p1 == 0x02 }.count >= 7)
    }

    @Test("The chip answers raw bytes and rejects malformed commands with 6700")
    func chipBytes() throws {
        var chip = try SyntheticCCCD.chip()
        #expect(chip.handle(bytes: [0x00, 0xA4]) == [0x67, 0x00])
        #expect(chip.handle(bytes: [0x00, 0xA4, 0x04, 0x0C, 0x07] + DocumentReader.applicationID) == [0x90, 0x00])
        let cardAccess = chip.handle(bytes: [0x00, 0xB0, 0x9C, 0x00, 0x00])
        #expect(Array(cardAccess.dropLast(2)) == (try ChipFiles.cccdCardAccess()))
    }
}

@Suite("DocumentReader with chips that refuse reads past the end of a file")
struct ReadPastEndTests {
    @Test("6700 and 6Cxx answers to an over-long first read are recovered", arguments: [EMRTDChip.ReadPastEnd.wrongLength, .exactLength])
    func recovered(behaviour: EMRTDChip.ReadPastEnd) async throws {
        var chip = try SyntheticCCCD.chip()
        chip.readPastEnd = behaviour
        let contents = try await DocumentReader(channel: ChipChannel(chip: chip)).read(key: try .can(SyntheticCCCD.can))
        let reference = try await DocumentReader(channel: ChipChannel(chip: SyntheticCCCD.chip())).read(key: .can(SyntheticCCCD.can))
        #expect(contents.files == reference.files)
        #expect(contents.dg13?.spouseName == "Lê Quang Dũng")
    }
}

@Suite("Fuzz entry points")
struct FuzzTargetTests {
    @Test("Every target accepts garbage and valid input", arguments: FuzzTargets.Target.allCases)
    func garbage(target: FuzzTargets.Target) throws {
        FuzzTargets.run(target, [])
        FuzzTargets.run(target, [0x30, 0x80, 0x00, 0x00])
        FuzzTargets.run(target, try SyntheticCCCD.files()[.dg13]!)
    }
}
