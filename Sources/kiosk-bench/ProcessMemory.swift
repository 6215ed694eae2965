import Foundation

/// Resident memory of a process, from `/proc/PID/status`, in KiB: all of it (`VmRSS`) and its
/// anonymous part (`RssAnon`: heap and stacks). The rest is mapped files, mostly code and
/// read-only data of the executable and the Swift libraries, shared with other processes.
struct ProcessMemory: Sendable {
    var resident = 0
    var anonymous = 0

    /// The figures of `pid` ("self" for this process); zeros when it is gone.
    static func of(_ pid: String = "self") -> ProcessMemory {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return ProcessMemory() }
        func field(_ name: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        return ProcessMemory(resident: field("VmRSS"), anonymous: field("RssAnon"))
    }

    /// The larger of each figure.
    func max(_ other: ProcessMemory) -> ProcessMemory {
        ProcessMemory(resident: Swift.max(resident, other.resident), anonymous: Swift.max(anonymous, other.anonymous))
    }

    /// "N MiB (anonymous M MiB)".
    var text: String { "\(resident / 1024) MiB (anonymous \(anonymous / 1024) MiB)" }
}

/// Peak resident memory of a process, sampled every 50 ms until cancelled.
actor RSSSampler {
    private let pid: String
    private(set) var peak = ProcessMemory()

    init(pid: String = "self") {
        self.pid = pid
    }

    func sample() async {
        while !Task.isCancelled {
            peak = peak.max(ProcessMemory.of(pid))
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
