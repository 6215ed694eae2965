import Foundation
import Testing

// Checks systemd/kioskd.service and its companions with the real systemd tools (systemd-analyze,
// systemd-sysusers, systemd-tmpfiles) through scripts/check-units.sh, and the unit's required settings.

private enum UnitFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let unit = root.appendingPathComponent("systemd/kioskd.service")
    static let checkScript = root.appendingPathComponent("scripts/check-units.sh")
    static let maxExposure = 2.0

    /// Runs a command to completion; stdout and stderr together.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func systemdAnalyze() -> String? {
        ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// "→ Overall exposure level for kioskd.service: 1.3 OK" → 1.3
    static func exposure(in output: String) -> Double? {
        for line in output.components(separatedBy: "\n") where line.contains("Overall exposure level for") {
            guard let colon = line.lastIndex(of: ":") else { continue }
            let number = line[line.index(after: colon)...].drop { $0 == " " }.prefix { $0.isNumber || $0 == "." }
            return Double(number)
        }
        return nil
    }

    struct Setting {
        var section: String
        var key: String
        var value: String
        var comment: [String]
        var line: Int
    }

    /// The unit as (section, key, value) in file order, each with the comment lines right above it.
    static func settings() throws -> (settings: [Setting], headings: [String]) {
        let text = try String(contentsOf: unit, encoding: .utf8)
        var section = ""
        var comment: [String] = []
        var settings: [Setting] = []
        var headings: [String] = []
        for (index, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { comment = []; continue }
            if line.hasPrefix("#") || line.hasPrefix(";") {
                if line.hasPrefix("# --- ") { headings.append(line) }
                comment.append(line)
                continue
            }
            if line.hasPrefix("[") { section = line; comment = []; continue }
            guard let eq = line.firstIndex(of: "=") else { continue }
            settings.append(Setting(section: section, key: String(line[..<eq]), value: String(line[line.index(after: eq)...]),
                                    comment: comment, line: index + 1))
            comment = []
        }
        return (settings, headings)
    }
}

@Suite("systemd unit files", .serialized)
struct UnitFilesTests {
    @Test("scripts/check-units.sh passes (verify clean, exposure <= 2.0, sysusers, tmpfiles, polkit)")
    func checkUnitsScriptPasses() throws {
        let result = try UnitFiles.run("/bin/bash", [UnitFiles.checkScript.path])
        #expect(result.status == 0, "scripts/check-units.sh failed:\n\(result.output)")
        let line = result.output.components(separatedBy: "\n").first { $0.hasPrefix("exposure: ") }
        let score = line.flatMap { Double($0.dropFirst("exposure: ".count).prefix { $0.isNumber || $0 == "." }) }
        #expect(score != nil, "no exposure line in the script output:\n\(result.output)")
        if let score { #expect(score <= UnitFiles.maxExposure, "exposure \(score) is above \(UnitFiles.maxExposure)") }
    }

    @Test("systemd-analyze verify reports nothing but the not-yet-installed binary")
    func verifyIsClean() throws {
        let analyze = try #require(UnitFiles.systemdAnalyze(), "systemd-analyze is not installed (package systemd)")
        let result = try UnitFiles.run(analyze, ["verify", UnitFiles.unit.path])
        let binaryInstalled = FileManager.default.isExecutableFile(atPath: "/usr/bin/kioskd")
        let tolerated = "kioskd.service: Command /usr/bin/kioskd is not executable: No such file or directory"
        let unexpected = result.output.components(separatedBy: "\n")
            .filter { !$0.isEmpty && (binaryInstalled || $0 != tolerated) }
        #expect(unexpected.isEmpty, "systemd-analyze verify:\n\(unexpected.joined(separator: "\n"))")
        if binaryInstalled { #expect(result.status == 0) }
    }

    @Test("systemd-analyze security --offline=yes scores at most 2.0")
    func exposureIsAtMostTwo() throws {
        let analyze = try #require(UnitFiles.systemdAnalyze(), "systemd-analyze is not installed (package systemd)")
        let result = try UnitFiles.run(analyze, ["security", "--offline=yes", "--no-pager", "--threshold=20", UnitFiles.unit.path])
        let score = try #require(UnitFiles.exposure(in: result.output), "no exposure score in:\n\(result.output)")
        #expect(score <= UnitFiles.maxExposure, "exposure \(score) > \(UnitFiles.maxExposure):\n\(result.output)")
        #expect(result.status == 0, "systemd-analyze security --threshold=20 failed:\n\(result.output)")
    }

    @Test("the unit has the settings the daemon relies on")
    func requiredSettings() throws {
        let (settings, _) = try UnitFiles.settings()
        func values(_ section: String, _ key: String) -> [String] {
            settings.filter { $0.section == "[\(section)]" && $0.key == key }.map(\.value)
        }
        let required: [(String, String, String)] = [
            ("Unit", "Wants", "pcscd.socket"), ("Unit", "After", "pcscd.socket"),
            ("Unit", "Wants", "network-online.target"), ("Unit", "After", "network-online.target"),
            ("Service", "Type", "notify"), ("Service", "NotifyAccess", "main"),
            ("Service", "ExecStart", "/usr/bin/kioskd --config /etc/health-kiosk/kioskd.toml"),
            ("Service", "ExecReload", "/bin/kill -HUP $MAINPID"),
            ("Service", "WatchdogSec", "30"), ("Service", "Restart", "on-failure"),
            ("Service", "RestartPreventExitStatus", "78"),
            ("Service", "User", "kiosk"), ("Service", "Group", "kiosk"),
            ("Service", "StateDirectory", "health-kiosk"), ("Service", "StateDirectoryMode", "0700"),
            ("Service", "RuntimeDirectory", "health-kiosk"), ("Service", "RuntimeDirectoryMode", "0750"),
            ("Service", "ConfigurationDirectory", "health-kiosk"),
            ("Service", "PrivateDevices", "no"), ("Service", "DevicePolicy", "closed"),
            ("Service", "DeviceAllow", "char-usb_device rw"),
            ("Service", "RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6 AF_NETLINK"),
            ("Service", "ProtectSystem", "strict"), ("Service", "NoNewPrivileges", "yes"),
            ("Service", "CapabilityBoundingSet", ""),
            ("Install", "WantedBy", "multi-user.target"),
        ]
        for (section, key, value) in required {
            #expect(values(section, key).contains(value), "[\(section)] \(key)=\(value) is missing; found \(values(section, key))")
        }
        let filters = values("Service", "SystemCallFilter")
        #expect(filters.first == "@system-service", "the first SystemCallFilter= must be @system-service, found \(filters)")
    }

    @Test("settings are grouped under the man-page headings, and every loosened or filtered setting says why")
    func headingsAndReasons() throws {
        let (settings, headings) = try UnitFiles.settings()
        let expectedOrder = [
            "systemd.service(5)", "systemd.exec(5): PATHS", "systemd.exec(5): USER/GROUP IDENTITY",
            "systemd.exec(5): CAPABILITIES", "systemd.exec(5): SECURITY", "systemd.exec(5): PROCESS PROPERTIES",
            "systemd.exec(5): SANDBOXING", "systemd.exec(5): SYSTEM CALL FILTERING", "systemd.resource-control(5)",
        ]
        let found = expectedOrder.compactMap { name in headings.firstIndex { $0.contains(name) } }
        #expect(found.count == expectedOrder.count, "missing headings; found \(headings)")
        #expect(found == found.sorted(), "headings out of man-page order: \(headings)")

        let needReason: Set<String> = [
            "PrivateDevices", "PrivateNetwork", "RestrictAddressFamilies", "SystemCallFilter", "SystemCallErrorNumber",
            "DeviceAllow", "UMask", "MemoryDenyWriteExecute", "User",
        ]
        for setting in settings where needReason.contains(setting.key) {
            #expect(!setting.comment.isEmpty, "kioskd.service:\(setting.line): \(setting.key)=\(setting.value) needs a comment giving the reason")
        }
    }
}
