import EMRTD
import Foundation
import KioskCore
import Store
import Testing
import VirtualCard

/// The check-in from the card to the visit, through pcscd + vpcd with the virtual CCCD, the test
/// trust store and a real SQLite file: the queue numbers, the records and their outbox rows, the
/// registry, and what a rejected card, a wrong CAN and a pulled card leave behind.
extension LiveCardTests {
@Suite("Check-in through pcscd + vpcd")
struct CheckInFlowTests {
    let profile: VirtualCCCDProfile
    let directory: URL
    let database: KioskDatabase
    let flow: CheckInFlow

    init() throws {
        try CardEnvironment.requireAvailable()
        profile = try CardEnvironment.profile()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("checkin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try KioskDatabase(stateDirectory: directory.path)
        let config = try ConfigLoader.load(path: CardEnvironment.repositoryRoot.appendingPathComponent("config/kioskd.example.toml").path)
        flow = CheckInFlow(database: database,
                           trustStore: try TrustStore(directory: CardEnvironment.fixtures.appendingPathComponent("trust")),
                           settings: .init(station: config.station, verification: config.verification),
                           secret: KioskSecret(bytes: [UInt8](repeating: 7, count: 32)))
    }

    /// Checks in with the card made of `keys` and `tamper`, opened with `can`.
    func checkIn(_ keys: VirtualCCCD.Keys = .init(), tamper: Set<VirtualCCCD.Tamper> = [], can: String? = nil,
                 removeAfter: Int? = nil) async throws -> Result<CheckInResult, CheckInError> {
        let card = try VirtualCCCD(profile: profile, tamper: tamper, keys: keys)
        let client = VPCDClient(applet: try card.applet(), options: .init(port: CardEnvironment.port, removeAfter: removeAfter))
        let key = try AccessKey.can(can ?? profile.effectiveCAN)
        return try await CardEnvironment.withCard(client) { connection in
            do throws(CheckInError) {
                return .success(try await flow.checkIn(channel: connection, key: key, service: "kham-benh"))
            } catch {
                return .failure(error)
            }
        }
    }

    @Test("a genuine card: visit 1 then 2 of the day, identity check with it, resident registered from the card, outbox rows for both")
    func genuineCard() async throws {
        let first = try await checkIn().get()
        #expect(first.visit.queueNumber == 1)
        #expect(first.visit.residentKey == ResidentKey(profile.idNumber))
        #expect(first.visit.stationID == "01820" && first.visit.service == "kham-benh")
        #expect(first.decision.accepted && first.decision.warnings.isEmpty, "\(first.decision)")
        let identityCheck = try await database.records.identityChecks(visitID: first.visit.id).first
        #expect(identityCheck?.decision == .accepted)
        #expect(identityCheck?.verdicts["passive-auth"] == .passed && identityCheck?.verdicts["chip-auth"] == .passed)
        #expect(first.registeredFromCard)
        #expect(first.ticket == .noPrinter)
        #expect(first.insurance == nil)

        let registered = try #require(try await database.residents.resident(idNumber: profile.idNumber))
        #expect(registered.fullName == profile.fullName)
        #expect(registered.dateOfBirth == profile.dateOfBirth && registered.sex == .female)

        let second = try await checkIn().get()
        #expect(second.visit.queueNumber == 2)
        #expect(!second.registeredFromCard)
        let kinds = try await database.outbox.list().map(\.kind)
        #expect(kinds.filter { $0 == .visitOpened }.count == 2)
        #expect(kinds.filter { $0 == .identityChecked }.count == 2)
    }

    @Test("a resident the registry knows keeps the register's record (insurance code, household) untouched")
    func knownResident() async throws {
        let known = Resident(idNumber: profile.idNumber, fullName: profile.fullName, dateOfBirth: profile.dateOfBirth, sex: .female,
                             householdID: "HK-0042", insuranceCode: "GD4797912345678", updatedAt: Date(timeIntervalSince1970: 1_700_000_000))
        _ = try await database.residents.upsert([known])
        let result = try await checkIn().get()
        #expect(!result.registeredFromCard)
        let stored = try #require(try await database.residents.resident(idNumber: profile.idNumber))
        #expect(stored.insuranceCode == "GD4797912345678" && stored.householdID == "HK-0042")
    }

    @Test("altered DG13: rejected, the identity check recorded as rejected without a visit, nothing registered")
    func tamperedCard() async throws {
        let outcome = try await checkIn(tamper: [.dg13])
        guard case .failure(let error) = outcome else { Issue.record("a tampered card was checked in"); return }
        #expect(error.reason == .rejected)
        #expect(error.detail.contains("13"), "\(error.detail)")
        let records = try await database.outbox.list()
        #expect(records.map(\.kind) == [.identityChecked])
        #expect(try await database.residents.resident(idNumber: profile.idNumber) == nil)
    }

    @Test("a wrong CAN: wrongAccessKey, and nothing is recorded")
    func wrongCAN() async throws {
        let outcome = try await checkIn(can: "000000")
        guard case .failure(let error) = outcome else { Issue.record("a wrong CAN opened the card"); return }
        #expect(error.reason == .wrongAccessKey)
        #expect(try await database.outbox.list().isEmpty)
    }

    @Test("the card pulled during the read: cardRemoved, nothing recorded; the next check-in gets queue number 1")
    func pulledCard() async throws {
        let outcome = try await checkIn(removeAfter: 12)
        guard case .failure(let error) = outcome else { Issue.record("a pulled card was checked in"); return }
        #expect(error.reason == .cardRemoved, "\(error)")
        #expect(try await database.outbox.list().isEmpty)
        let next = try await checkIn().get()
        #expect(next.visit.queueNumber == 1)
    }
}
}
