#if canImport(Glibc)
import Glibc
#endif
import Foundation
public import USBDevices

/// A ``USBTransport`` to a simulated device served by a ``PeripheralSocketServer`` in another
/// process, so that the kiosk side can be killed and started again while the device lives on.
/// Reads wait for IN data up to their timeout, polling the socket without blocking a thread.
public final class SocketUSBTransport: USBTransport, @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private var inbound: [UInt8: [[UInt8]]] = [:]

    /// Connects to the server's socket at `path`.
    public init(path: String) throws(USBError) {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .disconnected(call: "socket for \(path)") }
        guard var address = try? PeripheralSocket.address(path) else { throw .invalidRequest("socket path \(path) is too long") }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw .disconnected(call: "connect \(path)")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    deinit { close(fd) }

    public func read(_ endpoint: USBEndpoint, maxLength: Int, timeout: Duration?) async throws(USBError) -> [UInt8] {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        while true {
            if let chunk = try next(for: endpoint.address, maxLength: maxLength) { return chunk }
            if let deadline, clock.now >= deadline { throw .timeout(call: "read \(endpoint)") }
            do { try await Task.sleep(for: .milliseconds(1)) } catch { throw .cancelled(call: "read \(endpoint)") }
        }
    }

    public func write(_ bytes: [UInt8], to endpoint: USBEndpoint, timeout: Duration?) async throws(USBError) {
        let frame = PeripheralSocket.frame(endpoint.address, bytes)
        var offset = 0
        while offset < frame.count {
            let n = frame[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n > 0 { offset += n; continue }
            if n < 0, errno == EAGAIN || errno == EINTR {
                do { try await Task.sleep(for: .milliseconds(1)) } catch { throw .cancelled(call: "write \(endpoint)") }
                continue
            }
            throw .disconnected(call: "write \(endpoint)")
        }
    }

    public func control(_ setup: USBControlSetup, data: [UInt8], length: Int, timeout: Duration?) async throws(USBError) -> [UInt8] {
        []
    }

    /// Drains the socket into per-endpoint queues, then takes up to `maxLength` bytes for `address`.
    private func next(for address: UInt8, maxLength: Int) throws(USBError) -> [UInt8]? {
        var closed = false
        let chunk: [UInt8]? = lock.withLock {
            var scratch = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = scratch.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n > 0 { buffer += scratch[0..<n]; continue }
                if n == 0 { closed = true }
                break
            }
            for transfer in PeripheralSocket.take(&buffer) { inbound[transfer.endpoint, default: []].append(transfer.bytes) }
            guard var queue = inbound[address], !queue.isEmpty else { return nil }
            var first = queue.removeFirst()
            if first.count > maxLength {
                queue.insert(Array(first[maxLength...]), at: 0)
                first = Array(first[..<maxLength])
            }
            inbound[address] = queue
            return first
        }
        if chunk == nil, closed { throw .disconnected(call: "read from the simulated device socket") }
        return chunk
    }
}
