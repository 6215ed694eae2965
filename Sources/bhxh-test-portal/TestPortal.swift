import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOHTTP1
import NIOPosix

/// bhxh-test-portal: a loopback stand-in for the BHXH card-check portal, for the tests, the
/// benchmark and the demo. It issues tokens for one account, answers card checks from scripted
/// residents (a JSON list of portal answers, each with the `maThe`, and optionally `maSoBHXH`
/// and `cccd`, it is found by; a scripted `maKetQua` is answered as is, otherwise the name and
/// date of birth sent decide 000, 060 or 070, and an unknown identifier gets 050), and fails on a
/// schedule (see `PortalFault`).
///
///     bhxh-test-portal [--port N] [--username U] [--password P] [--staff-id N]
///                      [--token-seconds S] [--residents FILE] [--faults LIST] [--exit-with-stdin]
///
/// Prints `listening on 127.0.0.1:PORT` once it accepts connections (port 0 picks a free one).
@main
enum TestPortal {
    static func main() throws {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigprocmask(SIG_SETMASK, &signals, nil)
        var port = 0, username = "kiosk", password = "kiosk-password", staffID: String?, tokenSeconds = 3600.0
        var residents: [[String: Any]] = []
        var faults: [PortalFault] = []
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            switch argument {
            case "--port":
                guard let value = arguments.next().flatMap({ Int($0) }) else { fail("--port needs a number") }
                port = value
            case "--username": username = value(arguments.next(), for: argument)
            case "--password": password = value(arguments.next(), for: argument)
            case "--staff-id": staffID = value(arguments.next(), for: argument)
            case "--token-seconds":
                guard let value = arguments.next().flatMap({ Double($0) }) else { fail("--token-seconds needs a number") }
                tokenSeconds = value
            case "--residents":
                let file = value(arguments.next(), for: argument)
                guard let data = FileManager.default.contents(atPath: file),
                      let list = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] else {
                    fail("--residents: \(file) is not a JSON list of objects")
                }
                residents = list
            case "--faults":
                let list = (arguments.next() ?? "").split(separator: ",").map(String.init)
                faults = list.compactMap(PortalFault.init)
                if faults.count != list.count { fail("--faults: unknown fault in \(list)") }
            case "--exit-with-stdin":
                Thread {
                    while !FileHandle.standardInput.availableData.isEmpty {}
                    exit(0)
                }.start()
            default:
                fail("usage: bhxh-test-portal [--port N] [--username U] [--password P] [--staff-id N] [--token-seconds S] "
                     + "[--residents FILE] [--faults LIST] [--exit-with-stdin]")
            }
        }
        let state = PortalState(username: username, password: password, staffID: staffID, tokenLifetime: tokenSeconds,
                                residents: residents, faults: faults)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(PortalHandler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: port).wait()
        FileHandle.standardOutput.write(Data("listening on 127.0.0.1:\(channel.localAddress?.port ?? port)\n".utf8))
        try channel.closeFuture.wait()
    }

    static func value(_ text: String?, for option: String) -> String {
        guard let text else { fail("\(option) needs a value") }
        return text
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(64)
    }
}
