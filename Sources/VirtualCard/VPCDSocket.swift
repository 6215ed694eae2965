import Glibc

/// A TCP connection to vpcd carrying its frames: a 2-byte big-endian length, then the payload.
/// Blocking I/O; used by one thread, except ``shutdown()`` which may come from any thread.
struct VPCDSocket: Sendable {
    let descriptor: Int32

    /// Connects with `TCP_NODELAY` set (without it each APDU waits on Nagle and delayed ACK).
    static func connect(host: String, port: UInt16) throws(VirtualCardError) -> VPCDSocket {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .connectFailed(host: host, port: port, errno: errno) }
        var noDelay: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            Glibc.close(fd)
            throw .connectFailed(host: host, port: port, errno: EINVAL)
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw .connectFailed(host: host, port: port, errno: code)
        }
        return VPCDSocket(descriptor: fd)
    }

    /// The next frame's payload, or `nil` when vpcd closed the connection or it was shut down.
    func receive() -> [UInt8]? {
        guard let header = receiveExactly(2) else { return nil }
        let length = Int(header[0]) << 8 | Int(header[1])
        return receiveExactly(length)
    }

    /// Acknowledges received data at once. vpcd writes a frame's length and payload separately
    /// and Nagle holds the payload until the length is acknowledged, so a delayed ACK here would
    /// stall every APDU by about 40 ms. Linux clears the flag again, so it is set before each read.
    private func acknowledgeQuickly() {
        var on: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_QUICKACK, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Sends one frame; false if the connection is gone.
    @discardableResult
    func send(_ payload: [UInt8]) -> Bool {
        guard payload.count <= 0xFFFF else { return false }
        let frame = [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)] + payload
        var sent = 0
        while sent < frame.count {
            let count = frame[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Wakes a blocked ``receive()``; the owning thread then closes the descriptor.
    func shutdown() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    private func receiveExactly(_ count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            acknowledgeQuickly()
            let result = buffer[received...].withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { return nil }
            received += result
        }
        return buffer
    }
}
