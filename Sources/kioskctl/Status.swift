import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl status`: version, uptime, config and the state of every service.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the daemon's version, uptime, config and services.")

    @OptionGroup var connection: DaemonConnection

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        guard let status = try connection.request("status").status else {
            FileHandle.standardError.write(Data("kioskctl: the daemon's answer has no status\n".utf8))
            throw ExitCode.failure
        }
        if json {
            print(try ControlJSON.pretty(status))
        } else {
            print(StatusText.render(status))
        }
    }
}

/// Human-readable form of a status report.
enum StatusText {
    static func render(_ status: DaemonStatusReport) -> String {
        var lines = [
            "kioskd \(status.version) (pid \(status.pid)), up \(duration(status.uptimeSeconds))",
            "station \(status.facilityCode), kiosk \(status.kioskID)",
            "config  \(status.configPath) (reloaded \(status.configReloads)×)",
        ]
        if let error = status.lastReloadError { lines.append("last rejected reload: \(error)") }
        lines.append("services:")
        let width = status.services.map(\.name.count).max() ?? 0
        for service in status.services {
            let name = service.name.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(name)  \(service.state)\(service.detail.map { "  (\($0))" } ?? "")")
        }
        return lines.joined(separator: "\n")
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds)
        let (days, hours, minutes, secs) = (total / 86400, total / 3600 % 24, total / 60 % 60, total % 60)
        if days > 0 { return "\(days)d \(hours)h \(minutes)m" }
        if hours > 0 { return "\(hours)h \(minutes)m \(secs)s" }
        return minutes > 0 ? "\(minutes)m \(secs)s" : "\(secs)s"
    }
}
