public import EMRTD
public import KioskBase
public import Logging
import SmartCard

/// kioskd's check-in desk: finds the card in the configured readers, runs the ``CheckInFlow``
/// and logs the outcome by code and queue number only. One check-in at a time: a second resident's
/// scan waits for the first to finish.
public actor CheckInDesk {
    private let flow: CheckInFlow
    private let readers: KioskConfig.CardReaders
    private let logger: Logger

    /// A desk running `flow` on the readers `readers` selects.
    public init(flow: CheckInFlow, readers: KioskConfig.CardReaders, logger: Logger) {
        self.flow = flow
        self.readers = readers
        self.logger = logger
    }

    /// Checks in the holder of the card opened with `key`, for `service`: the card in `reader`
    /// (or the configured readers, the preferred one first), waiting up to `wait` for it to be put down.
    public func checkIn(key: AccessKey, service: String, reader: String? = nil, wait: Duration = .seconds(30)) async throws(CheckInError) -> CheckInResult {
        let connection = try await connect(reader: reader, wait: wait)
        do {
            let result = try await flow.checkIn(channel: connection, key: key, service: service)
            try? await connection.disconnect()
            logger.notice("check-in: visit opened", metadata: [
                "visit.id": "\(result.visit.id)", "visit.queue": "\(result.visit.queueNumber)",
                "checkin.warnings": "\(result.decision.warnings.count)", "checkin.ticket": "\(result.ticket)",
            ])
            return result
        } catch {
            try? await connection.disconnect()
            logger.warning("check-in: \(error.code)", metadata: ["checkin.detail": "\(error.detail)"])
            throw error
        }
    }

    /// The readers to look in: `reader` alone, else the ones whose names match the config's
    /// patterns (every reader without patterns), the preferred one first.
    public static func candidates(_ available: [String], reader: String?, config: KioskConfig.CardReaders) -> [String] {
        if let reader { return available.contains(reader) ? [reader] : [] }
        let matching = config.namePatterns.isEmpty ? available
            : available.filter { name in config.namePatterns.contains { name.contains($0) } }
        guard let preferred = config.preferred, matching.contains(preferred) else { return matching }
        return [preferred] + matching.filter { $0 != preferred }
    }

    private func connect(reader: String?, wait: Duration) async throws(CheckInError) -> CardConnection {
        let deadline = ContinuousClock.now + wait
        do {
            let context = try SmartCardContext()
            repeat {
                let names = Self.candidates(try context.readers(), reader: reader, config: readers)
                for name in names {
                    if let connection = try await context.connectIfPresent(reader: name) { return connection }
                }
                try await Task.sleep(for: .milliseconds(100))
            } while ContinuousClock.now < deadline
        } catch {
            throw CheckInError(.readFailed, "card reader: \(error)")
        }
        let which = reader.map { "reader \"\($0)\"" } ?? "the configured readers"
        throw CheckInError(.cardRemoved, "no card in \(which) within \(wait)")
    }
}
