import Foundation
import GRDB
import Testing
@testable import Store

@Suite("Resident registry")
struct ResidentRegistryTests {
    static let older = Date(timeIntervalSince1970: 1_790_000_000)
    static let newer = older.addingTimeInterval(3600)

    static func an(updatedAt: Date = older) -> Resident {
        Resident(idNumber: "001090012345", fullName: "Nguyễn Văn An", dateOfBirth: "1990-03-14", sex: .male,
                 address: "Thôn Đông, xã Hòa Bình", householdID: "HK-0042", insuranceCode: "DN4010123456789",
                 registeredFacility: "01001", updatedAt: updatedAt)
    }

    static let binh = Resident(idNumber: "079195000777", fullName: "Trần Thị Bình", dateOfBirth: "1995-07-01",
                               sex: .female, updatedAt: older)

    @Test func migrationAddsTheRegistry() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        #expect(try await store.appliedMigrations().contains("v2-resident-registry"))
        let tables = try await store.read("test") { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables.contains("residents"))
        #expect(tables.contains("residents_name_fts"))
        #expect(try await store.residents.count() == 0)
    }

    @Test func foldsVietnameseNames() {
        #expect(ResidentName.fold("Nguyễn Văn An") == "nguyen van an")
        #expect(ResidentName.fold("  ĐẶNG   Thị  Ngọc-Ánh ") == "dang thi ngoc anh")
        #expect(ResidentName.fold("Trương Ưng Đức") == "truong ung duc")
        #expect(ResidentName.fold("Lê Ơn Ổi") == "le on oi")
        #expect(ResidentName.fold("--") == "")
    }

    @Test func upsertInsertsThenLooksUpEveryWay() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        let summary = try await store.residents.upsert([Self.an(), Self.binh])
        #expect(summary == ResidentUpsertSummary(inserted: 2))
        #expect(try await store.residents.count() == 2)
        #expect(try await store.residents.resident(idNumber: "001090012345") == Self.an())
        #expect(try await store.residents.resident(idNumber: "001090012346") == nil)
        #expect(try await store.residents.residents(insuranceCode: "DN4010123456789") == [Self.an()])
        for name in ["Nguyen Van An", "nguyễn văn an", "NGUYEN an", "an nguyen", "Nguyễn Văn An"] {
            #expect(try await store.residents.residents(named: name, bornOn: "1990-03-14") == [Self.an()], "\(name)")
        }
        #expect(try await store.residents.residents(named: "Nguyen Van An", bornOn: "1990-03-15").isEmpty)
        #expect(try await store.residents.residents(named: "Nguyen Van Binh", bornOn: "1990-03-14").isEmpty)
        #expect(try await store.residents.residents(named: "Tran Thi Binh", bornOn: "1995-07-01") == [Self.binh])
        #expect(try await store.residents.residents(named: "  ", bornOn: "1995-07-01").isEmpty)
    }

    @Test func newerUpdateWinsOlderIsIgnored() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        _ = try await store.residents.upsert([Self.an(updatedAt: Self.newer)])

        var stale = Self.an(updatedAt: Self.older)
        stale.fullName = "Nguyễn Văn Ân"
        #expect(try await store.residents.upsert([stale]) == ResidentUpsertSummary(unchanged: 1))
        #expect(try await store.residents.upsert([Self.an(updatedAt: Self.newer)]) == ResidentUpsertSummary(unchanged: 1))

        var renamed = Self.an(updatedAt: Self.newer.addingTimeInterval(60))
        renamed.fullName = "Nguyễn Văn Bảo"
        renamed.insuranceCode = "HT3790987654321"
        #expect(try await store.residents.upsert([renamed]) == ResidentUpsertSummary(updated: 1))
        #expect(try await store.residents.resident(idNumber: "001090012345") == renamed)
        #expect(try await store.residents.residents(named: "Nguyen Van An", bornOn: "1990-03-14").isEmpty)
        #expect(try await store.residents.residents(named: "Bao", bornOn: "1990-03-14") == [renamed])
        #expect(try await store.residents.residents(insuranceCode: "DN4010123456789").isEmpty)
        #expect(try await store.residents.count() == 1)
    }

    @Test func laterEntryOfTheSameBatchSeesTheEarlier() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        var second = Self.an(updatedAt: Self.newer)
        second.address = "Xóm Mới"
        let summary = try await store.residents.upsert([Self.an(), second, Self.an()])
        #expect(summary == ResidentUpsertSummary(inserted: 1, updated: 1, unchanged: 1))
        #expect(try await store.residents.resident(idNumber: "001090012345")?.address == "Xóm Mới")
    }

    @Test func constraintsRejectAMalformedBatchWhole() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        var bad = Self.binh
        bad.idNumber = "07919500077"
        await #expect(throws: StoreError.self) { _ = try await store.residents.upsert([Self.an(), bad]) }
        #expect(try await store.residents.count() == 0)
    }

    @Test func nameAndBirthSearchStartsFromTheBirthDateIndex() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        let plan = try await store.read("test") { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + ResidentRow.bornOnSQL,
                             arguments: ["1990-03-14"]).map { row -> String in row["detail"] }
        }
        #expect(plan.first?.contains("residents_date_of_birth") == true, "\(plan)")
        let byCard = try await store.read("test") { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM residents WHERE insurance_code = ?",
                             arguments: ["DN4010123456789"]).map { row -> String in row["detail"] }
        }
        #expect(byCard.contains { $0.contains("residents_insurance_code") }, "\(byCard)")
    }

    @Test func nameOnlySearchUsesTheFullTextIndex() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        _ = try await store.residents.upsert([Self.an(), Self.binh])
        #expect(try await store.residents.residents(matchingName: "nguyen an") == [Self.an()])
        #expect(try await store.residents.residents(matchingName: "THI") == [Self.binh])
        #expect(try await store.residents.residents(matchingName: "Văn Bình").isEmpty)
        #expect(try await store.residents.residents(matchingName: "\"").isEmpty)
        var renamed = Self.an(updatedAt: Self.newer)
        renamed.fullName = "Nguyễn Văn Bảo"
        _ = try await store.residents.upsert([renamed])
        #expect(try await store.residents.residents(matchingName: "nguyen an").isEmpty)
        #expect(try await store.residents.residents(matchingName: "bao") == [renamed])
    }

    @Test func residentPrintsRedacted() {
        #expect("\(Self.an())" == "Resident(<redacted>)")
    }
}
