import Foundation
public import KioskBase
public import Logging
public import ServiceLifecycle
import Store
import Sync
import USBDevices

/// Assembles kioskd's services into one `ServiceGroup`, in dependency order, and runs them
/// until SIGTERM or SIGINT: config reload (SIGHUP), sync, retention, USB peripherals, control
/// socket, systemd watchdog, payments, and last the front services kioskd adds from outside this
/// module (the local HTTP API).
public struct KioskDaemon: Sendable {
    public let configPath: String
    public let config: KioskConfig
    public let logLevel: LogLevelSource

    public init(configPath: String, config: KioskConfig, logLevel: LogLevelSource) {
        self.configPath = configPath
        self.config = config
        self.logLevel = logLevel
    }

    /// Runs the daemon; `frontServices` makes the services started last and stopped first (the
    /// local API) from the daemon's parts.
    public func run(logger: Logger, frontServices: @Sendable (DaemonContext) throws -> [any Service] = { _ in [] }) async throws {
        let notifier = SystemdNotifier()
        let state = DaemonState(configPath: configPath, config: config)
        let started = ContinuousClock.now
        let readiness = ReadinessGate(waitingFor: ["config", "control"]) {
            let elapsed = ContinuousClock.now - started
            notifier.ready(status: "Running: station \(config.station.facilityCode), kiosk \(config.station.kioskID)")
            logger.notice("kioskd ready", metadata: ["startup.ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)"])
        }
        let database = try openDatabase(state: state, logger: logger)
        let metrics = KioskMetrics(database: database)
        let sync = try makeSyncEngine(database: database, metrics: metrics.sync, logger: logger)
        state.set("sync", .running, detail: config.upstream.fhirBaseURL)
        let terminal = ConnectedTerminal()
        let payments = try makePayments(database: database, terminal: terminal, state: state)
        let context = DaemonContext(state: state, payments: payments?.commands,
                                    transferCallback: TransferCallbackGate(settings: { state.currentConfig.payments }), logger: logger,
                                    metrics: metrics)
        let front = try frontServices(context).map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }
        let printer = ConnectedPrinter(options: config.usbOptions)
        let checkIn = makeCheckIn(database: database, printer: printer, logger: logger)
        let usb = USBPeripheralsService(makePeripherals: { [config, configPath] in
            let peripherals = Peripherals(table: DeviceTable.standard(overrides: config.pinnedUSBDevices(source: configPath)),
                                          options: config.peripheralsOptions, logger: logger)
            terminal.attach(peripherals)
            printer.attach(peripherals)
            return peripherals
        }, state: state, logger: logger, onCCCDScan: checkIn.map(Self.checkInOnScan))
        let services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: ConfigReloadService(state: state, notifier: notifier, logLevel: logLevel, logger: logger, readiness: readiness)),
            .init(service: sync),
            .init(service: RetentionService(database: database, state: state, interval: .seconds(3600), logger: logger)),
            .init(service: usb),
            .init(service: ControlServer(state: state, database: database, sync: sync, socketPath: config.control.socketPath, socketGroup: config.control.socketGroup,
                                         logger: logger, readiness: readiness, payments: payments?.commands, metrics: metrics,
                                         checkIn: checkIn)),
            .init(service: SystemdWatchdogService(notifier: notifier, state: state, logger: logger)),
        ] + (payments.map { [.init(service: $0.service)] } ?? []) + front
        var groupConfig = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfig.maximumGracefulShutdownDuration = .seconds(10)
        let group = ServiceGroup(configuration: groupConfig)
        notifier.status("Starting")
        try await group.run()
        try? database.close()
        state.set("store", .stopped)
        logger.notice("kioskd stopped")
    }

    /// The outbox's delivery to the FHIR server, with the config's timeouts, TLS files and batch size.
    private func makeSyncEngine(database: KioskDatabase, metrics: SyncMetrics, logger: Logger) throws -> SyncEngine {
        var upstream = UpstreamConfiguration(baseURL: config.upstream.fhirBaseURL)
        upstream.caFile = config.upstream.caFile
        upstream.clientCertificateFile = config.upstream.clientCertificate
        upstream.clientKeyFile = config.upstream.clientKey
        upstream.spkiPins = config.upstream.spkiPins
        upstream.connectTimeout = .seconds(config.upstream.connectTimeoutSeconds)
        upstream.readTimeout = .seconds(config.upstream.requestTimeoutSeconds)
        var engine = SyncEngine.Configuration()
        engine.batchSize = config.sync.batchSize
        engine.pollInterval = .seconds(config.sync.intervalSeconds)
        engine.metrics = metrics
        var options = FHIRMappingOptions(stationID: config.station.facilityCode, kioskID: config.station.kioskID)
        options.writeMode = config.sync.fhirWrite
        // Residents are keyed by their citizen ID number (see CardResident).
        options.residentSystem = options.citizenIDSystem
        let mapper = FHIRMapper(options: options)
        return try SyncEngine(database: database, upstream: upstream, mapper: mapper, residents: RegistryResidentDirectory(database: database),
                              configuration: engine, logger: Logger(label: "kioskd.sync"))
    }

    /// Opens the database first of all (convention: store → devices → sync → HTTP) and returns
    /// records a crash left in flight to the queue.
    private func openDatabase(state: DaemonState, logger: Logger) throws -> KioskDatabase {
        do {
            let database = try KioskDatabase(stateDirectory: config.paths.stateDirectory)
            state.set("store", .running, detail: database.path)
            logger.info("database open", metadata: ["store.path": "\(database.path)"])
            return database
        } catch {
            state.set("store", .failed, detail: "\(error)")
            throw error
        }
    }
}
