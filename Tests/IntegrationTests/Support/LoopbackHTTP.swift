import AsyncHTTPClient
import Foundation
import NIOCore

/// Plain HTTP to a daemon's local API on loopback, for the tests that run kioskd for real.
enum LoopbackHTTP {
    /// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then closed).
    static func freePort() throws -> Int {
        var port = 0
        let bound = withLoopback(port: 0) { fd, address, _ in
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            guard bind(fd, address, length) == 0, getsockname(fd, address, &length) == 0 else { return false }
            port = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            return true
        }
        guard bound else { throw FixtureFailure("bind/getsockname on 127.0.0.1:0: errno \(errno)") }
        return port
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port` (AsyncHTTPClient would
    /// keep retrying a refused connection until its deadline).
    static func isListening(_ port: Int) -> Bool {
        withLoopback(port: port) { fd, address, length in connect(fd, address, length) == 0 }
    }

    private static func withLoopback(port: Int, _ body: (Int32, UnsafeMutablePointer<sockaddr>, socklen_t) -> Bool) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    /// The example config with the local API on `port` instead of 8080.
    static func exampleConfig(localAPIPort port: Int) throws -> String {
        try String(contentsOf: Binaries.exampleConfig, encoding: .utf8)
            .replacingOccurrences(of: "bind = \"127.0.0.1:8080\"", with: "bind = \"127.0.0.1:\(port)\"")
    }

    /// One request; the status and body (status 0 when nothing answered).
    static func send(_ method: String, port: Int, _ path: String, body: String? = nil, headers: [String: String] = [:]) async -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .RAW(value: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let data = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), String(buffer: data))
        } catch {
            return (0, "")
        }
    }

    /// The JSON object of a body.
    static func json(_ body: String) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
    }
}
