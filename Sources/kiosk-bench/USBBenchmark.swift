import DeviceSim
import Foundation
import USBDevices

/// USB peripherals: scan-to-event latency and ticket print (bytes, transfers, time) through the
/// real libusb path under umockdev (kioskctl against scripts/usb-sim), and the CPU use of an
/// idle device manager with no device attached, outside umockdev (target ~0 %: no polling loop).
enum USBBenchmark {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binaries = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()

    static func run() async throws {
        try await idleCPU()
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/umockdev-wrapper") {
            try scanLatency()
            try ticketPrint()
        } else {
            print("umockdev-wrapper not installed: scan and print figures skipped (make setup installs it)")
        }
    }

    /// CPU seconds of this process (user + system).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func idleCPU() async throws {
        let manager = DeviceManager()
        let task = Task { try await manager.run { _ in } }
        try await Task.sleep(for: .seconds(1))  // start-up and enumeration done
        let cpu0 = cpuSeconds(), wall0 = ContinuousClock.now
        try await Task.sleep(for: .seconds(10))
        let cpu = cpuSeconds() - cpu0
        let wall = ContinuousClock.now - wall0
        task.cancel()
        _ = await task.result
        let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        print(String(format: "idle device manager (no device, outside umockdev): %.3f %% CPU over %.0f s (%.1f ms CPU; target ~0 %%: %@)",
                     100 * cpu / seconds, seconds, cpu * 1e3, cpu / seconds < 0.001 ? "met" : "MISSED"))
    }

    /// Runs kioskctl under umockdev with `devices`; returns its JSON lines and the simulator's events.
    static func simulate(_ devices: [[String: Any]], _ arguments: [String]) throws -> (lines: [[String: String]], events: [[String: Any]]) {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("usb-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let transcript = dir.appendingPathComponent("transcript.json")
        let scenario = dir.appendingPathComponent("scenario.json")
        try JSONSerialization.data(withJSONObject: ["devices": devices, "transcript": transcript.path, "timeout_s": 60]).write(to: scenario)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/umockdev-wrapper")
        process.arguments = ["/usr/bin/python3", root.appendingPathComponent("scripts/usb-sim/usb_sim.py").path, scenario.path, "--",
                             binaries.appendingPathComponent("kioskctl").path] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: String]
        }
        let events = ((try? JSONSerialization.jsonObject(with: Data(contentsOf: transcript))) as? [String: Any])?["events"] as? [[String: Any]] ?? []
        return (lines, events)
    }

    static func scanLatency() throws {
        let count = 30
        let actions: [[String: Any]] = (0..<count).map { i in
            ["at_ms": 300 + i * 100, "after": "claim", "do": "push", "endpoint": 0x81,
             "reports": SimulatedScanner.hidPOSReports(Array("BENCH-\(i)".utf8)).map { $0.map { String(format: "%02x", $0) }.joined() }]
        }
        let (lines, events) = try simulate([["kind": "scanner-hidpos", "name": "scanner", "actions": actions]],
                                           ["devices", "--watch", "\(Double(count) * 0.1 + 1.5)", "--json"])
        let pushed = events.filter { $0["kind"] as? String == "in" }.compactMap { $0["t"] as? Double }
        let received = lines.filter { $0["event"] == "scan" }.compactMap { $0["t"].flatMap(Double.init) }
        guard received.count == pushed.count, !received.isEmpty else {
            print("scan-to-event: \(received.count) of \(pushed.count) scans arrived; no figure")
            return
        }
        let latencies = zip(received, pushed).map { ($0 - $1) * 1e3 }.sorted()
        print(String(format: "scan-to-event (HID-POS, libusb under umockdev, %d scans): median %.2f ms, max %.2f ms",
                     latencies.count, latencies[latencies.count / 2], latencies.last ?? 0))
    }

    static func ticketPrint() throws {
        let (lines, events) = try simulate([["kind": "printer", "name": "printer"]],
                                           ["devices", "--watch", "1.5", "--json", "--print-test"])
        guard let printed = lines.first(where: { $0["event"] == "printed" }) else {
            print("ticket print: no ticket printed; no figure")
            return
        }
        let out = events.filter { $0["kind"] as? String == "out" }
        print(String(format: "ticket print (libusb under umockdev): %@ bytes in %@ bulk transfers after 3 status requests, %.2f ms including DLE EOT 1/2/4 (%d OUT transfers in all)",
                     printed["bytes"] ?? "?", printed["transfers"] ?? "?", (Double(printed["seconds"] ?? "") ?? 0) * 1e3, out.count))
    }
}
