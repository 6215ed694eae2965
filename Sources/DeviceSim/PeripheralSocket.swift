#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The wire format between ``PeripheralSocketServer`` and ``SocketUSBTransport``: each transfer
/// is its endpoint address (1 byte), its length (4 bytes, big-endian) and its bytes.
enum PeripheralSocket {
    static func frame(_ endpoint: UInt8, _ bytes: [UInt8]) -> [UInt8] {
        let n = UInt32(bytes.count)
        return [endpoint, UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + bytes
    }

    /// Splits complete transfers off the front of `buffer`.
    static func take(_ buffer: inout [UInt8]) -> [(endpoint: UInt8, bytes: [UInt8])] {
        var out: [(UInt8, [UInt8])] = []
        while buffer.count >= 5 {
            let n = Int(buffer[1]) << 24 | Int(buffer[2]) << 16 | Int(buffer[3]) << 8 | Int(buffer[4])
            guard buffer.count >= 5 + n else { break }
            out.append((buffer[0], Array(buffer[5..<5 + n])))
            buffer.removeFirst(5 + n)
        }
        return out
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }

    static func address(_ path: String) throws -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw POSIXError(.ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in bytes.enumerated() { raw[i] = byte }
            raw[bytes.count] = 0
        }
        return address
    }
}

/// Serves a ``SimulatedPeripheral`` on a Unix socket to a ``SocketUSBTransport`` in another
/// process, one connection at a time. The peripheral outlives its connections: a kiosk process
/// killed mid-transfer and started again finds the same device, in the state it was left in.
public final class PeripheralSocketServer<Peripheral: SimulatedPeripheral>: @unchecked Sendable {
    /// The socket's path.
    public let path: String
    private let lock = NSLock()
    private var current: Peripheral
    private let listener: Int32
    private var stopped = false

    /// Listens on `path` (replacing a stale socket file) and serves `peripheral` on a thread.
    public init(path: String, peripheral: Peripheral) throws {
        self.path = path
        current = peripheral
        unlink(path)
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var address = try PeripheralSocket.address(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(listener, 4) == 0 else {
            close(listener)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// The peripheral as it is now.
    public var peripheral: Peripheral { lock.withLock { current } }

    /// Stops accepting and removes the socket file.
    public func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        unlink(path)
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            if lock.withLock({ stopped }) { close(connection); return }
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { break }
                pending += chunk[0..<n]
                for transfer in PeripheralSocket.take(&pending) {
                    let answers = lock.withLock { current.received(transfer.bytes, on: transfer.endpoint) }
                    for answer in answers where !PeripheralSocket.writeAll(connection, PeripheralSocket.frame(answer.endpoint, answer.bytes)) {
                        break
                    }
                }
            }
            close(connection)
        }
    }
}
