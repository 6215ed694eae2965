import Foundation
import KioskCore
import Store
import Sync
import Testing

/// The registry as the sync engine's resident directory: a visit keyed by the citizen ID number
/// goes upstream as a Patient identified once by its CCCD number, with a Coverage when the
/// register knows the insurance card.
@Suite("Registry resident directory")
struct RegistryResidentDirectoryTests {
    let database: KioskDatabase

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("directory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try KioskDatabase(stateDirectory: directory.path)
    }

    /// The bundle entries of the outbox's records, as kioskd maps them.
    func entries() async throws -> [[String: Any]] {
        var options = FHIRMappingOptions(stationID: "01820", kioskID: "kiosk-01")
        options.residentSystem = options.citizenIDSystem
        let records = try await database.outbox.list()
        let directory = RegistryResidentDirectory(database: database)
        var residents: [ResidentKey: ResidentDetails] = [:]
        for record in records { residents[record.subject] = await directory.details(for: record.subject) }
        let bundle = try FHIRMapper(options: options).transaction(for: records, residents: residents)
        let object = try #require(try JSONSerialization.jsonObject(with: bundle.body) as? [String: Any])
        return (object["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
    }

    static func identifiers(_ resource: [String: Any]?) -> [String] {
        (resource?["identifier"] as? [[String: Any]] ?? []).map { "\($0["system"] ?? "")|\($0["value"] ?? "")" }
    }

    @Test("a registered resident with an insurance card: Patient with the CCCD number once and the card code, a Coverage")
    func registeredResident() async throws {
        _ = try await database.residents.upsert([Resident(idNumber: "079188012345", fullName: "Trần Thị Thu Hoà", dateOfBirth: "1988-11-23",
                                                          sex: .female, insuranceCode: "GD4797912345678", registeredFacility: "79001",
                                                          updatedAt: Date())])
        _ = try await database.records.openVisit(NewVisit(stationID: "01820", residentKey: ResidentKey("079188012345"), service: "kham-benh"))
        let resources = try await entries()
        let patient = resources.first { $0["resourceType"] as? String == "Patient" }
        let ids = Self.identifiers(patient)
        #expect(ids.filter { $0 == "http://fhir.hl7.org.vn/core/sid/cccd|079188012345" }.count == 1, "\(ids)")
        #expect(ids.contains("http://fhir.hl7.org.vn/core/sid/bhyt|GD4797912345678"), "\(ids)")
        #expect(resources.contains { $0["resourceType"] as? String == "Coverage" })
    }

    @Test("a key that is no citizen ID number has no details; an unregistered number has the number alone")
    func otherKeys() async throws {
        let directory = RegistryResidentDirectory(database: database)
        #expect(await directory.details(for: ResidentKey("sync-probe")) == nil)
        #expect(await directory.details(for: ResidentKey("001092004567")) == ResidentDetails(citizenID: "001092004567"))
    }
}
