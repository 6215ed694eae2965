@testable import SmartCard
import Testing
import VirtualCard

/// `61xx` / `6Cxx` handling below the transport seam, against the file-system applet directly.
@Suite("GET RESPONSE chaining and Le correction")
struct ResponseChainingTests {
    static let content = (0..<700).map { UInt8(truncatingIfNeeded: $0 * 7) }

    /// Runs `command` through the chaining logic against `applet`, recording what was sent.
    func run(_ command: CommandAPDU, on applet: inout FileSystemApplet) throws -> (ResponseAPDU, [CommandAPDU]) {
        var sent: [CommandAPDU] = []
        var card = applet
        let response = try ResponseChaining.run(command) { apdu in
            sent.append(apdu)
            return card.handle(apdu)
        }
        applet = card
        return (response, sent)
    }

    func selected(_ behaviour: FileSystemApplet.Behaviour) -> FileSystemApplet {
        var applet = FileSystemApplet(files: [0x0101: Self.content], behaviour: behaviour)
        _ = applet.handle(CommandAPDU(cla: 0, ins: 0xA4, p1: 0x02, p2: 0x0C, data: [0x01, 0x01]))
        return applet
    }

    @Test("61xx: data collected through GET RESPONSE until 9000")
    func getResponse() throws {
        var applet = selected(.init(getResponseChunk: 64))
        let (response, sent) = try run(CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 200), on: &applet)
        #expect(response.statusWord == .success)
        #expect(response.data == Array(Self.content.prefix(200)))
        #expect(sent.count == 1 + 4)
        #expect(sent.dropFirst().allSatisfy { $0.ins == 0xC0 && $0.cla == 0x00 })
        #expect(sent[1].le == 200)
    }

    @Test("6Cxx: the command is re-issued once with the exact Le")
    func exactLength() throws {
        var applet = selected(.init(requireExactLe: true))
        let (response, sent) = try run(CommandAPDU(cla: 0, ins: 0xB0, p1: 0x02, p2: 0x80, le: 256), on: &applet)
        #expect(response.statusWord == .success)
        #expect(response.data == Array(Self.content[640...]))
        #expect(sent.map(\.le) == [256, 60])
    }

    @Test("both at once: 6Cxx then 61xx")
    func both() throws {
        var applet = selected(.init(getResponseChunk: 16, requireExactLe: true))
        let (response, sent) = try run(CommandAPDU(cla: 0, ins: 0xB0, p1: 0x02, p2: 0x80, le: 256), on: &applet)
        #expect(response.data == Array(Self.content[640...]))
        #expect(sent.count == 2 + 4)
    }

    @Test("a card that never stops answering 61xx is cut off")
    func endlessChain() {
        #expect(throws: SmartCardError.self) {
            try ResponseChaining.run(CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 1)) { _ in
                ResponseAPDU(data: [0], statusWord: .bytesRemaining(1))
            }
        }
    }

    @Test("GET RESPONSE keeps the logical channel, drops secure messaging and chaining bits",
          arguments: [(UInt8(0x0C), UInt8(0x00)), (0x1D, 0x01), (0x03, 0x03), (0x65, 0x45), (0x80, 0x80), (0x90, 0x80)])
    func getResponseClass(cla: UInt8, expected: UInt8) {
        #expect(ResponseChaining.getResponseClass(for: cla) == expected)
    }
}

@Suite("File-system applet")
struct FileSystemAppletTests {
    static let content = (0..<40000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 5) }

    func applet() -> FileSystemApplet {
        FileSystemApplet(files: [0x011E: [0x60, 0x03, 0x5F, 0x01, 0x00], 0x0102: Self.content],
                         applications: [[0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]])
    }

    @Test("SELECT by FID and by name; unknown ones are 6A82")
    func select() {
        var card = applet()
        #expect(card.handle(CommandAPDU(cla: 0, ins: 0xA4, p1: 0x04, p2: 0x0C, data: [0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01])).isSuccess)
        #expect(card.handle(CommandAPDU(cla: 0, ins: 0xA4, p1: 0x02, p2: 0x0C, data: [0x01, 0x1E])).isSuccess)
        #expect(card.handle(CommandAPDU(cla: 0, ins: 0xA4, p1: 0x02, p2: 0x0C, data: [0x01, 0x05])).statusWord == .fileNotFound)
        #expect(card.handle(CommandAPDU(cla: 0, ins: 0xA4, p1: 0x04, p2: 0x0C, data: [0xA0])).statusWord == .fileNotFound)
    }

    @Test("READ BINARY: offsets, short EF identifier, odd INS past 32767, end of file")
    func readBinary() {
        var card = applet()
        #expect(card.handle(CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 4)).statusWord == .conditionsNotSatisfied)
        let sfi = card.handle(CommandAPDU(cla: 0, ins: 0xB0, p1: 0x82, p2: 0x10, le: 32))
        #expect(sfi.data == Array(Self.content[16..<48]))
        let offset = card.handle(CommandAPDU(cla: 0, ins: 0xB0, p1: 0x12, p2: 0x34, le: 256))
        #expect(offset.data == Array(Self.content[0x1234..<(0x1234 + 256)]))
        let odd = card.handle(CommandAPDU(cla: 0, ins: 0xB1, p1: 0, p2: 0, data: [0x54, 0x02, 0x81, 0x00], le: 256))
        #expect(odd.data.prefix(3) == [0x53, 0x81, 0xFC])
        #expect(Array(odd.data.dropFirst(3)) == Array(Self.content[0x8100..<(0x8100 + 252)]))
        let tail = card.handle(CommandAPDU(cla: 0, ins: 0xB0, p1: 0x7F, p2: 0xFF, le: 256))
        #expect(tail.data.isEmpty == false && tail.isSuccess)
        let past = card.handle(CommandAPDU(cla: 0, ins: 0xB1, p1: 0, p2: 0, data: [0x54, 0x02, 0xFF, 0x00], le: 16))
        #expect(past.statusWord == .wrongParameters)
        #expect(card.handle(CommandAPDU(cla: 0, ins: 0x2A, p1: 0, p2: 0)).statusWord == .instructionNotSupported)
    }

    @Test("extended Le returns the whole file in one answer, or 6700 when switched off")
    func extended() {
        var card = applet()
        _ = card.handle(CommandAPDU(cla: 0, ins: 0xA4, p1: 0x02, p2: 0x0C, data: [0x01, 0x02]))
        let whole = card.handle(CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 65536))
        #expect(whole.data == Self.content)
        card.behaviour.extendedLength = false
        #expect(card.handle(CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 65536)).statusWord == .wrongLength)
    }
}
