import Foundation

/// A child process started for a test, with its standard output and error captured to files.
final class RunningProcess: @unchecked Sendable {
    let process = Process()
    let stdoutFile: URL
    let stderrFile: URL

    init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], in directory: TemporaryDirectory) throws {
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM"] { env.removeValue(forKey: key) }
        env.merge(environment) { $1 }
        process.environment = env
        let tag = UUID().uuidString.prefix(6)
        stdoutFile = directory.url.appendingPathComponent("out-\(tag).txt")
        stderrFile = directory.url.appendingPathComponent("err-\(tag).txt")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var stdout: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits up to `timeout` for the process to end; nil when it is still running.
    func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return process.terminationStatus
    }

    /// Ends the process if a test left it running.
    func stop() {
        if process.isRunning {
            signal(SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Runs a command to completion and returns its exit status and output.
    static func run(_ executable: URL, _ arguments: [String], in directory: TemporaryDirectory) async throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try RunningProcess(executable, arguments, in: directory)
        let status = await child.waitForExit(timeout: .seconds(60))
        child.stop()
        return (status ?? -1, child.stdout, child.stderr)
    }
}
