import Foundation
import HealthID
import Store

/// What a check-in waits for to know who a resident is and whether their insurance card is
/// valid: the registry lookup by citizen ID number plus the insurance check, against
/// `bhxh-test-portal` on 127.0.0.1 (next to this executable, or in `$KIOSK_BIN_DIR`) and a real
/// SQLite file with `BHXH_BENCH_SIZE` synthetic residents (default 200,000). Target: an answer
/// within 1 s on every path, and never later than the 3 s time limit when the portal is slow.
enum BHXHLookupBenchmark {
    static let runs = 300

    static func run() async throws {
        let size = ProcessInfo.processInfo.environment["BHXH_BENCH_SIZE"].flatMap(Int.init) ?? 200_000
        let bin = ProcessInfo.processInfo.environment["KIOSK_BIN_DIR"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let server = bin.appendingPathComponent("bhxh-test-portal")
        guard FileManager.default.isExecutableFile(atPath: server.path) else {
            throw BenchError("\(server.path) is missing: build it with `swift build -c release --product bhxh-test-portal`")
        }
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("bhxh-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try KioskDatabase(stateDirectory: directory)
        var start = 0
        while start < size {
            let end = min(size, start + 5_000)
            _ = try await database.residents.upsert((start..<end).map(SyntheticResidents.resident))
            start = end
        }
        let sample = (0..<runs).map { $0 * (size / runs) }
        let residentsFile = (directory as NSString).appendingPathComponent("portal-residents.json")
        try JSONSerialization.data(withJSONObject: sample.map { portalRecord(SyntheticResidents.resident($0)) })
            .write(to: URL(fileURLWithPath: residentsFile))
        print("registry: \(size) residents; \(runs) lookups per path through HealthID.Lookup + InsuranceChecker")

        let portal = try UpstreamProcess(executable: server, arguments: ["--username", "bench", "--password", "bench", "--residents", residentsFile])
        defer { portal.stop() }
        let provider = try BHXHPortal(configuration: configuration(port: portal.port))
        defer { Task { await provider.shutdown() } }
        let asking = InsuranceChecker(provider: provider, database: database, cacheLifetime: .zero)
        let caching = InsuranceChecker(provider: provider, database: database, cacheLifetime: .seconds(3600))
        let lookup = Lookup(database: database)

        let cold = try await timed { try await check(sample[0], lookup: lookup, checker: asking, expect: .portal) }
        report("first check (login, new connection)", [cold])
        var index = 0
        report("registry + portal (token cached)", try await RegistryBenchmark.percentiles(runs) {
            index += 1
            try await check(sample[index % runs], lookup: lookup, checker: asking, expect: .portal)
        })
        report("registry + cached answer", try await RegistryBenchmark.percentiles(runs) {
            index += 1
            try await check(sample[index % runs], lookup: lookup, checker: caching, expect: .cache)
        })
        portal.stop()
        report("registry + portal down (stale answer)", try await RegistryBenchmark.percentiles(runs) {
            index += 1
            try await check(sample[index % runs], lookup: lookup, checker: asking, expect: .stale)
        })

        let slowPortal = try UpstreamProcess(executable: server, arguments: [
            "--username", "bench", "--password", "bench", "--residents", residentsFile, "--faults", "delay=10000,delay=10000,delay=10000",
        ])
        defer { slowPortal.stop() }
        let slowProvider = try BHXHPortal(configuration: configuration(port: slowPortal.port))
        defer { Task { await slowProvider.shutdown() } }
        let slow = InsuranceChecker(provider: slowProvider, database: database, cacheLifetime: .zero)
        var slowTimes: [Double] = []
        for run in 0..<3 {
            slowTimes.append(try await timed { try await check(sample[run], lookup: lookup, checker: slow, expect: .stale) })
        }
        let worst = slowTimes.max() ?? 0
        print(String(format: "portal answering after 10 s, limit 3 s (stale answer): max %.3f s over 3", worst)
            + " (target ≤ 3.1 s: \(worst <= 3.1 ? "met" : "MISSED"))")
    }

    private static func configuration(port: Int) -> BHXHConfiguration {
        BHXHConfiguration(portalURL: "http://127.0.0.1:\(port)",
                          credentials: BHXHCredentials(username: "bench", password: "bench", staffName: "Cán Bộ", staffIDNumber: "001085000123"))
    }

    private static func check(_ index: Int, lookup: Lookup, checker: InsuranceChecker, expect: InsuranceCheckSource) async throws {
        let synthetic = SyntheticResidents.resident(index)
        guard let resident = try await lookup.resident(idNumber: synthetic.idNumber), let card = resident.insuranceCode else {
            throw BenchError("resident \(index) missing from the registry")
        }
        let subject = InsuranceSubject(citizenID: try CitizenID(resident.idNumber), cardCode: try InsuranceCardCode(card),
                                       fullName: resident.fullName, dateOfBirth: try BirthDate(resident.dateOfBirth))
        let outcome = try await checker.check(subject)
        guard outcome.source == expect, outcome.status == .valid else {
            throw BenchError("resident \(index): expected a valid card from \(expect.rawValue), got \(outcome)")
        }
    }

    private static func portalRecord(_ resident: Resident) -> [String: Any] {
        let parts = resident.dateOfBirth.split(separator: "-")
        return ["maThe": resident.insuranceCode ?? "", "hoTen": resident.fullName, "ngaySinh": "\(parts[2])/\(parts[1])/\(parts[0])",
                "gtTheTu": "01/01/2026", "gtTheDen": "31/12/2026", "maDKBD": resident.registeredFacility ?? ""]
    }

    private static func timed(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private static func report(_ label: String, _ figures: (p50: Double, p99: Double, max: Double)) {
        print(String(format: "%@: p50 %.2f ms, p99 %.2f ms, max %.2f ms", label, figures.p50 * 1e3, figures.p99 * 1e3, figures.max * 1e3)
            + " (target < 1 s: \(figures.max < 1 ? "met" : "MISSED"))")
    }

    private static func report(_ label: String, _ times: [Double]) {
        report(label, (times[0], times[0], times[0]))
    }
}
