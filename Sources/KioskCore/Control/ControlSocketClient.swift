import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `kioskctl` end of the control socket: connect, send one request line, read one
/// response line. Blocking on purpose: it serves a short-lived command-line tool.
public struct ControlSocketClient: Sendable {
    public let path: String
    public let timeoutSeconds: Int

    public init(path: String, timeoutSeconds: Int = 10) {
        self.path = path
        self.timeoutSeconds = timeoutSeconds
    }

    /// Sends `request` and returns the daemon's response.
    public func send(_ request: ControlRequest) throws(ControlSocketError) -> ControlResponse {
        let fd = try connect()
        defer { close(fd) }
        var payload: Data
        do { payload = try ControlCoding.encoder().encode(request) } catch {
            throw ControlSocketError(code: "control.encode", detail: "cannot encode the request: \(error)")
        }
        payload.append(UInt8(ascii: "\n"))
        let written = payload.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == payload.count else {
            throw ControlSocketError(code: "control.io", detail: "writing to \(path) failed: \(String(cString: strerror(errno)))")
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 {
                let reason = errno == EAGAIN || errno == EWOULDBLOCK ? "no answer within \(timeoutSeconds) s" : String(cString: strerror(errno))
                throw ControlSocketError(code: "control.io", detail: "reading from \(path) failed: \(reason)")
            }
            if count == 0 { break }
            received += buffer[0..<count]
            if received.last == UInt8(ascii: "\n") { break }
        }
        do {
            return try ControlCoding.decoder().decode(ControlResponse.self, from: Data(received))
        } catch {
            throw ControlSocketError(code: "control.protocol", detail: "the daemon's answer on \(path) is not a valid response (\(received.count) bytes)")
        }
    }

    /// What is at a socket path, judged by trying to connect.
    enum Probe { case answering, stale, notASocketOrUnreachable }

    static func probe(path: String) -> Probe {
        do {
            let fd = try ControlSocketClient(path: path, timeoutSeconds: 1).connect()
            close(fd)
            return .answering
        } catch {
            return error.code == "control.notRunning" ? .stale : .notASocketOrUnreachable
        }
    }

    private func connect() throws(ControlSocketError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw ControlSocketError(code: "control.path", detail: "socket path \(path) is longer than 107 bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw ControlSocketError(code: "control.io", detail: "socket() failed: \(String(cString: strerror(errno)))")
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            switch code {
            case ENOENT:
                throw ControlSocketError(code: "control.notRunning", detail: "kioskd is not running (no control socket at \(path))")
            case ECONNREFUSED:
                throw ControlSocketError(code: "control.notRunning", detail: "kioskd is not running (nobody answers on \(path))")
            case EACCES, EPERM:
                throw ControlSocketError(code: "control.permission",
                                         detail: "permission denied on \(path): run as root or as a member of the socket's group (kiosk)")
            default:
                throw ControlSocketError(code: "control.io", detail: "cannot connect to \(path): \(String(cString: strerror(code)))")
            }
        }
        return fd
    }
}
