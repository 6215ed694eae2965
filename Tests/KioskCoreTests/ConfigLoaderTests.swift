import Foundation
import Testing
@testable import KioskCore

/// The config file check: the shipped example passes, and each kind of problem is reported
/// with its line, its key path and what was expected — all of them at once.
@Suite struct ConfigLoaderTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let minimal = """
        [station]
        facility_code = "01820"
        name = "Trạm Y tế xã Hòa Bình"
        kiosk_id = "kiosk-01"

        [upstream]
        fhir_base_url = "https://fhir.example.invalid/fhir"
        """

    func issues(_ text: String) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.parse(text: text, file: "test.toml")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func shippedExampleConfigPasses() throws {
        let path = Self.repositoryRoot.appendingPathComponent("config/kioskd.example.toml").path
        let config = try ConfigLoader.load(path: path)
        #expect(config.station.facilityCode.count == 5)
        #expect(config.station.name.contains("Trạm Y tế"))
        #expect(config.payments?.bankBIN.count == 6)
        #expect(config.localAPI.host == "127.0.0.1")
        #expect(config.localAPI.staff.count == 1)
        #expect(config.usbDevices.count == 2)
        #expect(config.usbDevices[0].vendorID == 0x04B8)
    }

    @Test func minimalConfigGetsDefaults() throws {
        let config = try ConfigLoader.parse(text: Self.minimal, file: "test.toml")
        #expect(config.paths.stateDirectory == "/var/lib/health-kiosk")
        #expect(config.control.socketPath == "/run/health-kiosk/control.sock")
        #expect(config.control.socketGroup == "kiosk")
        #expect(config.upstream.connectTimeoutSeconds == 10)
        #expect(config.logging.level == .info)
        #expect(config.payments == nil)
        #expect(config.localAPI.port == 8080)
        #expect(config.sync == KioskConfig.Sync(batchSize: 100, intervalSeconds: 30, retentionDays: 30))
    }

    @Test func unreadableFileIsReported() {
        #expect(throws: ConfigError.self) { try ConfigLoader.load(path: "/nonexistent/kioskd.toml") }
        do {
            _ = try ConfigLoader.load(path: "/nonexistent/kioskd.toml")
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues[0].kind == .unreadableFile)
            #expect(error.issues[0].description.hasPrefix("/nonexistent/kioskd.toml: cannot read"))
        }
    }

    @Test func syntaxErrorNamesTheLine() {
        let found = issues(Self.minimal + "\n[logging]\nlevel = \"info\n")
        #expect(found.count == 1)
        #expect(found.first?.kind == .syntax)
        #expect(found.first?.line == 9)
    }

    @Test func unknownKeyWithLine() {
        let found = issues(Self.minimal.replacingOccurrences(of: "kiosk_id = \"kiosk-01\"", with: "kiosk_id = \"kiosk-01\"\nkiosk_name = \"x\""))
        #expect(found.map(\.kind) == [.unknownKey])
        #expect(found.first?.keyPath == "station.kiosk_name")
        #expect(found.first?.line == 5)
        #expect(found.first?.description == "test.toml:5: station.kiosk_name: unknown key")
    }

    @Test func unknownTableIsReported() {
        let found = issues(Self.minimal + "\n\n[printer]\nwidth = 80\n")
        #expect(found.map(\.keyPath) == ["printer"])
        #expect(found.first?.line == 9)
    }

    @Test func wrongTypeSaysWhatWasExpected() {
        let found = issues(Self.minimal.replacingOccurrences(of: "facility_code = \"01820\"", with: "facility_code = 1820"))
        #expect(found.map(\.kind) == [.wrongType])
        #expect(found.first?.line == 2)
        #expect(found.first?.message.contains("is an integer, expected a 5-character facility code") == true)
    }

    @Test func outOfRangeNamesTheRange() {
        let found = issues(Self.minimal + "\nrequest_timeout_seconds = 0\n")
        #expect(found.map(\.kind) == [.outOfRange])
        #expect(found.first?.keyPath == "upstream.request_timeout_seconds")
        #expect(found.first?.line == 8)
        #expect(found.first?.message.contains("1...600") == true)
    }

    @Test func missingRequiredKeyAndTable() {
        let text = Self.minimal.replacingOccurrences(of: "name = \"Trạm Y tế xã Hòa Bình\"\n", with: "")
            .replacingOccurrences(of: "[upstream]\nfhir_base_url = \"https://fhir.example.invalid/fhir\"", with: "")
        let found = issues(text)
        #expect(Set(found.map(\.keyPath)) == ["station.name", "upstream"])
        #expect(found.allSatisfy { $0.kind == .missingKey })
        // A missing key points at its table's header line.
        #expect(found.first { $0.keyPath == "station.name" }?.line == 1)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let text = """
            [station]
            facility_code = "1"
            name = ""
            kiosk_id = "kiosk 01"
            colour = "blue"

            [upstream]
            fhir_base_url = "ftp://example"
            connect_timeout_seconds = 500

            [payments]
            bank_bin = "97043"
            account = "0011001234567"
            merchant_name = "Trạm Y tế"
            merchant_city = "HA NOI"
            terminal_protocol = "telnet"

            [[usb.devices]]
            family = "qr-scanner"
            id = "0c2e:0b61"

            [[usb.devices]]
            family = "toaster"
            id = "0c2e-0b61"

            [local_api]
            bind = "0.0.0.0:8080"

            [logging]
            level = "loud"
            """
        let found = issues(text)
        let expected: [(String, Int, ConfigIssue.Kind)] = [
            ("station.facility_code", 2, .invalidValue), ("station.name", 3, .invalidValue),
            ("station.kiosk_id", 4, .invalidValue), ("station.colour", 5, .unknownKey),
            ("upstream.fhir_base_url", 8, .invalidValue), ("upstream.connect_timeout_seconds", 9, .outOfRange),
            ("payments.bank_bin", 12, .invalidValue), ("payments.merchant_name", 14, .invalidValue),
            ("payments.terminal_protocol", 16, .invalidValue),
            ("usb.devices[1].family", 23, .invalidValue), ("usb.devices[1].id", 24, .invalidValue),
            ("local_api.bind", 27, .invalidValue), ("logging.level", 30, .invalidValue),
        ]
        #expect(found.count == expected.count)
        for (path, line, kind) in expected {
            let issue = found.first { $0.keyPath == path }
            #expect(issue?.line == line, "line of \(path)")
            #expect(issue?.kind == kind, "kind of \(path)")
        }
        // Sorted by line, as a technician reads the file.
        #expect(found.compactMap(\.line) == found.compactMap(\.line).sorted())
    }

    @Test func clientCertificateNeedsItsKey() {
        let found = issues(Self.minimal + "\nclient_certificate = \"/etc/health-kiosk/client.pem\"\n")
        #expect(found.map(\.keyPath) == ["upstream.client_key"])
        #expect(found.first?.kind == .missingKey)
    }

    @Test func staffPasswordHashFormatIsChecked() {
        let weak = Self.minimal + """

            [local_api]
            [[local_api.staff]]
            username = "thungan"
            password_hash = "pbkdf2-sha256$1000$a2lvc2stZXhhbXBsZS1zYWx0$3blOKMb3lGekd4a0AMe8Z1coU3guhfF/6whPCiCQnuo="
            [[local_api.staff]]
            username = "thungan"
            password_hash = "plaintext"
            """
        let found = issues(weak)
        #expect(found.map(\.keyPath) == ["local_api.staff[0].password_hash", "local_api.staff[1].password_hash"])
        #expect(found[0].message.contains("below 100000"))
        #expect(found[0].line == 11)
        #expect(found[1].line == 14)
    }

    @Test func localAPIMustStayOnLoopback() throws {
        for bind in ["192.168.1.10:8080", "0.0.0.0:8080", "[::]:8080"] {
            #expect(issues(Self.minimal + "\n[local_api]\nbind = \"\(bind)\"\n").map(\.keyPath) == ["local_api.bind"], "\(bind)")
        }
        let config = try ConfigLoader.parse(text: Self.minimal + "\n[local_api]\nbind = \"[::1]:9090\"\n", file: "t")
        #expect(config.localAPI.host == "::1")
        #expect(config.localAPI.port == 9090)
    }

    @Test func multilineStringDoesNotShiftLines() {
        let text = Self.minimal.replacingOccurrences(of: "name = \"Trạm Y tế xã Hòa Bình\"", with: "name = \"\"\"\nTrạm Y tế\nkiosk_id = 3\n\"\"\"")
            + "\nbogus = true\n"
        let found = issues(text)
        #expect(found.map(\.keyPath) == ["upstream.bogus"])
        #expect(found.first?.line == 11)
    }
}
