public import Foundation
public import Logging
public import ServiceLifecycle
public import Store
import Synchronization

/// Delivers the outbox upstream: a `Service` that, once started, returns records interrupted
/// by a crash to `pending`, then claims a batch, sends it as one FHIR transaction, records
/// each record's outcome, and goes on until nothing is due; one batch in flight at a time.
///
/// It wakes every ``Configuration/pollInterval`` and at once on ``nudge()`` (call it after
/// writing a record). On graceful shutdown it finishes the batch in flight and returns; on
/// cancellation a batch in flight stays `sending` and is recovered at the next start.
///
///     let engine = try SyncEngine(database: db, upstream: UpstreamConfiguration(baseURL: url),
///                                 mapper: FHIRMapper(options: .init(stationID: "…", kioskID: "…")),
///                                 logger: logger)
///     // add `engine` to the ServiceGroup; after each write: engine.nudge()
public actor SyncEngine: Service {
    /// Tuning; the defaults suit a kiosk.
    public struct Configuration: Sendable {
        /// Records per transaction bundle.
        public var batchSize = Outbox.defaultBatchSize
        /// How often it looks for due records without a nudge.
        public var pollInterval: Duration = .seconds(5)
        /// Waits between attempts of a failing record.
        public var backoff = Backoff()
        /// Consecutive server failures that open the circuit breaker.
        public var breakerThreshold = 5
        /// How long the breaker stays open before a probe.
        public var breakerCooldown: Duration = .seconds(30)
        /// "Now", for backoff instants and the breaker; tests replace it.
        public var now: @Sendable () -> Date = { Date() }
        /// Sleeps between polls; tests replace it.
        public var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
        /// Where outcomes, request results, round durations and the breaker's state are counted.
        public var metrics = SyncMetrics()

        /// Default settings.
        public init() {}
    }

    private let outbox: Outbox
    private let transport: any UpstreamTransport
    private let ownsTransport: Bool
    private let mapper: FHIRMapper
    private let residents: (any ResidentDirectory)?
    private let configuration: Configuration
    private let logger: Logger
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private var breaker: CircuitBreaker
    private var current = SyncStatus()

    /// An engine sending through `transport`, which the caller keeps and shuts down.
    public init(database: KioskDatabase, transport: any UpstreamTransport, mapper: FHIRMapper,
                residents: (any ResidentDirectory)? = nil, configuration: Configuration = Configuration(),
                logger: Logger = Logger(label: "kiosk.sync")) {
        self.init(outbox: database.outbox, transport: transport, ownsTransport: false, mapper: mapper,
                  residents: residents, configuration: configuration, logger: logger)
    }

    /// An engine with its own transport for `upstream` (``UpstreamConfiguration/makeTransport()``),
    /// shut down when ``run()`` returns.
    public init(database: KioskDatabase, upstream: UpstreamConfiguration, mapper: FHIRMapper,
                residents: (any ResidentDirectory)? = nil, configuration: Configuration = Configuration(),
                logger: Logger = Logger(label: "kiosk.sync")) throws {
        self.init(outbox: database.outbox, transport: try upstream.makeTransport(), ownsTransport: true,
                  mapper: mapper, residents: residents, configuration: configuration, logger: logger)
    }

    private init(outbox: Outbox, transport: any UpstreamTransport, ownsTransport: Bool, mapper: FHIRMapper,
                 residents: (any ResidentDirectory)?, configuration: Configuration, logger: Logger) {
        self.outbox = outbox
        self.transport = transport
        self.ownsTransport = ownsTransport
        self.mapper = mapper
        self.residents = residents
        self.configuration = configuration
        self.logger = logger
        self.breaker = CircuitBreaker(threshold: configuration.breakerThreshold, cooldown: configuration.breakerCooldown)
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wakeups = stream
        wake = continuation
    }

    /// Asks for a delivery round now (a record was just written). Cheap; never blocks.
    public nonisolated func nudge() {
        wake.yield()
    }

    /// The engine's state: last success, last error, breaker.
    public func status() -> SyncStatus {
        var status = current
        status.breaker = breaker.state
        status.consecutiveFailures = breaker.consecutiveFailures
        return status
    }

    /// The transaction Bundle this engine sends for `record` alone, byte for byte as it would
    /// go upstream now (`kioskctl queue show ID --fhir`). Throws ``SyncError`` with reason
    /// `mapping` when the record cannot be mapped.
    public func bundle(for record: OutboxRecord) async throws -> Data {
        let bundle = try mapper.transaction(for: [record], residents: await residentDetails([record]))
        if let unmapped = bundle.unmapped.first { throw unmapped.error }
        return bundle.body
    }

    /// Runs until graceful shutdown or cancellation; call it once per engine.
    public func run() async throws {
        defer { wake.finish() }
        do {
            let recovered = try await outbox.recoverInterrupted()
            if recovered > 0 { logger.info("sync: \(recovered) interrupted records returned to pending") }
        } catch {
            await shutDownTransport()
            throw error
        }
        let ticker = Task { [wake, configuration] in
            while !Task.isCancelled {
                wake.yield()
                do { try await configuration.sleep(configuration.pollInterval) } catch { return }
            }
        }
        await withGracefulShutdownHandler {
            for await _ in wakeups {
                // A round in flight when shutdown begins is cancelled, so that a server that
                // hangs cannot hold up the stop; its records stay `sending` and go back to
                // `pending` at the next start (the server deduplicates a resend).
                _ = await cancelWhenGracefulShutdown { await self.drainDue() }
                if Task.isCancelled || Task.isShuttingDownGracefully { break }
            }
        } onGracefulShutdown: { [wake] in
            wake.finish()
        }
        ticker.cancel()
        await shutDownTransport()
    }

    /// Closes the engine's own client, waiting at most two seconds: a connection attempt still
    /// resolving or connecting (a slow DNS server, a silent network) must not hold up the stop.
    private func shutDownTransport() async {
        guard ownsTransport else { return }
        let transport = self.transport, logger = self.logger
        let closing = Task {
            do { try await transport.shutdown() } catch { logger.warning("sync: upstream client shutdown: \(error)") }
        }
        // Whichever ends first answers; a task group would wait for the close regardless.
        let firstAnswer = FirstAnswer()
        let finished = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            Task { await closing.value; if firstAnswer.claim() { continuation.resume(returning: true) } }
            Task { try? await Task.sleep(for: .seconds(2)); if firstAnswer.claim() { continuation.resume(returning: false) } }
        }
        if !finished { logger.warning("sync: upstream client still closing after 2 s; not waiting for it") }
    }

    /// Sends batches until nothing is due, the breaker opens, the server asks for a pause, or
    /// shutdown begins. Returns how many records were claimed.
    @discardableResult
    public func drainDue() async -> Int {
        var claimed = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let now = configuration.now()
            if let paused = current.pausedUntil, now < paused { break }
            let allowed = breaker.allowsCall(now: now)
            configuration.metrics.recordBreaker(breaker.state)
            guard allowed else { break }
            let records: [OutboxRecord]
            do {
                records = try await outbox.claim(limit: breaker.isProbing ? 1 : configuration.batchSize)
            } catch {
                note(error: "claim: \(error)")
                break
            }
            if records.isEmpty { break }
            claimed += records.count
            await deliver(records)
            if case .open = breaker.state { break }
        }
        return claimed
    }

    /// Maps, sends and records the outcome of one claimed batch.
    private func deliver(_ records: [OutboxRecord]) async {
        let bundle: TransactionBundle
        do {
            bundle = try mapper.transaction(for: records, residents: await residentDetails(records))
        } catch {
            await retryAll(records, error: "sync.mapping: bundle encoding failed: \(error)", retryAfter: nil)
            return
        }
        for (record, error) in bundle.unmapped {
            await write { try await self.outbox.markDead(record.id, error: error.description) }
            current.deadCount += 1
            configuration.metrics.recordOutcomes(acked: 0, retried: 0, dead: 1)
            note(error: error.description)
        }
        guard !bundle.records.isEmpty else { return }
        current.requestCount += 1
        let result: Result<UpstreamResponse, SyncError>
        let started = ContinuousClock.now
        do {
            result = .success(try await transport.send(bundle.body))
        } catch let error as SyncError {
            result = .failure(error)
        } catch {
            result = .failure(SyncError(.transport, "\(type(of: error))"))
        }
        let verdict = DeliveryVerdict.classify(bundle, result, now: configuration.now())
        configuration.metrics.recordRequest(SyncMetrics.result(of: result, verdict), duration: ContinuousClock.now - started)
        if verdict.serverFailed {
            breaker.recordFailure(now: configuration.now())
        } else {
            breaker.recordSuccess()
        }
        configuration.metrics.recordBreaker(breaker.state)
        if verdict.refusedWhole && bundle.records.count > 1 {
            logger.notice("sync: server refused a bundle of \(bundle.records.count) records; sending them one by one")
            for record in bundle.records { await deliver([record]) }
            return
        }
        if let retryAfter = verdict.retryAfter {
            current.pausedUntil = configuration.now().addingTimeInterval(retryAfter.timeInterval)
        }
        await apply(verdict, to: bundle.records)
    }

    /// Records outcomes. A record after a retried one of the same resident is retried too, so
    /// that the resident's records reach the server in order.
    private func apply(_ verdict: DeliveryVerdict, to records: [OutboxRecord]) async {
        var retrying = Set<ResidentKey>()
        var acked: [OutboxID] = []
        var retries: [(OutboxRecord, String)] = []
        var dead: [(OutboxRecord, String)] = []
        for (record, outcome) in zip(records, verdict.outcomes) {
            switch outcome {
            case .acked where retrying.contains(record.subject):
                retries.append((record, "held back behind an earlier record of the same resident"))
            case .acked:
                acked.append(record.id)
            case .retry(let error):
                retrying.insert(record.subject)
                retries.append((record, error))
            case .dead(let error):
                dead.append((record, error))
            }
        }
        if !acked.isEmpty {
            await write { [acked] in _ = try await self.outbox.markAcked(acked) }
            current.ackedCount += acked.count
            current.lastSuccessAt = configuration.now()
        }
        for (record, error) in retries {
            let delay = verdict.retryAfter ?? configuration.backoff.delay(failures: record.attempts + 1)
            let next = configuration.now().addingTimeInterval(delay.timeInterval)
            await write { try await self.outbox.markRetry(record.id, error: error, nextAttemptAt: next) }
        }
        current.retryCount += retries.count
        for (record, error) in dead {
            await write { try await self.outbox.markDead(record.id, error: error) }
        }
        current.deadCount += dead.count
        configuration.metrics.recordOutcomes(acked: acked.count, retried: retries.count, dead: dead.count)
        if let error = (retries.first ?? dead.first)?.1 {
            note(error: error)
            if error.hasPrefix(SyncFailure.pinMismatch.rawValue) {
                logger.error("sync: the upstream's certificate chain holds none of the configured SPKI pins; \(records.count) records stay pending: \(error)")
            }
            logger.warning("sync: \(acked.count) acked, \(retries.count) to retry, \(dead.count) refused: \(error)")
        }
    }

    private func retryAll(_ records: [OutboxRecord], error: String, retryAfter: Duration?) async {
        let verdict = DeliveryVerdict(outcomes: Array(repeating: .retry(error), count: records.count),
                                      retryAfter: retryAfter, serverFailed: false, refusedWhole: false)
        await apply(verdict, to: records)
    }

    private func residentDetails(_ records: [OutboxRecord]) async -> [ResidentKey: ResidentDetails] {
        guard let residents else { return [:] }
        var details: [ResidentKey: ResidentDetails] = [:]
        for record in records where record.kind == .visitOpened && details[record.subject] == nil {
            details[record.subject] = await residents.details(for: record.subject)
        }
        return details
    }

    private func note(error: String) {
        current.lastError = error
        current.lastErrorAt = configuration.now()
    }

    /// Runs an outbox write; a failure is logged and left for the next round (the record stays
    /// `sending` until the next start recovers it).
    private func write(_ body: @Sendable () async throws -> Void) async {
        do {
            try await body()
        } catch {
            note(error: "outbox: \(error)")
            logger.error("sync: outbox write failed: \(error)")
        }
    }
}

/// Lets exactly one of several racing tasks resume a continuation.
private final class FirstAnswer: Sendable {
    private let answered = Mutex(false)

    /// True for the first caller only.
    func claim() -> Bool {
        answered.withLock { done in
            defer { done = true }
            return !done
        }
    }
}
