public import EMRTD
public import Foundation
public import HealthID
public import KioskBase
public import SmartCard
public import Store
import USBDevices

/// One resident's self check-in, from the card in the reader to the queue ticket: read the chip
/// with the key from the card's front QR or the typed CAN, check it is genuine, decide by the
/// `[verification]` policy, record the identity check, register a resident the registry lacks,
/// open the visit with the day's queue number (one transaction with its outbox rows), print
/// the ticket, then ask the insurance portal.
///
/// A rejected card records its identity check alone and opens no visit. Nothing personal is
/// logged: errors carry codes and steps only.
public struct CheckInFlow: Sendable {
    /// What a check-in needs from the config.
    public struct Settings: Sendable {
        /// The station the visits belong to and the ticket names.
        public var station: KioskConfig.Station
        /// The genuineness policy and when active authentication runs.
        public var verification: KioskConfig.Verification

        /// Settings for `station` with `verification`.
        public init(station: KioskConfig.Station, verification: KioskConfig.Verification) {
            self.station = station
            self.verification = verification
        }
    }

    private let database: KioskDatabase
    private let trustStore: TrustStore?
    private let settings: Settings
    private let secret: KioskSecret
    private let insurance: InsuranceChecker?
    private let printer: (any TicketPrinting)?
    private let now: @Sendable () -> Date

    /// A flow writing to `database`, chaining Document Signers to `trustStore` (nil: passive
    /// authentication is `notChecked`, which the policy then decides), keying document hashes
    /// with `secret`, asking `insurance` when configured and printing on `printer`.
    public init(database: KioskDatabase, trustStore: TrustStore?, settings: Settings, secret: KioskSecret,
                insurance: InsuranceChecker? = nil, printer: (any TicketPrinting)? = nil,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.trustStore = trustStore
        self.settings = settings
        self.secret = secret
        self.insurance = insurance
        self.printer = printer
        self.now = now
    }

    /// Checks in the holder of the card on `channel`, opened with `key`, for `service`.
    public func checkIn(channel: any CardChannel, key: AccessKey, service: String) async throws(CheckInError) -> CheckInResult {
        let contents = try await read(channel, key)
        let verified = VerifiedIdentity(contents: contents, trustStore: trustStore, at: now())
        let resident = CardResident(contents)
        let documentNumber = contents.dg1?.mrz.documentNumber ?? resident?.idNumber ?? ""
        let recorded: (check: NewIdentityCheck, decision: VerificationPolicy.Decision)
        do {
            recorded = try IdentityCheckRecording.newCheck(
                passive: verified.passive, chip: verified.chip, active: verified.active, policy: settings.verification.policy,
                documentNumber: documentNumber, secret: secret, residentKey: resident?.residentKey)
        } catch {
            throw CheckInError(.storeFailed, "document hash: \(error)")
        }
        guard recorded.decision.accepted, let resident else {
            try await store("identity check") { _ = try await database.records.recordIdentityCheck(recorded.check) }
            if !recorded.decision.accepted {
                throw CheckInError(.rejected, recorded.decision.rejection ?? "the genuineness policy refused the card")
            }
            throw CheckInError(.incompleteCard, "the card gives no usable citizen ID number, name, date of birth or sex")
        }

        let known = try await store("registry lookup") { try await database.residents.resident(idNumber: resident.idNumber) }
        if known == nil {
            try await store("registry insert") { _ = try await database.residents.upsert([resident.registryRecord(at: now())]) }
        }
        let visit = try await store("visit") {
            try await database.records.openVisit(
                NewVisit(stationID: settings.station.facilityCode, residentKey: resident.residentKey, service: service),
                identityCheck: recorded.check)
        }
        let ticket = await printTicket(visit, resident: resident)
        let insuranceOutcome = await checkInsurance(resident, known: known)
        return CheckInResult(visit: visit, decision: recorded.decision,
                             registeredFromCard: known == nil, insurance: insuranceOutcome, ticket: ticket,
                             statistics: contents.statistics)
    }

    private func read(_ channel: any CardChannel, _ key: AccessKey) async throws(CheckInError) -> DocumentContents {
        var options = ReadOptions()
        options.activeAuthentication = settings.verification.activeAuthentication
        do {
            return try await DocumentReader(channel: channel, options: options).read(key: key)
        } catch let error as EMRTDError {
            if case .wrongAccessKey = error { throw CheckInError(.wrongAccessKey, error.detail) }
            throw CheckInError(.readFailed, error.detail)
        } catch let error as SmartCardError {
            throw CheckInError(error.isCardRemoved ? .cardRemoved : .readFailed, "\(error)")
        } catch {
            throw CheckInError(.readFailed, "\(error)")
        }
    }

    private func store<T: Sendable>(_ step: String, _ body: () async throws -> T) async throws(CheckInError) -> T {
        do {
            return try await body()
        } catch {
            throw CheckInError(.storeFailed, "\(step): \(error)")
        }
    }

    private func printTicket(_ visit: Visit, resident: CardResident) async -> TicketOutcome {
        guard let printer else { return .noPrinter }
        let ticket = Ticket(stationName: settings.station.name, queueNumber: String(visit.queueNumber), service: visit.service,
                            time: now(), residentName: Redacted(resident.fullName), visitReference: visit.id.description)
        return await printer.print(ticket)
    }

    /// The portal's answer for the resident's card (by the registry's card code, else the
    /// citizen ID); nil without a portal or when the resident lacks the identifier it needs.
    private func checkInsurance(_ resident: CardResident, known: Resident?) async -> InsuranceCheckOutcome? {
        guard let insurance, let birth = try? BirthDate(resident.dateOfBirth.iso8601) else { return nil }
        let subject = InsuranceSubject(citizenID: try? CitizenID(resident.idNumber),
                                       cardCode: known?.insuranceCode.flatMap { try? InsuranceCardCode($0) },
                                       fullName: resident.fullName, dateOfBirth: birth)
        return try? await insurance.check(subject)
    }
}
