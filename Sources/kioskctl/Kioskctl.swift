import ArgumentParser
import Foundation
import KioskCore

/// kioskctl: the technicians' tool for a running kioskd.
@main
struct Kioskctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kioskctl",
        abstract: "Inspect and operate a running HealthKiosk daemon.",
        version: KioskVersion.current,
        subcommands: [Status.self, CheckInCommand.self, Queue.self, SyncCommand.self, MetricsCommand.self, Payments.self, VietQR.self, Card.self, Trust.self, RegistryCommand.self, LookupCommand.self, Devices.self]
    )
}

/// Options every subcommand that talks to the daemon shares.
struct DaemonConnection: ParsableArguments {
    @Option(name: .long, help: "Control socket of the daemon.")
    var socket: String = ControlSocketDefaults.path

    /// sysexits.h EX_UNAVAILABLE: the daemon cannot be reached.
    static let exitUnavailable: Int32 = 69

    func request(_ command: String) throws -> ControlResponse {
        try request(ControlRequest(command: command))
    }

    func request(_ request: ControlRequest, timeoutSeconds: Int = 10) throws -> ControlResponse {
        let command = request.command
        do {
            let response = try ControlSocketClient(path: socket, timeoutSeconds: timeoutSeconds).send(request)
            guard response.ok else {
                FileHandle.standardError.write(Data("kioskctl: the daemon refused \"\(command)\": \(response.error ?? "no reason given")\n".utf8))
                throw ExitCode.failure
            }
            return response
        } catch let error as ControlSocketError {
            FileHandle.standardError.write(Data("kioskctl: \(error.detail)\n".utf8))
            throw ExitCode(Self.exitUnavailable)
        }
    }
}
