import Foundation
import Synchronization
import Testing
import HealthID
import Store

@Suite("Registry import")
struct ImportTests {
    static let header = "id_number,full_name,date_of_birth,sex,address,household_id,insurance_code,registered_facility,updated_at,note\n"

    /// Good rows on lines 2, 4–5 (quoted fields with a comma, doubled quotes and a line break), 6
    /// and 9; bad rows on lines 3, 8, 10, 11 and 12; line 7 is blank.
    static let csv = header + """
        001090012345,Nguyễn Văn An,1990-03-14,male,"Thôn Đông, xã Hòa Bình",HK-0042,DN4010123456789,01001,2026-11-01T08:00:00Z,
        0010990123,Lê Văn Sai,1990-01-01,male,,,,,2026-11-01,
        079195000777,"Trần Thị ""Bé"" Bình",1995-07-01,F,"Số 5
        đường Lê Lợi",,HT3790987654321,79001,2026-11-01T15:00:00+07:00,
        048050000001,ĐẶNG VĂN ĐỨC,1950-12-31,,,,,,2026-10-01,x

        001090000002,Phạm Thị Cúc,1990-05-05,female,,,,,2026-11-01,
        096203001234,Võ Minh Tâm,2003-02-28,nam,,,,,2026-11-02T00:00:00.250Z,
        001090000003,Bùi Văn Tư,1990-02-30,male,,,,,2026-11-01,
        001090000004,,1990-02-03,male,,,,,2026-11-01,
        001090000005,Hồ Văn Năm,1990-02-03,male,,,XX9010000000001,,2026-11-01,
        """

    @Test func csvImportsGoodRowsAndReportsBadOnesByLine() async throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write("registry.csv", Self.csv)
        let store = try scratch.openDatabase()
        var importer = RegistryImporter(database: store, today: testToday)
        importer.batchSize = 2
        let seen = Mutex<[ImportProgress]>([])
        let summary = try await importer.importFile(atPath: file, format: .csv) { progress in
            seen.withLock { $0.append(progress) }
        }
        #expect(summary.rows == 9)
        #expect(summary.inserted == 4)
        #expect(summary.rejected == 5)
        #expect(summary.ignoredColumns == ["note"])
        #expect(summary.rejections.map(\.line) == [3, 8, 10, 11, 12])
        #expect(summary.rejections.map(\.operatorText) == [
            "line 3: id number 0010990123: expected 12 digits, found 10 characters",
            "line 8: id number 001090000002, character 4 (century and sex): expected an odd digit (female), as the sex given, found an even digit",
            "line 10: date of birth 1990-02-30: expected a date that exists (YYYY-MM-DD)",
            "line 11: column full_name: expected a value, found an empty field",
            "line 12: insurance code XX9010000000001, character 3 (benefit level): expected a digit 1–5",
        ])
        #expect(summary.rejections.allSatisfy { !$0.description.contains("0010990123") && !$0.description.contains("1990-02-30") })
        let progress = seen.withLock { $0 }
        #expect(progress.count >= 3)
        #expect(progress.last?.fraction == 1)
        #expect(progress.last?.rows == 9)

        let lookup = Lookup(database: store)
        let binh = try #require(try await lookup.resident(idNumber: "079195000777"))
        #expect(binh.fullName == "Trần Thị \"Bé\" Bình")
        #expect(binh.address == "Số 5\nđường Lê Lợi")
        #expect(binh.sex == .female)
        #expect(binh.updatedAt == Date(timeIntervalSince1970: 1_793_520_000)) // 2026-11-01T08:00:00Z
        let duc = try #require(try await lookup.resident(idNumber: "048050000001"))
        #expect(duc.sex == .male) // from the ID number: no sex column value
        #expect(duc.address == nil)
        #expect(try await store.residents.count() == 4)
    }

    @Test func lookupsWithAndWithoutDiacritics() async throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write("registry.csv", Self.csv)
        let store = try scratch.openDatabase()
        _ = try await RegistryImporter(database: store, today: testToday).importFile(atPath: file, format: .csv)
        let lookup = Lookup(database: store)
        for name in ["Nguyen Van An", "Nguyễn Văn An", "nguyen an", "NGUYỄN VĂN AN"] {
            #expect(try await lookup.residents(name: name, dateOfBirth: "1990-03-14").map(\.idNumber) == ["001090012345"], "\(name)")
        }
        #expect(try await lookup.residents(name: "Dang Van Duc", dateOfBirth: "1950-12-31").map(\.fullName) == ["ĐẶNG VĂN ĐỨC"])
        #expect(try await lookup.residents(name: "Nguyen Van Anh", dateOfBirth: "1990-03-14").isEmpty)
        #expect(try await lookup.residents(cardCode: "ht3790987654321").map(\.idNumber) == ["079195000777"])
        #expect(try await lookup.resident(idNumber: "001090099999") == nil)
        await #expect(throws: HealthIDError.self) { _ = try await lookup.resident(idNumber: "12345") }
        await #expect(throws: HealthIDError.self) { _ = try await lookup.residents(cardCode: "DN40101") }
        await #expect(throws: HealthIDError.self) { _ = try await lookup.residents(name: "An", dateOfBirth: "14/03/1990") }
        await #expect(throws: HealthIDError.self) { _ = try await lookup.residents(name: "--", dateOfBirth: "1990-03-14") }
    }

    @Test func ndjsonImportAndIncrementalUpdate() async throws {
        let scratch = try ScratchDirectory()
        let store = try scratch.openDatabase()
        let importer = RegistryImporter(database: store, today: testToday)
        let first = try scratch.write("a.ndjson", """
            {"id_number":"001090012345","full_name":"Nguyễn Văn An","date_of_birth":"1990-03-14","updated_at":"2026-11-01"}
            {"id_number":1090012345,"full_name":"Số","date_of_birth":"1990-03-14","updated_at":"2026-11-01"}

            {"id_number":"079195000777","full_name":"Trần Thị Bình","date_of_birth":"1995-07-01","sex":"nữ","address":null,"updated_at":"2026-11-01"}
            not json
            ["001090012345"]
            """)
        let one = try await importer.importFile(atPath: first, format: .ndjson)
        #expect(one.inserted == 2)
        #expect(one.rejections.map(\.description) == [
            "line 2: key id_number: expected a JSON string or null (numbers lose leading zeros)",
            "line 5: row: expected one JSON object in UTF-8 on the line",
            "line 6: row: expected one JSON object in UTF-8 on the line",
        ])
        let second = try scratch.write("b.ndjson", """
            {"id_number":"001090012345","full_name":"Nguyễn Văn An","date_of_birth":"1990-03-14","address":"Xóm Mới","updated_at":"2026-11-20T00:00:00Z"}
            {"id_number":"079195000777","full_name":"Trần Thị Bình Cũ","date_of_birth":"1995-07-01","updated_at":"2026-10-01"}
            {"id_number":"001090000002","full_name":"Phạm Văn Cúc","date_of_birth":"1990-05-05","updated_at":"2026-11-20"}
            """)
        let two = try await importer.importFile(atPath: second, format: .ndjson)
        #expect((two.inserted, two.updated, two.unchanged, two.rejected) == (1, 1, 1, 0))
        let lookup = Lookup(database: store)
        #expect(try await lookup.resident(idNumber: "001090012345")?.address == "Xóm Mới")
        #expect(try await lookup.resident(idNumber: "079195000777")?.fullName == "Trần Thị Bình")
    }

    @Test func unusableFilesFailWhole() async throws {
        let scratch = try ScratchDirectory()
        let store = try scratch.openDatabase()
        let importer = RegistryImporter(database: store, today: testToday)
        let noID = try scratch.write("h.csv", "full_name,date_of_birth,updated_at\nAn,1990-01-01,2026-01-01\n")
        do {
            _ = try await importer.importFile(atPath: noID, format: .csv)
            Issue.record("imported a file without id_number")
        } catch let error as HealthIDError {
            #expect(error.detail == "header (line 1): expected the columns id_number, full_name, date_of_birth, updated_at, found no id_number")
        }
        await #expect(throws: HealthIDError.self) {
            _ = try await importer.importFile(atPath: scratch.path + "/missing.csv", format: .csv)
        }
    }

    @Test func csvQuirks() async throws {
        let scratch = try ScratchDirectory()
        let store = try scratch.openDatabase()
        let importer = RegistryImporter(database: store, today: testToday)
        let text = "\u{FEFF}ID_Number,Full_Name,Date_of_Birth,Updated_At\r\n"
            + "001090012345,An,1990-03-14,2026-01-01\r\n"
            + "001090000002,\"Cúc\" x,1990-05-05,2026-01-01\r\n"
            + "001090000003,Tư,1990-05-05\r\n"
            + "001090000004,\"Năm,1990-05-05,2026-01-01\r\n"
        let file = try scratch.write("q.csv", text)
        let summary = try await importer.importFile(atPath: file, format: .csv)
        #expect(summary.inserted == 1)
        #expect(summary.rejections.map(\.description) == [
            "line 3: field 2: expected a comma or the line end after the closing quote",
            "line 4: row: expected 4 fields as in the header, found 3",
            "line 5: field 2: expected a closing double quote, found the end of the file",
        ])
    }

    @Test func formatFromFileName() {
        #expect(RegistryFileFormat(pathExtension: "/x/residents.CSV") == .csv)
        #expect(RegistryFileFormat(pathExtension: "r.jsonl") == .ndjson)
        #expect(RegistryFileFormat(pathExtension: "r.ndjson") == .ndjson)
        #expect(RegistryFileFormat(pathExtension: "r.txt") == nil)
    }
}
