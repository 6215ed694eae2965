import Foundation
import Testing

/// `kioskctl lookup --config`: the registry record with the resident's insurance check at the
/// BHXH test portal, then, with the portal refusing connections, the kiosk's last answer marked stale.
@Suite("kioskctl lookup with the insurance check")
struct LookupInsuranceTests {
    struct Files {
        let scratch: ScratchDirectory
        let config: String
        let credentials: String
    }

    static func prepare(portalURL: String, credentialsMode: Int = 0o600) throws -> Files {
        let scratch = try ScratchDirectory()
        let credentials = try scratch.write("bhxh.toml", """
            username = "\(PortalProcess.username)"
            password = "\(PortalProcess.password)"
            staff_name = "Lê Thị Cán Bộ"
            staff_id_number = "\(PortalProcess.staffID)"
            """)
        try FileManager.default.setAttributes([.posixPermissions: credentialsMode], ofItemAtPath: credentials)
        let config = try scratch.write("kioskd.toml", """
            [station]
            facility_code = "01820"
            name = "Trạm Y tế xã Hòa Bình"
            kiosk_id = "kiosk-01"

            [upstream]
            fhir_base_url = "http://127.0.0.1:9/fhir"
            bhxh_portal_url = "\(portalURL)"
            bhxh_credentials_file = "\(credentials)"
            bhxh_cache_minutes = 0
            bhxh_timeout_ms = 20000
            """)
        let registry = try scratch.write("residents.csv", ImportTests.csv)
        _ = try KioskctlTests.run(["registry", "import", registry, "--state-dir", scratch.stateDirectory])
        return Files(scratch: scratch, config: config, credentials: credentials)
    }

    @Test func theCheckIsPrintedThenShownStaleWhenThePortalRefuses() throws {
        try #require(FileManager.default.isExecutableFile(atPath: KioskctlTests.kioskctl))
        let portal = try PortalProcess()
        let files = try Self.prepare(portalURL: portal.url)
        let state = files.scratch.stateDirectory

        let fresh = try KioskctlTests.run(["lookup", "--id", "001090012345", "--config", files.config, "--state-dir", state])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        let lines = fresh.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("Insurance:           valid (000), from the portal"), "\(lines)")
        #expect(lines.contains("Insurance says:      The health insurance card is valid."))
        #expect(lines.contains("Card valid:          01/01/2026 – 31/12/2026"))

        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let config = try String(contentsOfFile: files.config, encoding: .utf8)
        try config.replacingOccurrences(of: portal.url, with: refusing.url).write(toFile: files.config, atomically: true, encoding: .utf8)
        let stale = try KioskctlTests.run(["lookup", "--id", "001090012345", "--config", files.config, "--state-dir", state, "--json"])
        #expect(stale.status == 0, "\(stale.stderr)")
        let reports = try JSONSerialization.jsonObject(with: Data(stale.stdout.utf8)) as? [[String: Any]]
        let insurance = reports?.first?["insurance"] as? [String: Any]
        #expect(insurance?["source"] as? String == "stale")
        #expect(insurance?["stale"] as? Bool == true)
        #expect(insurance?["status"] as? String == "valid")
        #expect((insurance?["failure"] as? String)?.hasPrefix("healthid.portalUnreachable: insurance portal") == true, "\(stale.stdout)")
        for output in [fresh.stdout + fresh.stderr, stale.stdout + stale.stderr] {
            #expect(!output.contains(PortalProcess.password))
            #expect(!output.contains("CC2285857E370DB69CC09BEBCD0942B5"))
            #expect(!output.contains("access-"))
        }
    }

    @Test func aResidentWithoutACardCodeIsNotChecked() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KioskctlTests.kioskctl))
        let portal = try PortalProcess()
        let files = try Self.prepare(portalURL: portal.url)
        let run = try KioskctlTests.run(["lookup", "--id", "048050000001", "--config", files.config, "--state-dir", files.scratch.stateDirectory])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Insurance:           not-checked"))
        #expect(run.stdout.contains("Portal failure:      insurance check: expected a health-insurance card code for the person"))
        #expect(try await portal.stats().checks == 0)
    }

    @Test func credentialsOthersMayReadAreRefused() throws {
        try #require(FileManager.default.isExecutableFile(atPath: KioskctlTests.kioskctl))
        let files = try Self.prepare(portalURL: "http://127.0.0.1:9", credentialsMode: 0o644)
        let run = try KioskctlTests.run(["lookup", "--id", "001090012345", "--config", files.config, "--state-dir", files.scratch.stateDirectory])
        #expect(run.status == 78)
        #expect(run.stderr == "kioskctl: \(files.credentials): the BHXH credentials file has mode 644 (expected 600 or 400: readable by the service user only; chmod 600 it)\n")
        #expect(run.stdout.isEmpty)
    }
}
