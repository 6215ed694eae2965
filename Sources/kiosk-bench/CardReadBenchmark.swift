import EMRTD
import Foundation
import SmartCard
import VirtualCard

/// A full PACE-CAN read of the virtual CCCD through pcscd + vpcd (EF.CardAccess, EF.COM, DG1,
/// DG2 of about 15 KB, DG13, DG14, DG15, EF.SOD): wall time, APDUs and bytes; against the raw
/// I/O floor, the same bytes read unprotected (READ BINARY by short EF) from a plain file card in
/// the same reader; and the APDU count with 223-byte chunks versus extended length.
/// Needs pcscd with the vpcd readers (`make bench` runs under scripts/with-pcscd.sh).
enum CardReadBenchmark {
    static let runs = 30
    static let port = VPCDClient.secondReaderPort

    struct Figures {
        var milliseconds: [Double] = []
        var apdus = 0
        var bytes = 0

        var median: Double { milliseconds.sorted()[milliseconds.count / 2] }
    }

    static func run() async throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let profile = try VirtualCCCDProfile.load(from: repo.appendingPathComponent("config/demo-resident.json"))
        let card = try VirtualCCCD(profile: profile)
        let key = try AccessKey.can(profile.effectiveCAN)

        // Reading alone: chip and active authentication are measured by `card-verify`.
        var readOnly = ReadOptions()
        readOnly.chipAuthentication = false
        readOnly.activeAuthentication = .never
        var shortOptions = readOnly
        shortOptions.useExtendedLength = false
        let (extended, short, access) = try await withCard(try card.applet()) { connection in
            var extended = Figures(), short = Figures(), access = Figures()
            _ = try await DocumentReader(channel: connection, options: readOnly).read(key: key)
            for _ in 0..<runs {
                let start = ContinuousClock.now
                let contents = try await DocumentReader(channel: connection, options: readOnly).read(key: key)
                extended.milliseconds.append(milliseconds(since: start))
                extended.apdus = contents.statistics.apdus
                extended.bytes = contents.statistics.bytesRead
                access.milliseconds.append(Double(contents.statistics.accessMicroseconds) / 1000)
            }
            for _ in 0..<5 {
                let start = ContinuousClock.now
                let contents = try await DocumentReader(channel: connection, options: shortOptions).read(key: key)
                short.milliseconds.append(milliseconds(since: start))
                short.apdus = contents.statistics.apdus
            }
            var accessOnly = readOnly
            accessOnly.files = []
            access.apdus = try await DocumentReader(channel: connection, options: accessOnly).read(key: key).statistics.apdus
            return (extended, short, access)
        }
        // File reading of each run: the whole read less its own access control.
        let reading = Figures(milliseconds: zip(extended.milliseconds, access.milliseconds).map { $0 - $1 })

        var plain: [UInt16: [UInt8]] = [:]
        for (file, bytes) in card.files { plain[file.fileID] = bytes }
        let order = [LDSFile.cardAccess, .com, .dg1, .dg2, .dg13, .dg14, .dg15, .sod].map(\.fileID)
        let floor = try await withCard(FileSystemApplet(files: plain)) { connection in
            var floor = Figures()
            _ = try await rawRead(connection, order, sizes: plain)
            for _ in 0..<runs {
                let start = ContinuousClock.now
                (floor.apdus, floor.bytes) = try await rawRead(connection, order, sizes: plain)
                floor.milliseconds.append(milliseconds(since: start))
            }
            return floor
        }

        let ratio = extended.median / floor.median
        print("full read, PACE-CAN + secure messaging, extended length: \(format(extended.median)) ms median of \(runs), "
              + "\(extended.apdus) APDUs, \(extended.bytes) bytes (DG2 \(card.files[.dg2]?.count ?? 0) B)")
        print("raw I/O floor, same bytes unprotected:                   \(format(floor.median)) ms median of \(runs), "
              + "\(floor.apdus) APDUs, \(floor.bytes) bytes")
        let readingRatio = reading.median / floor.median
        print("of which access control (EF.CardAccess, PACE with the chip's EC work in this process): \(format(access.median)) ms "
              + "(\(access.apdus) APDUs); files under secure messaging: \(format(reading.median)) ms "
              + "(\(extended.apdus - access.apdus) APDUs; medians of each run's own split)")
        print("protected / floor: \(format(ratio, 2))× whole read, \(format(readingRatio, 2))× file reading alone "
              + "(target ≤ 1.15: \(ratio <= 1.15 ? "met" : "MISSED") / \(readingRatio <= 1.15 ? "met" : "MISSED"))")
        let chunk = extended.bytes / max(extended.apdus - access.apdus, 1)
        let perExchange = try SecureMessagingCost.microseconds(length: chunk) / 1000
        print("secure messaging CPU, reader and chip together (the chip runs in this process): \(format(perExchange, 3)) ms "
              + "per READ BINARY of \(chunk) bytes, \(format(perExchange * Double(extended.apdus - access.apdus), 2)) ms for the files")
        print("APDUs with 223-byte chunks: \(short.apdus) (\(format(short.median)) ms); extended length: \(extended.apdus); "
              + "\(format(Double(short.apdus) / Double(extended.apdus), 1))× fewer (target ≥ 4×: \(short.apdus >= 4 * extended.apdus ? "met" : "MISSED"))")
    }

    /// Every file by READ BINARY (short EF identifier, then offsets) in the same extended-length chunks.
    private static func rawRead(_ connection: CardConnection, _ order: [UInt16], sizes: [UInt16: [UInt8]]) async throws -> (Int, Int) {
        var apdus = 0, bytes = 0
        let chunk = min(connection.maximumResponseLength - 2, 4096)
        for fid in order {
            let total = sizes[fid]?.count ?? 0
            var offset = 0
            while offset < total {
                // As DocumentReader does: the first chunk by short EF identifier, then by offset.
                let p1 = offset == 0 ? 0x80 | UInt8(fid & 0x1F) : UInt8(offset >> 8)
                let response = try await connection.transmit(
                    CommandAPDU(cla: 0x00, ins: 0xB0, p1: p1, p2: UInt8(offset & 0xFF), le: min(chunk, total - offset)))
                apdus += 1
                guard !response.data.isEmpty else { break }
                offset += response.data.count
            }
            bytes += offset
        }
        return (apdus, bytes)
    }

    /// Puts `applet` into the reader, connects, runs `body`, and takes the card out again.
    static func withCard<T>(_ applet: sending any CardApplet, _ body: (CardConnection) async throws -> T) async throws -> T {
        let client = VPCDClient(applet: applet, options: .init(port: port))
        try client.insert()
        defer { client.remove() }
        let context = try SmartCardContext()
        let connection = try await context.connect(reader: client.readerName, waitingUpTo: .seconds(10))
        let result = try await body(connection)
        try? await connection.disconnect()
        client.remove()
        // The next card must not meet pcscd's memory of this one.
        _ = try await context.waitUntilEmpty(reader: client.readerName)
        return result
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
    }

    static func format(_ value: Double, _ digits: Int = 1) -> String {
        String(format: "%.\(digits)f", value)
    }
}
