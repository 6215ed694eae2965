import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Time from exec of kioskd to its `READY=1` on the notify socket, and its resident memory once
/// ready, over several starts on the example config.
enum StartupBenchmark {
    static let runs = 20

    static func run() async throws {
        let bin = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = "/tmp/hk-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        var startTimes: [Double] = []
        var rss: [Int] = []
        for index in 0..<runs {
            let notifyPath = "\(dir)/notify-\(index).sock"
            let fd = bindDatagramSocket(notifyPath)
            defer { close(fd) }
            let process = Process()
            process.executableURL = bin.appendingPathComponent("kioskd")
            process.arguments = ["--config", repo.appendingPathComponent("config/kioskd.example.toml").path,
                                 "--state-dir", "\(dir)/state", "--socket", "\(dir)/control.sock"]
            process.environment = ["NOTIFY_SOCKET": notifyPath, "PATH": "/usr/bin:/bin"]
            process.standardError = FileHandle.nullDevice
            let started = ContinuousClock.now
            try process.run()
            guard waitForReady(fd, timeoutSeconds: 10) else {
                process.terminate()
                throw BenchError("kioskd did not report READY=1 within 10 s")
            }
            startTimes.append(Double((ContinuousClock.now - started).components.attoseconds) / 1e15
                              + Double((ContinuousClock.now - started).components.seconds) * 1000)
            rss.append(ProcessMemory.of("\(process.processIdentifier)").resident)
            process.interrupt()
            process.waitUntilExit()
        }
        startTimes.sort()
        rss.sort()
        print(String(format: "start to READY=1: median %.1f ms, p90 %.1f ms, min %.1f ms (%d starts)",
                     startTimes[runs / 2], startTimes[runs * 9 / 10], startTimes[0], runs))
        print("RSS when ready: median \(rss[runs / 2] / 1024) MiB (\(rss[runs / 2]) KiB), max \(rss.last! / 1024) MiB")
    }

    private static func bindDatagramSocket(_ path: String) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    private static func waitForReady(_ fd: Int32, timeoutSeconds: Int) -> Bool {
        let deadline = ContinuousClock.now + .seconds(timeoutSeconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0, String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\n").contains("READY=1") { return true }
        }
        return false
    }
}

/// A benchmark that could not run.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
