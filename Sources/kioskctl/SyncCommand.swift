import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl sync now|probe`: ask for a delivery round, or prove the path to the server.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Deliver the upstream queue now, or queue test records to prove the path to the server.",
        subcommands: [Now.self, Probe.self]
    )

    /// `kioskctl sync now`.
    struct Now: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a delivery round now.")
        @OptionGroup var connection: DaemonConnection

        func run() throws {
            print(try connection.request(ControlRequest(command: "sync.now")).message ?? "done")
        }
    }

    /// `kioskctl sync probe [--count N]`.
    struct Probe: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue N synthetic test records (no personal data) and deliver them; watch them with `kioskctl queue`.")
        @OptionGroup var connection: DaemonConnection

        @Option(name: .long, help: "How many test records (1-10000).")
        var count = 1

        func run() throws {
            print(try connection.request(ControlRequest(command: "sync.probe", count: count)).message ?? "done")
        }
    }
}
