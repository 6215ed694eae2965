import Foundation
import Testing
@testable import KioskCore

/// `[payments]`: the fee table, the VietQR confirmation mode and its keys, and the callback
/// secret file beside the config.
@Suite struct PaymentsConfigTests {
    static let account = """

        [payments]
        bank_bin = "970436"
        account = "0011001234567"
        merchant_name = "TRAM Y TE"
        merchant_city = "HA NOI"

        """

    /// The minimal config with `[payments]` (lines 9–13) followed by `lines` from line 14 on.
    static func config(_ lines: String) -> String {
        ConfigLoaderTests.minimal + "\n" + account + lines
    }

    func issues(_ lines: String) -> [ConfigIssue] { ConfigLoaderTests().issues(Self.config(lines)) }

    func parse(_ lines: String) throws -> KioskConfig.Payments? {
        try ConfigLoader.parse(text: Self.config(lines), file: "test.toml").payments
    }

    @Test func theExampleHasAFeeTableAndManualConfirmation() throws {
        let path = ConfigLoaderTests.repositoryRoot.appendingPathComponent("config/kioskd.example.toml").path
        let payments = try #require(try ConfigLoader.load(path: path).payments)
        #expect(payments.fees == [KioskConfig.Fee(code: "kham-benh", label: "Khám bệnh", amountVND: 30_000),
                                  KioskConfig.Fee(code: "xet-nghiem-mau", label: "Xét nghiệm máu", amountVND: 150_000)])
        #expect(payments.confirmation == .manual)
    }

    @Test func defaultsAreNoFeesAndManualConfirmation() throws {
        let payments = try #require(try parse(""))
        #expect(payments.fees.isEmpty)
        #expect(payments.confirmation == .manual)
    }

    @Test func pollAndCallbackModes() throws {
        #expect(try parse("confirmation = \"poll\"\nstation_server_url = \"https://tram.example.invalid/transfers\"\n")?.confirmation
                == .poll(stationServerURL: "https://tram.example.invalid/transfers", intervalSeconds: 10))
        #expect(try parse("confirmation = \"poll\"\nstation_server_url = \"http://127.0.0.1:9/t\"\npoll_interval_seconds = 600\n")?.confirmation
                == .poll(stationServerURL: "http://127.0.0.1:9/t", intervalSeconds: 600))
        #expect(try parse("confirmation = \"callback\"\ncallback_secret_file = \"/etc/health-kiosk/cb.secret\"\n")?.confirmation
                == .callback(secretFile: "/etc/health-kiosk/cb.secret"))
    }

    @Test func feeEntriesAreCheckedWithLineAndExpectation() {
        let found = issues("""
            [[payments.fees]]
            code = "kham benh"
            label = "Khám bệnh"
            amount = 0
            [[payments.fees]]
            code = "x"
            label = "X"
            amount = 99999999
            [[payments.fees]]
            code = "z"
            label = "Z"
            amount = 100000000
            [[payments.fees]]
            code = "y"
            amount = "30000"
            colour = "red"
            [[payments.fees]]
            code = "x"
            label = "X again"
            amount = 5000
            """)
        #expect(Set(found.map(\.description)) == [
            "test.toml:15: payments.fees[0].code: \"kham benh\" is not 1 to 32 letters, digits, '-' or '_' (expected a fee code of letters, digits, '-' or '_' (at most 32))",
            "test.toml:17: payments.fees[0].amount: 0 is outside 1...99999999 (expected an integer from 1 to 99999999)",
            "test.toml:25: payments.fees[2].amount: 100000000 is outside 1...99999999 (expected an integer from 1 to 99999999)",
            "test.toml:26: payments.fees[3].label: missing required key (expected a non-empty string)",
            "test.toml:28: payments.fees[3].amount: is a string, expected an integer from 1 to 99999999",
            "test.toml:29: payments.fees[3].colour: unknown key",
            "test.toml:31: payments.fees[4].code: \"x\" is listed twice (expected unique fee codes)",
        ])
    }

    @Test func confirmationModeAndItsKeysAreChecked() {
        #expect(issues("confirmation = \"email\"\n").map(\.description)
                == ["test.toml:14: payments.confirmation: \"email\" is not a known value (expected one of \"manual\", \"poll\", \"callback\")"])
        #expect(issues("confirmation = \"poll\"\n").map(\.description)
                == ["test.toml:9: payments.station_server_url: confirmation = \"poll\" needs station_server_url (expected the station server's transfer feed, an http(s) URL)"])
        #expect(issues("confirmation = \"poll\"\nstation_server_url = \"ftp://tram/t\"\npoll_interval_seconds = 1\n").map(\.description) == [
            "test.toml:15: payments.station_server_url: \"ftp://tram/t\" is not a http/https URL (expected a URL (http or https))",
            "test.toml:16: payments.poll_interval_seconds: 1 is outside 2...600 (expected an integer from 2 to 600)",
        ])
        #expect(issues("confirmation = \"callback\"\n").map(\.description)
                == ["test.toml:9: payments.callback_secret_file: confirmation = \"callback\" needs callback_secret_file (expected the path of a file holding the shared secret, mode 0600)"])
        #expect(issues("confirmation = \"callback\"\ncallback_secret_file = \"cb.secret\"\n").map(\.description)
                == ["test.toml:15: payments.callback_secret_file: \"cb.secret\" is not an absolute path (expected an absolute path)"])
    }

    @Test func aKeyOfAnotherModeIsAnError() {
        #expect(issues("station_server_url = \"https://tram.example.invalid/t\"\n").map(\.description)
                == ["test.toml:14: payments.station_server_url: is used only with confirmation = \"poll\" (expected no station_server_url with confirmation = \"manual\")"])
        #expect(issues("confirmation = \"poll\"\nstation_server_url = \"https://t.invalid/t\"\ncallback_secret_file = \"/etc/cb\"\n").map(\.description)
                == ["test.toml:16: payments.callback_secret_file: is used only with confirmation = \"callback\" (expected no callback_secret_file with confirmation = \"poll\")"])
        #expect(issues("confirmation = \"callback\"\ncallback_secret_file = \"/etc/cb\"\npoll_interval_seconds = 5\n").map(\.keyPath)
                == ["payments.poll_interval_seconds"])
    }

    static let secret = "4f6b0c1e9a2d7b3c8e5f1a0d6c2b9e7f"

    @Test func theCallbackSecretFileIsReadWhenOnlyItsOwnerMayReadIt() throws {
        let file = try BHXHConfigTests.write(Self.secret + "\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(try CallbackSecretFile.load(path: file) == Self.secret)
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: file)
        #expect(try CallbackSecretFile.load(path: file) == Self.secret)
    }

    @Test func aSecretFileOthersMayReadOrAShortSecretIsRefusedWithoutShowingIt() throws {
        let open = try BHXHConfigTests.write(Self.secret, mode: 0o644)
        defer { try? FileManager.default.removeItem(atPath: open) }
        let error = #expect(throws: ConfigError.self) { try CallbackSecretFile.load(path: open) }
        #expect(error?.detail == "\(open): the callback secret file has mode 644 (expected 600 or 400: readable by the service user only; chmod 600 it)")

        let short = try BHXHConfigTests.write("short secret", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: short) }
        let weak = #expect(throws: ConfigError.self) { try CallbackSecretFile.load(path: short) }
        #expect(weak?.issues.first?.kind == .invalidValue)
        #expect(weak?.detail.contains("12 characters (expected one line of at least 32") == true)
        #expect(weak?.detail.contains("short secret") == false)

        let missing = #expect(throws: ConfigError.self) { try CallbackSecretFile.load(path: "/nonexistent/cb.secret") }
        #expect(missing?.issues.first?.kind == .unreadableFile)
    }

    @Test func theCallbackGateFollowsTheConfigAndComparesTheWholeToken() throws {
        let file = try BHXHConfigTests.write(Self.secret, mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let manual = try #require(try parse(""))
        #expect(TransferCallbackGate(settings: { manual }).check(token: Self.secret) == .disabled(mode: "manual"))
        #expect(TransferCallbackGate(settings: { nil }).check(token: Self.secret) == .disabled(mode: "no [payments]"))
        let callback = try #require(try parse("confirmation = \"callback\"\ncallback_secret_file = \"\(file)\"\n"))
        let gate = TransferCallbackGate(settings: { callback })
        #expect(gate.check(token: Self.secret) == .admitted)
        #expect(gate.check(token: nil) == .refused)
        #expect(gate.check(token: String(Self.secret.dropLast())) == .refused, "a prefix of the secret")
        #expect(gate.check(token: Self.secret + "0") == .refused, "the secret and more")
        #expect(gate.check(token: String(Self.secret.dropLast()) + "0") == .refused)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file)
        guard case .unusable(let problem) = gate.check(token: Self.secret) else { Issue.record("a readable secret file was used"); return }
        #expect(!problem.contains(Self.secret))
    }
}
