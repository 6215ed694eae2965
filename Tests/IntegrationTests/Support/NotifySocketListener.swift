import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Unix datagram socket bound where `NOTIFY_SOCKET` points, collecting what a daemon tells
/// systemd — the same socket type systemd itself listens on.
final class NotifySocketListener: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private let lock = NSLock()
    private var received: [String] = []

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, result == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        // Read continuously, as systemd does: a full receive queue (10 datagrams by default)
        // would block the daemon's next notification until the test next looks.
        Thread { [weak self] in
            while let listener = self, !listener.isClosed {
                listener.drain()
                usleep(5_000)
            }
        }.start()
    }

    private var closed = false
    private var isClosed: Bool { lock.withLock { closed } }

    deinit {
        lock.withLock { closed = true }
        close(fd)
        unlink(path)
    }

    /// Messages received so far (each one datagram, `KEY=value` lines).
    var messages: [String] {
        drain()
        return lock.withLock { received }
    }

    /// Waits until a message containing `line` arrives; returns it, or nil after `timeout`. The
    /// default is generous: on a loaded machine starting a debug kioskd alone can take seconds,
    /// and the wait ends as soon as the message arrives.
    func waitFor(_ line: String, after skip: Int = 0, timeout: Duration = .seconds(30)) async -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let all = messages
            if let match = all.dropFirst(skip).first(where: { $0.split(separator: "\n").contains(Substring(line)) }) { return match }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            guard count > 0 else { return }
            let text = String(decoding: buffer[0..<count], as: UTF8.self)
            lock.withLock { received.append(text) }
        }
    }
}
