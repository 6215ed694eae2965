import Foundation
import Store
import Testing
@testable import Sync

@Suite struct FHIRMapperTests {
    static let options = FHIRMappingOptions(stationID: "TYT-PHUONG-1", kioskID: "kiosk-01")

    @Test func everyRecordKindMapsToConditionalCreatesWithoutPersonalDataInSearches() async throws {
        let store = try TestStore()
        defer { store.remove() }
        try await store.produce(6)
        let records = try await store.database.outbox.list()
        let resident = try #require(records.first { $0.kind == .visitOpened }?.subject)
        let details = ResidentDetails(citizenID: "001099012345", insuranceCode: "DN4010199012345",
                                      insuranceValidFrom: Date(timeIntervalSince1970: 1_700_000_000),
                                      insuranceValidTo: Date(timeIntervalSince1970: 1_800_000_000), registeredFacility: "01-001")
        let bundle = try FHIRMapper(options: Self.options).transaction(for: records, residents: [resident: details])
        #expect(bundle.unmapped.isEmpty)
        #expect(bundle.records.count == 6)

        let json = try JSONDecoder().decode(FHIRJSON.self, from: bundle.body)
        #expect(json["resourceType"] == "Bundle")
        #expect(json["type"] == "transaction")
        let entries = try #require(json["entry"]?.arrayValue)
        #expect(entries.count == bundle.entryCount)
        let types = entries.compactMap { $0["resource"]?["resourceType"]?.stringValue }
        #expect(types == ["Patient", "Coverage", "Encounter", "AuditEvent", "ChargeItem", "Invoice", "Invoice", "Encounter", "AuditEvent"])

        for (index, entry) in entries.enumerated() {
            let owner = bundle.records[bundle.entryOwners[index]]
            let search = try #require(entry["request"]?["ifNoneExist"]?.stringValue)
            #expect(search.hasPrefix("identifier=urn:health-kiosk:outbox|\(owner.id.rawValue)"))
            #expect(entry["request"]?["method"] == "POST")
            let fullUrl = entry["fullUrl"]?.stringValue ?? ""
            for secret in ["001099012345", "DN4010199012345", resident.rawValue] {
                #expect(!search.contains(secret))
                #expect(!fullUrl.contains(secret))
            }
        }

        let encounter = try #require(entries[2]["resource"])
        #expect(encounter["status"] == "arrived")
        #expect(encounter["class"]?["code"] == "AMB")
        #expect(encounter["serviceProvider"]?["identifier"]?["value"] == "TYT-PHUONG-1")
        #expect(encounter["subject"]?["reference"] == entries[0]["fullUrl"])
        let patientIDs = try #require(entries[0]["resource"]?["identifier"]?.arrayValue)
        #expect(patientIDs.contains(["system": "http://fhir.hl7.org.vn/core/sid/cccd", "value": "001099012345"]))
        #expect(patientIDs.contains(["system": "http://fhir.hl7.org.vn/core/sid/bhyt", "value": "DN4010199012345"]))
        #expect(entries[6]["resource"]?["status"] == "balanced")
        #expect(entries[5]["resource"]?["status"] == "issued")
        #expect(entries[7]["resource"]?["status"] == "in-progress")
        #expect(entries[8]["resource"]?["meta"]?["tag"]?.arrayValue?.first?["code"] == "HTEST")
    }

    @Test func sameRecordsGiveTheSameBytes() async throws {
        let store = try TestStore()
        defer { store.remove() }
        try await store.produce(6)
        let records = try await store.database.outbox.list()
        let mapper = FHIRMapper(options: Self.options)
        #expect(try mapper.transaction(for: records).body == mapper.transaction(for: records).body)
    }

    @Test func unknownKindIsLeftOutWithAMappingError() async throws {
        let store = try TestStore()
        defer { store.remove() }
        try await store.database.outbox.enqueue(OutboxKind(rawValue: "queue.called"), subject: ResidentKey("x"), payload: ["n": 1])
        try await store.database.outbox.enqueue(.syncProbe, subject: ResidentKey("probe"), payload: SyncProbe(sequence: 1))
        let bundle = try FHIRMapper(options: Self.options).transaction(for: try await store.database.outbox.list())
        #expect(bundle.records.map(\.kind) == [.syncProbe])
        #expect(bundle.unmapped.map(\.error.reason) == [.mapping])
    }

    @Test func operationOutcomeTextMasksLongNumbers() {
        let body = Data(#"{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invalid","diagnostics":"Patient 001099012345 unknown"}]}"#.utf8)
        #expect(OperationOutcomeText.from(body) == "error/invalid: Patient <redacted> unknown")
        #expect(OperationOutcomeText.from(Data("nope".utf8)) == nil)
    }
}
