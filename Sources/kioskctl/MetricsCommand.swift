import ArgumentParser
import KioskCore

/// `kioskctl metrics`: the daemon's metrics in the Prometheus text format.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Print the daemon's metrics (outbox depth and age, delivery outcomes, round durations) in the Prometheus text format.")
    @OptionGroup var connection: DaemonConnection

    func run() throws {
        print(try connection.request(ControlRequest(command: "metrics")).metrics ?? "", terminator: "")
    }
}
