import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sends service state to systemd over `$NOTIFY_SOCKET` (the sd_notify protocol: one datagram
/// of `KEY=value` lines to a Unix datagram socket, `@` meaning the abstract namespace).
///
/// Written here rather than linking libsystemd: the protocol is one `sendto`, and the daemon
/// then runs unchanged where libsystemd is absent. Does nothing when `NOTIFY_SOCKET` is unset.
public struct SystemdNotifier: Sendable {
    /// The socket path, or nil when the daemon does not run under systemd.
    public let socketPath: String?

    public init(environment: [String: String]? = nil) {
        socketPath = (environment ?? ProcessInfo.processInfo.environment)["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Sends `fields` as one message; returns false when it could not be delivered.
    @discardableResult
    public func notify(_ fields: [(String, String)]) -> Bool {
        guard let socketPath else { return false }
        let message = fields.map { "\($0.0)=\($0.1)" }.joined(separator: "\n")
        return Self.send(message, to: socketPath)
    }

    public func ready(status: String) { notify([("READY", "1"), ("STATUS", status)]) }
    public func status(_ text: String) { notify([("STATUS", text)]) }
    public func watchdog() { notify([("WATCHDOG", "1")]) }
    public func stopping() { notify([("STOPPING", "1"), ("STATUS", "Stopping")]) }
    public func reloading() {
        notify([("RELOADING", "1"), ("MONOTONIC_USEC", String(Self.monotonicMicroseconds())), ("STATUS", "Reloading configuration")])
    }

    private static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    private static func send(_ message: String, to path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(path.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        let sent = message.utf8CString.withUnsafeBufferPointer { buffer in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    sendto(fd, buffer.baseAddress, buffer.count - 1, Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        }
        return sent >= 0
    }
}
