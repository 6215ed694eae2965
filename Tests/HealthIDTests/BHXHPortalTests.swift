import Foundation
import Testing
import HealthID

/// The BHXH provider against `bhxh-test-portal` over real HTTP on 127.0.0.1.
@Suite("BHXH portal card check")
struct BHXHPortalTests {
    @Test func logsInWithTheUpperCaseMD5AndSendsTheDocumentedFields() async throws {
        let portal = try PortalProcess()
        let provider = try BHXHPortal(configuration: portal.configuration())
        defer { Task { await provider.shutdown() } }
        let answer = try await provider.check(PortalProcess.an)
        #expect(answer.result.code == "000")
        #expect(answer.result.status == .valid)
        #expect(answer.validTo == "31/12/2026")
        #expect(answer.registeredFacility == "01001")
        #expect(answer.careHistoryCount == 2)
        #expect(answer.checkHistoryCount == 1)

        let (query, body) = try await portal.lastCheck()
        #expect(query["username"] == PortalProcess.username)
        // MD5("Mật khẩu 1!") of its UTF-8 bytes, upper-case (python3 -c 'import hashlib; print(hashlib.md5("Mật khẩu 1!".encode()).hexdigest().upper())').
        #expect(query["password"] == "CC2285857E370DB69CC09BEBCD0942B5")
        #expect(query["token"] == "access-1+/=", "a token with + / = survives the query encoding")
        #expect(query["id_token"] == "id-1")
        #expect(body == ["maThe": "DN4010123456789", "hoTen": "Nguyễn Văn An", "ngaySinh": "14/03/1990",
                         "hoTenCb": "Lê Thị Cán Bộ", "cccdCb": PortalProcess.staffID])
    }

    @Test func everyDocumentedResultCodeIsMapped() async throws {
        let portal = try PortalProcess()
        let provider = try BHXHPortal(configuration: portal.configuration())
        defer { Task { await provider.shutdown() } }
        for code in InsuranceResultCode.documented where code != "401" {
            let answer = try await provider.check(PortalProcess.scripted(code))
            #expect(answer.result.code == code)
            #expect(answer.result.status == InsuranceResultCode(code).status)
            #expect(answer.result.status != .unknown, "code \(code)")
            #expect(answer.note == "scripted \(code)")
        }
        #expect(try await portal.stats().logins == 1, "one login serves every check while its token lasts")
    }

    @Test func nameAndBirthMismatchesAndUnknownCards() async throws {
        let portal = try PortalProcess()
        let provider = try BHXHPortal(configuration: portal.configuration())
        defer { Task { await provider.shutdown() } }
        var wrongName = PortalProcess.an
        wrongName.fullName = "Nguyễn Văn Ân"
        #expect(try await provider.check(wrongName).result.code == "060")
        var wrongBirth = PortalProcess.an
        wrongBirth.dateOfBirth = try BirthDate("1990-03-15")
        #expect(try await provider.check(wrongBirth).result.status == .mismatch)
        let stranger = InsuranceSubject(cardCode: try InsuranceCardCode("HT3790987654321"), fullName: "Ai Đó", dateOfBirth: try BirthDate("1970-01-01"))
        #expect(try await provider.check(stranger).result.status == .notFound)
    }

    @Test(arguments: [(InsuranceIdentifierKind.socialInsuranceNumber, "0123456789"), (.citizenID, "001090012345"), (.cardCode, "DN4010123456789")])
    func theIdentifierSentIsConfigurable(_ kind: InsuranceIdentifierKind, _ sent: String) async throws {
        let portal = try PortalProcess()
        let provider = try BHXHPortal(configuration: portal.configuration(kind: kind))
        defer { Task { await provider.shutdown() } }
        #expect(try await provider.check(PortalProcess.an).result.code == "000")
        #expect(try await portal.lastCheck().body["maThe"] == sent)
    }

    @Test func aMissingIdentifierFailsBeforeAnyRequest() async throws {
        let portal = try PortalProcess()
        let provider = try BHXHPortal(configuration: portal.configuration(kind: .citizenID))
        defer { Task { await provider.shutdown() } }
        let noID = InsuranceSubject(cardCode: PortalProcess.an.cardCode, fullName: "Nguyễn Văn An", dateOfBirth: PortalProcess.an.dateOfBirth)
        let error = await #expect(throws: HealthIDError.self) { try await provider.check(noID) }
        #expect(error?.detail == "insurance check: expected a citizen ID number for the person, as the portal is asked by citizen-id, found none")
        let stats = try await portal.stats()
        #expect(stats.logins == 0 && stats.checks == 0)
    }

    @Test func theTokenIsKeptUntilItExpiresThenRenewed() async throws {
        let portal = try PortalProcess()
        let clock = ManualClock()
        let provider = try BHXHPortal(configuration: portal.configuration(), now: clock.source)
        defer { Task { await provider.shutdown() } }
        _ = try await provider.check(PortalProcess.an)
        _ = try await provider.check(PortalProcess.an)
        #expect(try await portal.stats().logins == 1)
        clock.advance(3600)
        _ = try await provider.check(PortalProcess.an)
        let stats = try await portal.stats()
        #expect(stats.logins == 2, "the token's expires_in passed: a new login before the check")
        #expect(stats.refusedTokens == 0, "the expired token was never sent")
    }

    @Test(arguments: ["401", "result-401"])
    func aRefusedTokenLeadsToOneReloginAndTheAnswer(_ fault: String) async throws {
        let portal = try PortalProcess()
        let provider = try BHXHPortal(configuration: portal.configuration())
        defer { Task { await provider.shutdown() } }
        _ = try await provider.check(PortalProcess.an)
        try await portal.addFaults([fault])
        #expect(try await provider.check(PortalProcess.an).result.code == "000")
        let stats = try await portal.stats()
        #expect(stats.logins == 2)
        #expect(stats.checks == 3)
    }

    @Test func tokensRevokedOnThePortalSideAreRenewed() async throws {
        let portal = try PortalProcess()
        let provider = try BHXHPortal(configuration: portal.configuration())
        defer { Task { await provider.shutdown() } }
        _ = try await provider.check(PortalProcess.an)
        try await portal.expireTokens()
        #expect(try await provider.check(PortalProcess.an).result.status == .valid)
        #expect(try await portal.stats().logins == 2)
    }

    @Test func aSecondRefusalIsAnAuthenticationError() async throws {
        let portal = try PortalProcess(faults: ["401", "result-401"])
        let provider = try BHXHPortal(configuration: portal.configuration())
        defer { Task { await provider.shutdown() } }
        let error = await #expect(throws: HealthIDError.self) { try await provider.check(PortalProcess.an) }
        #expect(error?.reason == .portalAuthentication)
        #expect(try await portal.stats().logins == 2, "exactly one re-login")
    }

    @Test func aWrongPasswordIsAnAuthenticationErrorWithoutSecrets() async throws {
        let portal = try PortalProcess()
        let provider = try BHXHPortal(configuration: portal.configuration(password: "sai-mat-khau"))
        defer { Task { await provider.shutdown() } }
        let error = await #expect(throws: HealthIDError.self) { try await provider.check(PortalProcess.an) }
        #expect(error?.reason == .portalAuthentication)
        #expect(error?.detail == "insurance portal login: expected an APIKey with an access_token, found maKetQua 401 and no token")
        #expect(try await portal.stats().checks == 0)
    }

    @Test(arguments: [
        ("500", HealthIDError.Reason.portalFailed, "insurance portal card check: expected HTTP 200, found HTTP 500"),
        ("503", .portalFailed, "insurance portal card check: expected HTTP 200, found HTTP 503"),
        ("malformed", .portalMalformed, "insurance portal card check: expected a JSON object with maKetQua, found text that is not a JSON object"),
        ("login-500", .portalFailed, "insurance portal login: expected HTTP 200 with tokens, found HTTP 500"),
    ])
    func portalFailuresAreTypedErrors(_ fault: String, _ reason: HealthIDError.Reason, _ detail: String) async throws {
        let portal = try PortalProcess(faults: [fault])
        let provider = try BHXHPortal(configuration: portal.configuration())
        defer { Task { await provider.shutdown() } }
        let error = await #expect(throws: HealthIDError.self) { try await provider.check(PortalProcess.an) }
        #expect(error?.reason == reason)
        #expect(error?.detail == detail)
        #expect(try await provider.check(PortalProcess.an).result.code == "000", "the next check works")
    }

    @Test(arguments: ["delay=5000", "login-delay=5000"])
    func aSlowPortalIsATimeout(_ fault: String) async throws {
        let portal = try PortalProcess(faults: [fault])
        let provider = try BHXHPortal(configuration: portal.configuration(timeLimit: .milliseconds(400)))
        defer { Task { await provider.shutdown() } }
        let error = await #expect(throws: HealthIDError.self) { try await provider.check(PortalProcess.an) }
        #expect(error?.reason == .portalTimeout)
        #expect(error?.detail.contains(": expected an answer within 400 ms, found none in time") == true, "\(String(describing: error))")
    }

    @Test func aClosedConnectionIsUnreachable() async throws {
        let portal = try PortalProcess(faults: ["close"])
        let provider = try BHXHPortal(configuration: portal.configuration())
        defer { Task { await provider.shutdown() } }
        let error = await #expect(throws: HealthIDError.self) { try await provider.check(PortalProcess.an) }
        #expect(error?.reason == .portalUnreachable)
        #expect(try await provider.check(PortalProcess.an).result.code == "000", "the next check works")
    }

    @Test func aRefusedConnectionIsUnreachable() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        var configuration = try PortalProcess().configuration()
        configuration.portalURL = refusing.url
        let provider = try BHXHPortal(configuration: configuration)
        defer { Task { await provider.shutdown() } }
        let error = await #expect(throws: HealthIDError.self) { try await provider.check(PortalProcess.an) }
        #expect(error?.reason == .portalUnreachable)
        #expect(error?.detail.hasPrefix("insurance portal login: expected an answer within 20000 ms, found ") == true, "\(String(describing: error))")
    }

    @Test func aBadURLIsAConfigurationError() {
        let credentials = BHXHCredentials(username: "u", password: "p", staffName: "s", staffIDNumber: "001085000123")
        #expect(throws: HealthIDError(.portalConfiguration, what: "insurance portal URL", expected: "http(s)://host[/path]", found: "\"ftp://x\"")) {
            try BHXHPortal(configuration: BHXHConfiguration(portalURL: "ftp://x", credentials: credentials))
        }
    }

    @Test func secretsAndPersonalDataPrintRedacted() throws {
        let credentials = BHXHCredentials(username: "tram", password: "bí mật", staffName: "Lê Thị Cán Bộ", staffIDNumber: "001085000123")
        #expect("\(credentials)" == "BHXHCredentials(<redacted>)")
        #expect("\(PortalProcess.an)" == "InsuranceSubject(<redacted>)")
        let answer = try InsuranceCardAnswer(json: Data(#"{"maKetQua":"000","hoTen":"Nguyễn Văn An","maThe":"DN4010123456789"}"#.utf8))
        #expect("\(answer)" == "InsuranceCardAnswer(maKetQua: 000, <redacted>)")
    }
}
