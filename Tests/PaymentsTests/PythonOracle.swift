import Foundation
import Testing

/// Third-party checks run in the project's Python virtual environment (`.venv`, made by
/// scripts/setup.sh from scripts/test-requirements.txt): `vietqr-emvco` and `zxing-cpp`.
enum PythonOracle {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let python = repositoryRoot.appendingPathComponent(".venv/bin/python")

    /// `KIOSK_REQUIRE_ORACLES=1` (CI): a missing environment fails the tests instead of skipping them.
    static let required = ProcessInfo.processInfo.environment["KIOSK_REQUIRE_ORACLES"] == "1"
    static let available = FileManager.default.isExecutableFile(atPath: python.path)

    static let enabled = Testing.ConditionTrait.enabled(
        if: available || required,
        "needs .venv/bin/python with scripts/test-requirements.txt (run scripts/setup.sh); KIOSK_REQUIRE_ORACLES=1 makes its absence a failure"
    )

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `script` with the path of a JSON file holding `input` as its argument and decodes its
    /// standard output as JSON.
    static func run<Output: Decodable>(_ script: String, input: some Encodable, as: Output.Type) throws -> Output {
        guard available else {
            throw Failure(description: "KIOSK_REQUIRE_ORACLES=1 but \(python.path) is missing: run scripts/setup.sh")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hk-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputFile = directory.appendingPathComponent("input.json")
        let errorFile = directory.appendingPathComponent("stderr.txt")
        try JSONEncoder().encode(input).write(to: inputFile)
        try Data().write(to: errorFile)

        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", script, inputFile.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let stderr = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw Failure(description: "python exited \(process.terminationStatus): \(stderr)")
        }
        return try JSONDecoder().decode(Output.self, from: data)
    }

    /// A directory for files the oracle reads, removed by the caller.
    static func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hk-oracle-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
