import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl queue`: the outbox of records waiting to reach the upstream server.
struct Queue: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The upstream queue: summary (default), list, show, retry.",
        subcommands: [Summary.self, List.self, Show.self, Retry.self],
        defaultSubcommand: Summary.self
    )

    /// `kioskctl queue [summary]`.
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Counts by state, oldest waiting record, last success and error.")

        @OptionGroup var connection: DaemonConnection

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        func run() throws {
            guard let queue = try connection.request("queue").queue else {
                FileHandle.standardError.write(Data("kioskctl: the daemon's answer has no queue report\n".utf8))
                throw ExitCode.failure
            }
            if json {
                print(try ControlJSON.pretty(queue))
                return
            }
            let order = ["pending", "sending", "acked", "dead"]
            print(order.map { "\($0) \(queue.counts[$0] ?? 0)" }.joined(separator: ", "))
            print("oldest waiting: \(queue.oldestPendingAgeSeconds.map { StatusText.duration($0) + " ago" } ?? "none")")
            print("last success:   \(queue.lastSuccessAt.map { $0.formatted(.iso8601) } ?? "never")")
            if let error = queue.lastError {
                print("last error:     \(error)\(queue.lastErrorAt.map { " (\($0.formatted(.iso8601)))" } ?? "")")
            }
        }
    }

    /// `kioskctl queue list [--state S] [--limit N]`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List outbox records, oldest first.")

        @OptionGroup var connection: DaemonConnection

        @Option(name: .long, help: "Only records in this state: pending, sending, acked or dead.")
        var state: String?

        @Option(name: .long, help: "At most this many records.")
        var limit = 100

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        func run() throws {
            let records = try connection.request(ControlRequest(command: "queue.list", count: limit, state: state)).records ?? []
            if json {
                print(try ControlJSON.pretty(records))
                return
            }
            for record in records {
                let error = record.lastError.map { "  \($0)" } ?? ""
                print("\(record.id)  \(record.kind)  \(record.state)  attempts \(record.attempts)\(error)")
            }
            if records.isEmpty { print("no records") }
        }
    }

    /// `kioskctl queue show ID [--fhir]`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one outbox record with its payload, or the FHIR Bundle sent for it.")

        @OptionGroup var connection: DaemonConnection

        @Argument(help: "The record's id.")
        var id: String

        @Flag(name: .long, help: "Print the FHIR transaction Bundle sent upstream for this record, as the daemon builds it.")
        var fhir = false

        func run() throws {
            if fhir {
                print(try connection.request(ControlRequest(command: "queue.fhir", id: id)).message ?? "")
                return
            }
            let records = try connection.request(ControlRequest(command: "queue.show", id: id)).records ?? []
            print(try ControlJSON.pretty(records.first))
        }
    }

    /// `kioskctl queue retry ID | --all-dead`.
    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a dead record (or every dead record) for delivery again.")

        @OptionGroup var connection: DaemonConnection

        @Argument(help: "The dead record's id.")
        var id: String?

        @Flag(name: .long, help: "Every dead record.")
        var allDead = false

        func validate() throws {
            guard (id == nil) != !allDead else { throw ValidationError("give either a record id or --all-dead") }
        }

        func run() throws {
            print(try connection.request(ControlRequest(command: "queue.retry", id: id)).message ?? "done")
        }
    }
}

/// Pretty, sorted JSON for kioskctl's `--json` output.
enum ControlJSON {
    static func pretty(_ value: some Encodable) throws -> String {
        let encoder = ControlCoding.encoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
