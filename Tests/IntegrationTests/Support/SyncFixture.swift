import Foundation

/// A running `fhir-test-upstream` and a kioskd config (the shipped example) pointing at it, in a
/// test's directory, with the arguments that start kioskd on them.
struct SyncFixture {
    let upstream: RunningProcess
    let port: Int
    /// The port of kioskd's local API in the config.
    let apiPort: Int
    let config: String
    let socket: String
    let state: String

    /// `upstreamFaults` are the server's first answers (see fhir-test-upstream), `upstreamArguments`
    /// its other flags (TLS); `edit` may change the config text further (batch size, write mode).
    init(in dir: TemporaryDirectory, upstreamFaults: [String] = [], upstreamArguments: [String] = [],
         edit: (String) -> String = { $0 }) async throws {
        upstream = try RunningProcess(Binaries.directory.appendingPathComponent("fhir-test-upstream"),
                                      ["--port", "0"] + (upstreamFaults.isEmpty ? [] : ["--faults", upstreamFaults.joined(separator: ",")])
                                        + upstreamArguments, in: dir)
        guard let port = await DaemonWaits.listeningPort(upstream) else {
            upstream.stop()
            throw FixtureFailure("the test upstream did not start: \(upstream.stderr)")
        }
        self.port = port
        config = dir.path("kioskd.toml")
        socket = dir.path("control.sock")
        state = dir.path("state")
        apiPort = try LoopbackHTTP.freePort()
        try edit(try LoopbackHTTP.exampleConfig(localAPIPort: apiPort)
            .replacingOccurrences(of: "https://fhir.example.invalid/fhir", with: "http://127.0.0.1:\(port)/fhir"))
            .write(toFile: config, atomically: true, encoding: .utf8)
    }

    var daemonArguments: [String] { ["--config", config, "--state-dir", state, "--socket", socket] }
}

/// A test fixture that could not be set up.
struct FixtureFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
