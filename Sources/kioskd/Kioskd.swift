import ArgumentParser
import Foundation
import KioskBase
import KioskCore
import LocalAPI
import Logging

/// kioskd: the HealthKiosk daemon. Parses arguments, checks the config, starts the services.
@main
struct Kioskd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kioskd",
        abstract: "HealthKiosk daemon: citizen-ID check-in, payments and upstream sync for a health-station kiosk.",
        version: KioskVersion.current
    )

    @Option(name: .long, help: "Config file.")
    var config: String = KioskConfig.defaultPath

    @Flag(name: .long, help: "Check the config file, print every problem, and exit (78 when invalid).")
    var checkConfig = false

    @Option(name: .long, help: "Use this state directory instead of the config's paths.state_dir.")
    var stateDir: String?

    @Option(name: .long, help: "Use this control socket path instead of the config's control.socket.")
    var socket: String?

    /// sysexits.h EX_CONFIG: systemd's RestartPreventExitStatus keeps a broken config from looping.
    static let exitConfigError: Int32 = 78

    func run() async throws {
        var loaded: KioskConfig
        do {
            loaded = try ConfigLoader.load(path: config)
        } catch {
            for issue in error.issues { FileHandle.standardError.write(Data("\(issue.description)\n".utf8)) }
            FileHandle.standardError.write(Data("kioskd: \(config): \(error.issues.count) problem(s); not started\n".utf8))
            throw ExitCode(Self.exitConfigError)
        }
        if checkConfig {
            print("\(config): OK")
            return
        }
        if let stateDir { loaded.paths.stateDirectory = stateDir }
        if let socket { loaded.control.socketPath = socket }

        let level = LogLevelSource(loaded.logging.level)
        KioskLogHandler.bootstrap(levelSource: level)
        let logger = Logger(label: "kioskd")
        logger.info("kioskd starting", metadata: ["version": "\(KioskVersion.current)", "config.path": "\(config)"])
        do {
            try await KioskDaemon(configPath: config, config: loaded, logLevel: level).run(logger: logger) { context in
                [LocalAPIServer(context: context)]
            }
        } catch let error as any KioskError {
            logger.critical("kioskd failed: \(error.description)")
            throw ExitCode.failure
        }
    }
}
