import Foundation
import KioskCore

/// Waiting for the daemon and the loopback test servers a test starts.
enum DaemonWaits {
    /// Whether the daemon answers `status` on `socket` within about ten seconds (asked in
    /// process, so that waiting costs no process starts).
    static func answers(_ socket: String) async throws -> Bool {
        for _ in 0..<500 {
            if (try? ControlSocketClient(path: socket, timeoutSeconds: 2).send(ControlRequest(command: "status")))?.ok == true { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// The daemon's outbox counts by state, asked in process; nil when it does not answer.
    static func queueCounts(_ socket: String) -> [String: Int]? {
        (try? ControlSocketClient(path: socket, timeoutSeconds: 2).send(ControlRequest(command: "queue")))?.queue?.counts
    }

    /// The port a loopback test server printed in `listening on 127.0.0.1:PORT`.
    static func listeningPort(_ server: RunningProcess) async -> Int? {
        for _ in 0..<500 {
            if let port = server.stdout.split(separator: "\n").first(where: { $0.hasPrefix("listening on 127.0.0.1:") })
                .flatMap({ Int($0.split(separator: ":").last ?? "") }) { return port }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }
}
