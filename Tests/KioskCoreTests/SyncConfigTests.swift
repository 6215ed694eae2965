import Testing
@testable import KioskCore

/// `[sync] fhir_write`: how resources are written upstream.
@Suite struct SyncConfigTests {
    @Test func writeModeDefaultsToConditionalCreatesAndAcceptsPut() throws {
        #expect(try ConfigLoader.parse(text: ConfigLoaderTests.minimal, file: "t.toml").sync.fhirWrite.rawValue == "conditional-create")
        let put = try ConfigLoader.parse(text: ConfigLoaderTests.minimal + "\n[sync]\nfhir_write = \"put\"\n", file: "t.toml")
        #expect(put.sync.fhirWrite.rawValue == "put")
        let issues = ConfigLoaderTests().issues(ConfigLoaderTests.minimal + "\n[sync]\nfhir_write = \"patch\"\n")
        #expect(issues.map(\.description) == [
            "test.toml:9: sync.fhir_write: \"patch\" is not a known value (expected one of \"conditional-create\", \"put\")",
        ])
    }
}
