import Foundation
import Testing
import HealthID
import Store

/// The cached, offline-tolerant insurance check: the BHXH provider against `bhxh-test-portal`
/// and a real database file.
@Suite("Insurance check with cache and stale answers")
struct InsuranceCheckerTests {
    struct Setup {
        let scratch: ScratchDirectory
        let database: KioskDatabase
        let portal: PortalProcess
        let provider: BHXHPortal
        let clock: ManualClock
        let checker: InsuranceChecker

        init(cacheLifetime: Duration = .zero, timeLimit: Duration = .seconds(20)) throws {
            scratch = try ScratchDirectory()
            database = try scratch.openDatabase()
            portal = try PortalProcess()
            clock = ManualClock()
            provider = try BHXHPortal(configuration: portal.configuration(timeLimit: timeLimit), now: clock.source)
            checker = InsuranceChecker(provider: provider, database: database, cacheLifetime: cacheLifetime, now: clock.source)
        }

        var key: String { "card-code:DN4010123456789" }

        func history() async throws -> [InsuranceCheckEntry] {
            try await database.insuranceChecks.history(personKey: key)
        }
    }

    @Test func aFreshAnswerIsRecordedThenReusedWithinTheCacheLifetime() async throws {
        let setup = try Setup(cacheLifetime: .seconds(600))
        defer { Task { await setup.provider.shutdown() } }
        let first = try await setup.checker.check(PortalProcess.an)
        #expect(first.source == .portal)
        #expect(first.status == .valid)
        #expect(first.age == 0)
        setup.clock.advance(300)
        let second = try await setup.checker.check(PortalProcess.an)
        #expect(second.source == .cache)
        #expect(second.age == 300)
        #expect(second.answer?.result.code == "000")
        #expect(try await setup.portal.stats().checks == 1, "the cached answer did not ask the portal")
        setup.clock.advance(301)
        #expect(try await setup.checker.check(PortalProcess.an).source == .portal, "an answer older than the lifetime is not reused")
        let history = try await setup.history()
        #expect(history.map(\.source) == [.portal, .cache, .portal])
        #expect(history.first?.resultCode == "000")
        #expect(history.first?.definitive == true)
    }

    @Test(arguments: ["500", "malformed", "delay=30000", "close"])
    func whenThePortalFailsTheLastAnswerIsShownStaleWithItsAge(_ fault: String) async throws {
        let setup = try Setup(timeLimit: .seconds(5))
        defer { Task { await setup.provider.shutdown() } }
        #expect(try await setup.checker.check(PortalProcess.an).source == .portal)
        setup.clock.advance(3 * 3600 + 300)
        try await setup.portal.addFaults([fault])
        let outcome = try await setup.checker.check(PortalProcess.an)
        #expect(outcome.source == .stale)
        #expect(outcome.isStale)
        #expect(outcome.status == .valid)
        #expect(outcome.age == 3 * 3600 + 300)
        #expect(outcome.failure != nil)
        #expect(outcome.description.hasPrefix("valid (000), stale: 3 h 5 min old (healthid.portal"), "\(outcome)")
        let last = try await setup.history().last
        #expect(last?.source == .stale)
        #expect(last?.failure?.hasPrefix("healthid.portal") == true)
    }

    @Test func anUnreachablePortalWithNothingKnownGivesNoAnswerAndRecordsIt() async throws {
        let setup = try Setup()
        defer { Task { await setup.provider.shutdown() } }
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        var configuration = setup.portal.configuration()
        configuration.portalURL = refusing.url
        let provider = try BHXHPortal(configuration: configuration)
        defer { Task { await provider.shutdown() } }
        let checker = InsuranceChecker(provider: provider, database: setup.database, cacheLifetime: .zero)
        let outcome = try await checker.check(PortalProcess.an)
        #expect(outcome.source == .none)
        #expect(outcome.answer == nil)
        #expect(outcome.status == .portalError)
        #expect(outcome.failure?.reason == .portalUnreachable)
        #expect(try await setup.history().map(\.source) == [.none])
    }

    @Test func anAnswerThatSaysNothingAboutTheCardFallsBackToTheLastOne() async throws {
        let setup = try Setup()
        defer { Task { await setup.provider.shutdown() } }
        // The portal's own failure code (101) for a card never checked: no answer about the card.
        let scripted = PortalProcess.scripted("101")
        let none = try await setup.checker.check(scripted)
        #expect(none.source == .none)
        #expect(none.answer?.result.code == "101", "the portal's code is kept for staff")
        #expect(none.failure?.detail == "insurance portal card check: expected a result about the card, found maKetQua 101 (portalError)")

        // A card answered before: the definitive answer is shown stale.
        #expect(try await setup.checker.check(PortalProcess.an).status == .valid)
        setup.clock.advance(60)
        try await setup.portal.addFaults(["result-401", "result-401"])
        let stale = try await setup.checker.check(PortalProcess.an)
        #expect(stale.source == .stale)
        #expect(stale.failure?.reason == .portalAuthentication)
        #expect(stale.age == 60)
    }

    @Test func definitiveNegativeAnswersAreCachedToo() async throws {
        let setup = try Setup()
        defer { Task { await setup.provider.shutdown() } }
        let expired = PortalProcess.scripted("010")
        #expect(try await setup.checker.check(expired).status == .expired)
        try await setup.portal.addFaults(["503"])
        let stale = try await setup.checker.check(expired)
        #expect(stale.source == .stale)
        #expect(stale.status == .expired)
    }

    @Test func theCheckNeedsTheIdentifierTheProviderSends() async throws {
        let setup = try Setup()
        defer { Task { await setup.provider.shutdown() } }
        let withoutCard = InsuranceSubject(citizenID: PortalProcess.an.citizenID, fullName: "Nguyễn Văn An", dateOfBirth: PortalProcess.an.dateOfBirth)
        await #expect(throws: HealthIDError.self) { try await setup.checker.check(withoutCard) }
    }

    @Test func ageTexts() {
        #expect(InsuranceCheckOutcome.ageText(42) == "42 s")
        #expect(InsuranceCheckOutcome.ageText(125) == "2 min")
        #expect(InsuranceCheckOutcome.ageText(3 * 3600 + 5 * 60 + 9) == "3 h 5 min")
        #expect(InsuranceCheckOutcome.ageText(2 * 86_400 + 4 * 3600) == "2 d 4 h")
    }
}
