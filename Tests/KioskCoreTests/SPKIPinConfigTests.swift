import Testing
@testable import KioskCore

/// `[upstream] spki_pins`: optional, each `sha256/<base64 of 32 bytes>`, TLS only.
@Suite struct SPKIPinConfigTests {
    static let pin = "sha256/Plfsr9nxnyu68M6DTwUC9hYfnLHE0AJqDA5RUD6Rj2Y="

    @Test func pinsAreOptionalAndParsed() throws {
        #expect(try ConfigLoader.parse(text: ConfigLoaderTests.minimal, file: "t.toml").upstream.spkiPins.isEmpty)
        let config = try ConfigLoader.parse(text: ConfigLoaderTests.minimal + "\nspki_pins = [\"\(Self.pin)\"]\n", file: "t.toml")
        #expect(config.upstream.spkiPins.map(\.description) == [Self.pin])
    }

    @Test func aBadPinIsReportedWithItsLine() {
        let issues = ConfigLoaderTests().issues(ConfigLoaderTests.minimal + "\nspki_pins = [\"\(Self.pin)\", \"sha1/AAAA\"]\n")
        #expect(issues.map(\.description) == [
            "test.toml:8: upstream.spki_pins: element 1: SPKI pin \"sha1/AAAA\" does not start with \"sha256/\" "
                + "(expected an array of \"sha256/<base64 of the 32-byte SHA-256 of a SubjectPublicKeyInfo>\")",
        ])
        let short = ConfigLoaderTests().issues(ConfigLoaderTests.minimal + "\nspki_pins = [\"sha256/AAAA\"]\n")
        #expect(short.first?.description.contains("is not sha256/ followed by the base64 of 32 bytes") == true, "\(short)")
        let wrongType = ConfigLoaderTests().issues(ConfigLoaderTests.minimal + "\nspki_pins = \"\(Self.pin)\"\n")
        #expect(wrongType.map(\.kind) == [.wrongType])
    }

    @Test func pinsNeedAnHTTPSUpstream() {
        let text = ConfigLoaderTests.minimal.replacingOccurrences(of: "https://", with: "http://") + "\nspki_pins = [\"\(Self.pin)\"]\n"
        #expect(ConfigLoaderTests().issues(text).map(\.description) == [
            "test.toml:8: upstream.spki_pins: pins are checked on TLS connections only (expected an https fhir_base_url)",
        ])
    }
}
