import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A running `fhir-test-upstream` process on 127.0.0.1, found next to the test executable.
final class TestUpstream: @unchecked Sendable {
    let process = Process()
    /// The server's standard input: when this process ends, it closes and the server exits.
    let lifeline = Pipe()
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)/fhir" }

    /// The build products folder: `$KIOSK_BIN_DIR`, else the folder of this test executable.
    static let binDirectory: URL = {
        if let dir = ProcessInfo.processInfo.environment["KIOSK_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }()

    init(faults: [String] = [], arguments: [String] = []) throws {
        process.executableURL = Self.binDirectory.appendingPathComponent("fhir-test-upstream")
        process.arguments = ["--exit-with-stdin"] + (faults.isEmpty ? [] : ["--faults", faults.joined(separator: ",")]) + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = lifeline
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let portText = text.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines),
              let port = Int(portText) else {
            process.terminate()
            throw TestFailure("fhir-test-upstream did not print its port (got '\(text)')")
        }
        self.port = port
    }

    deinit { stop() }

    /// Kills the server; does not wait, so that no test thread blocks on it.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// `GET /_stats`.
    func stats() async throws -> Stats {
        try JSONDecoder().decode(Stats.self, from: try await get("/_stats"))
    }

    /// Every outbox id the server stored.
    func outboxIDs() async throws -> Set<String> {
        Set(try JSONDecoder().decode([String].self, from: try await get("/_outbox-ids")))
    }

    func addFaults(_ faults: [String]) async throws {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/_faults")!)
        request.httpMethod = "POST"
        request.httpBody = try JSONEncoder().encode(faults)
        _ = try await URLSession.shared.data(for: request)
    }

    private func get(_ path: String) async throws -> Data {
        try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!).0
    }

    struct Stats: Decodable {
        let distinctOutboxIDs: Int
        let duplicates: Int
        let requests: Int
        let created: Int
        let createdByResourceType: [String: Int]
        let testTagged: Int
        let faultsPending: Int
    }
}

/// A failed test precondition.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
