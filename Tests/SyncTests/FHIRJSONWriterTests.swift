import Foundation
import Store
import Testing
@testable import Sync

/// The bundle writer gives the bytes Foundation's `JSONEncoder` (sorted keys, unescaped slashes)
/// gives, for real bundles and for strings that need escaping.
@Suite struct FHIRJSONWriterTests {
    static func foundationBytes(_ value: FHIRJSON) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    @Test(arguments: FHIRWriteMode.allCases)
    func bundlesAreByteForByteWhatJSONEncoderWrites(_ mode: FHIRWriteMode) async throws {
        let store = try TestStore()
        defer { store.remove() }
        try await store.produce(30)
        let records = try await store.database.outbox.list()
        let details = ResidentDetails(citizenID: "001099012345", insuranceCode: "DN4010199012345",
                                      insuranceValidFrom: Date(), insuranceValidTo: Date().addingTimeInterval(86_400),
                                      registeredFacility: "01-001")
        var options = FHIRMappingOptions(stationID: "TYT-PHUONG-1", kioskID: "kiosk-01")
        options.writeMode = mode
        let bundle = try FHIRMapper(options: options).transaction(for: records, residents: [records[0].subject: details])
        let tree = try JSONDecoder().decode(FHIRJSON.self, from: bundle.body)
        #expect(bundle.body == (try Self.foundationBytes(tree)))
    }

    @Test func stringsAreEscapedAsJSONEncoderDoes() throws {
        let texts = ["plain", "Trạm Y tế xã Hòa Bình", "quote \" backslash \\ slash /", "line\nfeed\ttab\r\u{8}\u{C}",
                     "control \u{1} \u{1F} end", "emoji 🏥", ""]
        for text in texts {
            let value: FHIRJSON = ["key \"\(text)\"": .string(text), "list": [.string(text), 7, true, .null]]
            let written = try FHIRJSONWriter.bytes(value)
            #expect(written == (try Self.foundationBytes(value)), "\(String(decoding: written, as: UTF8.self))")
            #expect(try JSONDecoder().decode(FHIRJSON.self, from: written) == value)
        }
    }

    @Test func keysAreSortedAndNumbersWritten() throws {
        let value: FHIRJSON = ["b": 2, "a": ["z": 1, "Z": 0], "c": .decimal(1.5), "d": .decimal(30000), "e": -7]
        #expect(String(decoding: try FHIRJSONWriter.bytes(value), as: UTF8.self)
                == #"{"a":{"Z":0,"z":1},"b":2,"c":1.5,"d":30000,"e":-7}"#)
        #expect(throws: SyncError.self) { try FHIRJSONWriter.bytes(["x": .decimal(.nan)]) }
    }
}
