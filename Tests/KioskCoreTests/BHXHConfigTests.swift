import Foundation
import Testing
@testable import KioskCore

/// The BHXH portal settings of `[upstream]` and the credentials file beside the config.
@Suite struct BHXHConfigTests {
    static func config(_ upstreamLines: String) -> String {
        ConfigLoaderTests.minimal + "\n" + upstreamLines
    }

    @Test func portalSettingsAndDefaults() throws {
        let plain = try ConfigLoader.parse(text: ConfigLoaderTests.minimal, file: "test.toml").upstream
        #expect(plain.bhxhPortalURL == nil)
        #expect(plain.bhxhTimeoutMilliseconds == 3000)
        #expect(plain.bhxhIdentifier.rawValue == "card-code")
        #expect(plain.bhxhCacheMinutes == 60)
        let set = try ConfigLoader.parse(text: Self.config("""
            bhxh_portal_url = "https://egw.example.invalid"
            bhxh_credentials_file = "/etc/health-kiosk/bhxh.toml"
            bhxh_timeout_ms = 1500
            bhxh_identifier = "citizen-id"
            bhxh_cache_minutes = 0
            """), file: "test.toml").upstream
        #expect(set.bhxhCredentialsFile == "/etc/health-kiosk/bhxh.toml")
        #expect(set.bhxhTimeoutMilliseconds == 1500)
        #expect(set.bhxhIdentifier.rawValue == "citizen-id")
        #expect(set.bhxhCacheMinutes == 0)
    }

    @Test func problemsAreReportedWithLineAndExpectation() {
        let found = ConfigLoaderTests().issues(Self.config("""
            bhxh_portal_url = "https://egw.example.invalid"
            bhxh_timeout_ms = 50
            bhxh_identifier = "passport"
            """))
        #expect(Set(found.map(\.description)) == [
            "test.toml:9: upstream.bhxh_timeout_ms: 50 is outside 100...30000 (expected an integer from 100 to 30000)",
            "test.toml:10: upstream.bhxh_identifier: \"passport\" is not a known value (expected one of \"card-code\", \"social-insurance-number\", \"citizen-id\")",
            "test.toml:6: upstream.bhxh_credentials_file: bhxh_portal_url needs the portal account (expected the path of a credentials file, mode 0600)",
        ])
    }

    @Test func theCredentialsFileIsReadWhenOnlyItsOwnerMayReadIt() throws {
        let file = try Self.write("""
            username = "tram-y-te-01820"
            password = "Mật khẩu 1!"
            staff_name = "Lê Thị Cán Bộ"
            staff_id_number = "001085000123"
            """, mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let credentials = try BHXHCredentialsFile.load(path: file)
        #expect(credentials.username == "tram-y-te-01820")
        #expect(credentials.staffIDNumber == "001085000123")
        #expect(credentials.passwordDigest == "CC2285857E370DB69CC09BEBCD0942B5")
    }

    @Test func aFileOthersMayReadIsRefused() throws {
        let file = try Self.write("username = \"u\"\npassword = \"p\"\nstaff_name = \"s\"\nstaff_id_number = \"001085000123\"\n", mode: 0o640)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = #expect(throws: ConfigError.self) { try BHXHCredentialsFile.load(path: file) }
        #expect(error?.detail == "\(file): the BHXH credentials file has mode 640 (expected 600 or 400: readable by the service user only; chmod 600 it)")
    }

    @Test func missingAndMalformedKeysAreNamedWithoutTheirValues() throws {
        let file = try Self.write("username = \"u\"\nstaff_id_number = \"0010850001\"\nnote = 1\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = #expect(throws: ConfigError.self) { try BHXHCredentialsFile.load(path: file) }
        let text = error?.detail ?? ""
        #expect(text.contains("\(file): password: missing required key (expected a non-empty string)"))
        #expect(text.contains("\(file): staff_name: missing required key"))
        #expect(text.contains("\(file):2: staff_id_number: is not 12 digits (expected the staff member's 12-digit citizen ID number)"))
        #expect(text.contains("\(file):3: note: unknown key"))
        #expect(!text.contains("0010850001"))
    }

    @Test func aMissingFileIsUnreadable() {
        let error = #expect(throws: ConfigError.self) { try BHXHCredentialsFile.load(path: "/nonexistent/bhxh.toml") }
        #expect(error?.issues.first?.kind == .unreadableFile)
    }

    static func write(_ text: String, mode: Int) throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("bhxh-\(UUID().uuidString).toml")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }
}
