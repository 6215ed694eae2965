import Foundation
import HealthID
import KioskBase
import Store

/// The resident registry at the size of a district: import of 190,000 rows from CSV (target
/// < 5 s), the registry filled to `REGISTRY_BENCH_SIZE` residents (default 1,000,000), then
/// lookups by ID number (target p99 < 1 ms) and by name + date of birth (target p99 < 20 ms)
/// through `HealthID.Lookup`, and the database's size. Synthetic residents only.
enum RegistryBenchmark {
    static let importRows = 190_000
    static let batch = 5_000

    static func run() async throws {
        let size = ProcessInfo.processInfo.environment["REGISTRY_BENCH_SIZE"].flatMap(Int.init) ?? 1_000_000
        let imported = min(importRows, size)
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("registry-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try KioskDatabase(stateDirectory: directory)

        let csv = (directory as NSString).appendingPathComponent("residents.csv")
        try SyntheticResidents.writeCSV(to: csv, count: imported)
        let importTime = try await seconds {
            _ = try await RegistryImporter(database: database).importFile(atPath: csv, format: .csv)
        }
        print(String(format: "import of %d CSV rows: %.2f s (%.0f rows/s)", imported, importTime, Double(imported) / importTime)
            + " (target < 5 s: \(importTime < 5 ? "met" : "MISSED"))")

        let fillTime = try await seconds {
            var start = imported
            while start < size {
                let end = min(size, start + batch)
                _ = try await database.residents.upsert((start..<end).map(SyntheticResidents.resident))
                start = end
            }
        }
        let count = try await database.residents.count()
        print(String(format: "registry filled to %d residents (%.1f s for the last %d)", count, fillTime, size - imported))

        let lookup = Lookup(database: database)
        var generator = SplitMix64(seed: 42)
        let byID = try await percentiles(10_000) {
            let resident = SyntheticResidents.resident(Int(generator.next() % UInt64(size)))
            guard try await lookup.resident(idNumber: resident.idNumber) != nil else { throw BenchmarkMiss() }
        }
        print(String(format: "lookup by ID: p50 %.3f ms, p99 %.3f ms", byID.p50 * 1e3, byID.p99 * 1e3)
            + " (target p99 < 1 ms: \(byID.p99 < 0.001 ? "met" : "MISSED"))")
        let byName = try await percentiles(2_000) {
            let resident = SyntheticResidents.resident(Int(generator.next() % UInt64(size)))
            let plain = ResidentName.fold(resident.fullName)
            guard try await !lookup.residents(name: plain, dateOfBirth: resident.dateOfBirth).isEmpty else { throw BenchmarkMiss() }
        }
        print(String(format: "lookup by name + date of birth: p50 %.3f ms, p99 %.3f ms", byName.p50 * 1e3, byName.p99 * 1e3)
            + " (target p99 < 20 ms: \(byName.p99 < 0.020 ? "met" : "MISSED"))")

        try database.close()
        let bytes = ["", "-wal", "-shm"].reduce(Int64(0)) { total, suffix in
            let attributes = try? FileManager.default.attributesOfItem(atPath: database.path + suffix)
            return total + ((attributes?[.size] as? NSNumber)?.int64Value ?? 0)
        }
        print(String(format: "database size: %.1f MB for %d residents (%.0f bytes each)",
                     Double(bytes) / 1e6, count, Double(bytes) / Double(max(1, count))))
    }

    private static func seconds(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        return (ContinuousClock.now - start).seconds
    }

    static func percentiles(_ runs: Int, _ body: () async throws -> Void) async throws -> (p50: Double, p99: Double, max: Double) {
        var times: [Double] = []
        times.reserveCapacity(runs)
        for _ in 0..<runs {
            let start = ContinuousClock.now
            try await body()
            times.append((ContinuousClock.now - start).seconds)
        }
        times.sort()
        return (times[runs / 2], times[min(runs - 1, runs * 99 / 100)], times[runs - 1])
    }
}

/// A synthetic resident the benchmark expected to find was missing.
private struct BenchmarkMiss: Error {}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// Deterministic synthetic residents: resident `i` is always the same, with a valid citizen ID
/// number (unique for i < 1,000,000), a Vietnamese name with diacritics and an insurance card code.
enum SyntheticResidents {
    static let provinces = ["001", "031", "038", "040", "045", "048", "079", "092", "096"]
    static let surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
    static let middles = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Quốc", "Thu", "Kim", "Xuân", "Hoài"]
    static let givens = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương",
                         "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Phong", "Phúc", "Quân",
                         "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến", "Đức"]
    static let updatedAt = Date(timeIntervalSince1970: 1_793_520_000)

    static func resident(_ index: Int) -> Resident {
        var random = SplitMix64(seed: UInt64(index))
        func pick(_ list: [String]) -> String { list[Int(random.next() % UInt64(list.count))] }
        let year = 1930 + Int(random.next() % 91)
        let month = 1 + Int(random.next() % 12), day = 1 + Int(random.next() % 28)
        let female = random.next() % 2 == 1
        let province = pick(provinces)
        let century = (year / 100 - 19) * 2 + (female ? 1 : 0)
        let id = province + String(century) + two(year % 100) + six(index % 1_000_000)
        let name = "\(pick(surnames)) \(pick(middles)) \(pick(givens))"
        let card = "DN4" + String(province.suffix(2)) + pad(index, 10)
        return Resident(idNumber: id, fullName: name, dateOfBirth: "\(year)-\(two(month))-\(two(day))",
                        sex: female ? .female : .male, address: "Thôn \(index % 40), xã Hòa Bình",
                        householdID: "HK-\(index / 4)", insuranceCode: card, registeredFacility: String(province.suffix(2)) + "001",
                        updatedAt: updatedAt)
    }

    static func writeCSV(to path: String, count: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var text = "id_number,full_name,date_of_birth,sex,address,household_id,insurance_code,registered_facility,updated_at\n"
        for index in 0..<count {
            let r = resident(index)
            text += "\(r.idNumber),\(r.fullName),\(r.dateOfBirth),\(r.sex.rawValue),\"\(r.address ?? "")\","
                + "\(r.householdID ?? ""),\(r.insuranceCode ?? ""),\(r.registeredFacility ?? ""),2026-11-01T08:00:00Z\n"
            if text.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(text.utf8))
                text = ""
            }
        }
        try handle.write(contentsOf: Data(text.utf8))
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private static func six(_ n: Int) -> String { pad(n, 6) }
    private static func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
}
