import Foundation
import Store
import Testing
@testable import Sync

/// PUT mode: every resource written as `PUT Type/<outbox id>[.role]`, a client id free of
/// personal data; sent twice, it is stored once.
@Suite(.serialized) struct PutModeTests {
    @Test func entriesArePutsToClientIDsMadeOfTheOutboxID() async throws {
        let store = try TestStore()
        defer { store.remove() }
        try await store.produce(6)
        let records = try await store.database.outbox.list()
        var options = FHIRMapperTests.options
        options.writeMode = .put
        let bundle = try FHIRMapper(options: options).transaction(for: records)
        let json = try JSONDecoder().decode(FHIRJSON.self, from: bundle.body)
        let entries = try #require(json["entry"]?.arrayValue)
        #expect(!entries.isEmpty)
        for (index, entry) in entries.enumerated() {
            let owner = bundle.records[bundle.entryOwners[index]]
            let type = try #require(entry["resource"]?["resourceType"]?.stringValue)
            let id = try #require(entry["resource"]?["id"]?.stringValue)
            #expect(entry["request"]?["method"] == "PUT")
            #expect(entry["request"]?["url"]?.stringValue == "\(type)/\(id)")
            #expect(entry["request"]?["ifNoneExist"] == nil)
            #expect(id == owner.id.rawValue || id.hasPrefix(owner.id.rawValue + "."), "\(id)")
            #expect(id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") },
                    "a valid FHIR id: \(id)")
        }
    }

    @Test(arguments: ["reset", "malformed", "500"])
    func aResentBatchIsStoredOnce(_ fault: String) async throws {
        let harness = try SyncHarness(faults: [fault], writeMode: .put)
        defer { harness.upstream.stop(); Task { await harness.close() } }
        let produced = try await harness.store.produce(20)
        #expect(try await harness.drainUntilAllAcked(produced.count))
        let stats = try await harness.upstream.stats()
        #expect(try await harness.upstream.outboxIDs() == Set(produced))
        let bundle = try FHIRMapper(options: FHIRMappingOptions(stationID: "TYT-PHUONG-1", kioskID: "kiosk-01"))
            .transaction(for: try await harness.store.database.outbox.list())
        #expect(stats.created == bundle.entryCount, "every resource created once")
        if fault != "500" { #expect(stats.duplicates > 0, "the stored bundle was sent again and updated in place") }
    }
}
