import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl queue`: the outbox of records waiting to reach the upstream server.
struct Queue: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the upstream queue: counts by state, oldest waiting record, last success and error.")

    @OptionGroup var connection: DaemonConnection

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        guard let queue = try connection.request("queue").queue else {
            FileHandle.standardError.write(Data("kioskctl: the daemon's answer has no queue report\n".utf8))
            throw ExitCode.failure
        }
        if json {
            let encoder = ControlCoding.encoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(queue), as: UTF8.self))
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
