import Foundation
import KioskBase
import Logging
import Synchronization
import Testing

/// Log output: journald priority prefixes, readable terminal lines, redacted personal data.
@Suite struct LoggingTests {
    final class Capture: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    func logger(style: KioskLogHandler.Style, level: Logger.Level = .info) -> (Logger, Capture, LogLevelSource) {
        let capture = Capture()
        let source = LogLevelSource(level)
        let logger = Logger(label: "test") { label in
            KioskLogHandler(label: label, levelSource: source, style: style, sink: capture.append)
        }
        return (logger, capture, source)
    }

    @Test func journaldLinesCarrySyslogPriorities() {
        let (log, capture, _) = logger(style: .journald, level: .debug)
        log.error("reader failed", metadata: ["reader.name": "ACS ACR1252"])
        log.warning("paper low")
        log.info("ready")
        log.debug("detail")
        #expect(capture.all == [
            "<3>test: reader failed [reader.name=ACS ACR1252]\n",
            "<4>test: paper low\n",
            "<6>test: ready\n",
            "<7>test: detail\n",
        ])
    }

    @Test func styleFollowsJournalStream() {
        #expect(KioskLogHandler.detectStyle(environment: ["JOURNAL_STREAM": "8:1234"]) == .journald)
        #expect(KioskLogHandler.detectStyle(environment: [:]) == .terminal)
    }

    @Test func terminalLinesAreReadableAndLevelIsLive() {
        let (log, capture, source) = logger(style: .terminal, level: .notice)
        log.info("hidden")
        source.level = .info
        log.info("shown")
        #expect(capture.all.count == 1)
        #expect(capture.all[0].hasSuffix(" INFO test: shown\n"))
    }

    @Test func personalDataIsRedactedInMessagesAndMetadata() {
        let (log, capture, _) = logger(style: .journald)
        let idNumber = Redacted("001099012345")
        let name = Redacted("Nguyễn Văn An")
        log.info("read card of \(name)", metadata: ["card.id": "\(idNumber)"])
        #expect(capture.all == ["<6>test: read card of <redacted> [card.id=<redacted>]\n"])
        #expect(!capture.all[0].contains("001099012345"))
        #expect(String(describing: idNumber) == "<redacted>")
        #expect(String(reflecting: name) == "<redacted>")
        #expect(idNumber.unredacted == "001099012345")
    }

    @Test func redactedValuesEncodeTheirContentForStorage() throws {
        let data = try JSONEncoder().encode(["id": Redacted("001099012345")])
        #expect(String(decoding: data, as: UTF8.self) == #"{"id":"001099012345"}"#)
    }
}
