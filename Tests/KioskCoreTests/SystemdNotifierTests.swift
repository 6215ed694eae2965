import Foundation
import Testing
@testable import KioskCore

/// sd_notify messages reach a real datagram socket, by path and in the abstract namespace.
@Suite struct SystemdNotifierTests {
    func receiver(bindTo name: [UInt8]) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: name) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + name.count + (name.first == 0 ? 0 : 1))
        let result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        try #require(result == 0)
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    func receive(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
    }

    @Test func sendsToAPathSocket() throws {
        let path = "/tmp/hk-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
        let fd = try receiver(bindTo: Array(path.utf8))
        defer { close(fd); unlink(path) }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path])
        notifier.ready(status: "Running")
        #expect(receive(fd) == "READY=1\nSTATUS=Running")
        notifier.reloading()
        let reloading = receive(fd)
        #expect(reloading.hasPrefix("RELOADING=1\nMONOTONIC_USEC="))
        notifier.stopping()
        #expect(receive(fd) == "STOPPING=1\nSTATUS=Stopping")
    }

    @Test func sendsToAnAbstractSocket() throws {
        let name = "hk-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = try receiver(bindTo: [0] + Array(name.utf8))
        defer { close(fd) }
        SystemdNotifier(environment: ["NOTIFY_SOCKET": "@" + name]).watchdog()
        #expect(receive(fd) == "WATCHDOG=1")
    }

    @Test func silentWithoutNotifySocket() {
        #expect(SystemdNotifier(environment: [:]).notify([("READY", "1")]) == false)
    }

    @Test func watchdogIntervalIsHalfOfWatchdogUsec() {
        #expect(SystemdWatchdogService.pingInterval(environment: ["WATCHDOG_USEC": "30000000"]) == .seconds(15))
        #expect(SystemdWatchdogService.pingInterval(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"]) == nil)
        #expect(SystemdWatchdogService.pingInterval(environment: [:]) == nil)
    }
}
