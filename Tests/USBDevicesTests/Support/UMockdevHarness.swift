import Foundation
import Testing

/// Runs `kioskctl` (the real libusb code path) under umockdev with the simulated devices of
/// `scripts/usb-sim/usb_sim.py`, and collects its JSON output and the simulator's transcript.
///
/// Skipped when umockdev, python3-gi or the UMockdev typelib is missing, unless
/// `KIOSK_REQUIRE_UMOCKDEV=1`, where the tests run and fail with ``unavailableReason``.
enum UMockdevHarness {
    static let required = ProcessInfo.processInfo.environment["KIOSK_REQUIRE_UMOCKDEV"] == "1"
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let simulator = repositoryRoot.appendingPathComponent("scripts/usb-sim/usb_sim.py")
    static let wrapper = "/usr/bin/umockdev-wrapper"
    static let python = "/usr/bin/python3"
    static let binaries = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    static var kioskctl: URL { binaries.appendingPathComponent("kioskctl") }

    /// `nil` when everything is there; otherwise what is missing.
    static let unavailableReason: String? = {
        let files = FileManager.default
        if !files.isExecutableFile(atPath: wrapper) { return "\(wrapper) is missing (Debian package umockdev)" }
        if !files.isExecutableFile(atPath: kioskctl.path) { return "\(kioskctl.path) is not built" }
        let probe = run([python, "-c", "import gi; gi.require_version('UMockdev', '1.0'); from gi.repository import UMockdev"])
        if probe.status != 0 { return "python3 cannot load UMockdev through gi (Debian packages python3-gi, gir1.2-umockdev-1.0): \(probe.error)" }
        return nil
    }()

    static var shouldRun: Bool { unavailableReason == nil || required }

    struct Unavailable: Error, CustomStringConvertible { let description: String }

    /// What one run gave: kioskctl's JSON lines, the simulator's events, exit status.
    struct Run {
        var lines: [[String: String]]
        var events: [[String: Any]]
        var status: Int32
        var stdout: String
        var stderr: String

        func lines(_ event: String) -> [[String: String]] { lines.filter { $0["event"] == event } }
        func events(_ kind: String, device: String? = nil) -> [[String: Any]] {
            events.filter { $0["kind"] as? String == kind && (device == nil || $0["device"] as? String == device) }
        }
        /// The bytes of every OUT transfer of `device` on `endpoint`, in order.
        func outTransfers(_ device: String, endpoint: Int) -> [[UInt8]] {
            events("out", device: device).filter { $0["endpoint"] as? Int == endpoint }.map { hexBytes($0["data"] as? String ?? "") }
        }
    }

    /// Plugs in `devices` (scenario entries for usb_sim.py), runs kioskctl with `arguments`.
    static func run(devices: [[String: Any]], timeout: Double = 20, kioskctl arguments: [String]) throws -> Run {
        if let reason = unavailableReason { throw Unavailable(description: "KIOSK_REQUIRE_UMOCKDEV=1 but \(reason)") }
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("usb-sim-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let transcript = dir.appendingPathComponent("transcript.json")
        let scenario: [String: Any] = ["devices": devices, "transcript": transcript.path, "timeout_s": timeout]
        let scenarioFile = dir.appendingPathComponent("scenario.json")
        try JSONSerialization.data(withJSONObject: scenario).write(to: scenarioFile)
        let result = run([wrapper, python, simulator.path, scenarioFile.path, "--", kioskctl.path] + arguments)
        let lines = result.output.split(separator: "\n").compactMap { line -> [String: String]? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: String]
        }
        let events = ((try? JSONSerialization.jsonObject(with: Data(contentsOf: transcript))) as? [String: Any])?["events"] as? [[String: Any]] ?? []
        return Run(lines: lines, events: events, status: result.status, stdout: result.output, stderr: result.error)
    }

    private static func run(_ command: [String]) -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let out = Pipe()
        let errorFile = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("usb-sim-\(UUID().uuidString.prefix(8)).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        guard let err = try? FileHandle(forWritingTo: errorFile) else { return (-1, "", "cannot create \(errorFile.path)") }
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return (-1, "", "\(error)") }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? err.close()
        let error = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), error)
    }
}

/// "0a1b" → [0x0a, 0x1b].
func hexBytes(_ hex: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), index < hex.endIndex {
        bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
        index = next
    }
    return bytes
}

func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
