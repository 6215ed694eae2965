import SmartCard
import Testing
import VirtualCard

/// Through the real stack: this process → pcscd → vpcd → TCP → the virtual card in this process.
/// Serialised: all tests share reader `Virtual PCD 00 00`.
@Suite("PC/SC against pcscd + vpcd + virtual card", .serialized,
       .enabled(if: PCSCEnvironment.shouldRun, "pcscd with the vpcd readers is not available (set KIOSK_REQUIRE_PCSCD=1 to fail instead)"))
struct LiveReaderTests {
    static let file = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }

    init() throws { try PCSCEnvironment.requireAvailable() }

    func card(_ behaviour: FileSystemApplet.Behaviour = .init(), removeAfter: Int? = nil,
              reinsertAfter: Duration? = nil) -> VPCDClient {
        VPCDClient(applet: FileSystemApplet(files: [0x0101: Self.file], behaviour: behaviour),
                   options: .init(removeAfter: removeAfter, reinsertAfter: reinsertAfter))
    }

    /// Inserts `client`, connects, runs `body`, and leaves the reader empty afterwards.
    @discardableResult
    func withCard<T>(_ client: VPCDClient, options: CardConnection.Options = .init(),
                     _ body: (CardConnection) async throws -> T) async throws -> T {
        try client.insert()
        do {
            let connection = try await PCSCEnvironment.connectWhenPresent(options: options)
            let result = try await body(connection)
            try await connection.disconnect()
            client.remove()
            try await PCSCEnvironment.waitUntilEmpty()
            return result
        } catch {
            client.remove()
            try await PCSCEnvironment.waitUntilEmpty()
            throw error
        }
    }

    @Test("the reader list contains both vpcd readers")
    func readerList() throws {
        let readers = try SmartCardContext().readers()
        #expect(readers.contains("Virtual PCD 00 00"))
        #expect(readers.contains("Virtual PCD 00 01"))
    }

    @Test("ReaderMonitor reports the readers, then the card's insertion with its ATR and its removal")
    func monitorEvents() async throws {
        let monitor = try ReaderMonitor(pollInterval: .milliseconds(500))
        let client = card()
        let watchdog = Task {
            try await Task.sleep(for: .seconds(20))
            monitor.stop()
        }
        var seen: [ReaderEvent] = []
        var stoppedAt: ContinuousClock.Instant?
        for await event in monitor.events {
            seen.append(event)
            switch event {
            case .readerAdded(PCSCEnvironment.reader):
                try client.insert()
            case .cardInserted(PCSCEnvironment.reader, _):
                client.remove()
            case .cardRemoved(PCSCEnvironment.reader):
                stoppedAt = .now
                monitor.stop()
            default:
                break
            }
        }
        watchdog.cancel()
        client.remove()
        #expect(seen.contains(.readerAdded("Virtual PCD 00 01")))
        let reader = PCSCEnvironment.reader
        let mine = seen.filter {
            switch $0 {
            case .readerAdded(reader), .cardInserted(reader, _), .cardRemoved(reader): true
            default: false
            }
        }
        #expect(mine == [.readerAdded(reader),
                         .cardInserted(reader: reader, atr: AnswerToReset(FileSystemApplet.defaultAnswerToReset)),
                         .cardRemoved(reader: reader)])
        let stopped = try #require(stoppedAt, "no cardRemoved event within 20 s; seen \(seen)")
        #expect(ContinuousClock.now - stopped < .seconds(5), "stop() did not end the stream")
    }

    @Test("the connection reports the card's ATR, T=1 and extended length")
    func answerToReset() async throws {
        try await withCard(card()) { connection in
            #expect(connection.answerToReset.bytes == FileSystemApplet.defaultAnswerToReset)
            #expect(connection.activeProtocol == .t1)
            #expect(connection.readerName == PCSCEnvironment.reader)
            #expect(connection.supportsExtendedLength)
            #expect(await connection.isCardPresent())
        }
    }

    @Test("SELECT + READ BINARY round trip reads the file back intact")
    func roundTrip() async throws {
        let client = card()
        try await withCard(client, options: .init(extendedLength: .disabled)) { connection in
            #expect(!connection.supportsExtendedLength)
            #expect(try await connection.transmit(.selectFile(0x0101)).statusWord == .success)
            #expect(try await connection.transmit(.selectFile(0x0999)).statusWord == .fileNotFound)
            #expect(try await connection.transmit(.selectFile(0x0101)).statusWord == .success)
            var read: [UInt8] = []
            while read.count < Self.file.count {
                let response = try await connection.transmit(.readBinary(offset: read.count, le: 223))
                #expect(response.statusWord == .success)
                read += response.data
            }
            #expect(read == Self.file)
            let raw = try await connection.transmitRaw([0x00, 0xB0, 0x00, 0x00, 0x04])
            #expect(raw == Array(Self.file.prefix(4)) + [0x90, 0x00])
        }
        #expect(client.answeredCommands == 3 + 14 + 1)
    }

    @Test("extended length: the whole file in one READ BINARY")
    func extendedLength() async throws {
        try await withCard(card()) { connection in
            _ = try await connection.transmit(.selectFile(0x0101))
            let response = try await connection.transmit(.readBinary(offset: 0, le: 65536))
            #expect(response.statusWord == .success)
            #expect(response.data == Self.file)
        }
    }

    @Test("extended commands are refused up front when the link is short-only")
    func extendedRefused() async throws {
        try await withCard(card(), options: .init(extendedLength: .disabled)) { connection in
            await #expect(throws: SmartCardError.self) {
                try await connection.transmit(.readBinary(offset: 0, le: 1000))
            }
        }
    }

    @Test("61xx: GET RESPONSE chaining through pcscd returns the complete answer")
    func getResponseChaining() async throws {
        let client = card(.init(getResponseChunk: 40))
        try await withCard(client) { connection in
            _ = try await connection.transmit(.selectFile(0x0101))
            let response = try await connection.transmit(.readBinary(offset: 100, le: 256))
            #expect(response.statusWord == .success)
            #expect(response.data == Array(Self.file[100..<356]))
        }
        #expect(client.answeredCommands == 1 + 1 + 7)
    }

    @Test("6Cxx: the command is re-issued with the Le the card asks for")
    func wrongLengthReissue() async throws {
        let client = card(.init(requireExactLe: true))
        try await withCard(client) { connection in
            _ = try await connection.transmit(.selectFile(0x0101))
            let response = try await connection.transmit(.readBinary(offset: 2900, le: 256))
            #expect(response.statusWord == .success)
            #expect(response.data == Array(Self.file[2900...]))
        }
        #expect(client.answeredCommands == 1 + 2)
    }

    @Test("card pulled mid-session: typed removed-card error, no crash, and the next insertion reads in full",
          arguments: [0, 3])
    func cardPulledMidSession(answeredBeforePull: Int) async throws {
        let client = card(removeAfter: answeredBeforePull, reinsertAfter: .seconds(1))
        try client.insert()
        defer { client.remove() }
        let connection = try await PCSCEnvironment.connectWhenPresent()
        let script: [CommandAPDU] = [.selectFile(0x0101)] + (0..<8).map { .readBinary(offset: $0 * 200, le: 200) }
        for command in script.prefix(answeredBeforePull) {
            #expect(try await connection.transmit(command).statusWord == .success)
        }
        let pulled = await #expect(throws: SmartCardError.self) {
            try await connection.transmit(script[answeredBeforePull])
        }
        #expect(pulled?.isCardRemoved == true, "got \(String(describing: pulled))")
        #expect(pulled?.code == "card.removed")
        let again = await #expect(throws: SmartCardError.self) {
            try await connection.transmit(script[answeredBeforePull])
        }
        #expect(again?.isCardRemoved == true, "got \(String(describing: again))")
        #expect(await !connection.isCardPresent())
        try await connection.disconnect()

        let next = try await PCSCEnvironment.connectWhenPresent()
        _ = try await next.transmit(.selectFile(0x0101))
        let whole = try await next.transmit(.readBinary(offset: 0, le: 65536))
        #expect(whole.data == Self.file)
        try await next.disconnect()
        #expect(client.insertions == 2)
        client.remove()
        try await PCSCEnvironment.waitUntilEmpty()
    }

    @Test("a card already in the reader is reported when monitoring starts; stop() ends the stream")
    func monitorStartsWithPresentCard() async throws {
        let client = card()
        try await withCard(client) { _ in
            let monitor = try ReaderMonitor()
            var seen: [ReaderEvent] = []
            for await event in monitor.events {
                seen.append(event)
                if case .cardInserted(PCSCEnvironment.reader, _) = event { monitor.stop() }
            }
            #expect(seen.contains(.cardInserted(reader: PCSCEnvironment.reader,
                                                atr: AnswerToReset(FileSystemApplet.defaultAnswerToReset))))
            #expect(!seen.contains(.readerRemoved(PCSCEnvironment.reader)))
        }
    }

    @Test("a closed connection refuses further commands")
    func closedConnection() async throws {
        try await withCard(card()) { connection in
            try await connection.disconnect()
            let error = await #expect(throws: SmartCardError.self) {
                try await connection.transmit(.selectFile(0x0101))
            }
            #expect(error == .connectionClosed)
            try await connection.disconnect()
        }
    }
}
