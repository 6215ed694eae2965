import Foundation
public import Store

/// Turns outbox records into FHIR R4 resources and one `transaction` Bundle per batch.
///
/// | outbox kind | resources |
/// |---|---|
/// | `visit.opened` | `Patient`, `Coverage` (when the insurance is known), `Encounter` |
/// | `visit.status-changed` | `Encounter` with the new status |
/// | `payment.recorded` | `ChargeItem` + `Invoice` |
/// | `payment.updated` | `Invoice` with the new status |
/// | `identity.checked` | `AuditEvent` |
/// | `sync.probe` | `AuditEvent` tagged `HTEST` (test data) |
///
/// Every entry is a conditional create (`ifNoneExist`) on an identifier carrying the outbox id,
/// or, with ``FHIRWriteMode/put``, a PUT to a client id made of the same outbox id, so a batch
/// sent twice creates nothing twice. Ids and searches never carry personal data;
/// resources of one visit or payment are tied together by the kiosk's record identifiers.
public struct FHIRMapper: Sendable {
    /// Identifier systems and the station.
    public let options: FHIRMappingOptions

    /// A mapper with `options`.
    public init(options: FHIRMappingOptions) {
        self.options = options
    }

    /// The bundle for `records`, in order. Records that cannot be mapped are left out and
    /// listed in ``TransactionBundle/unmapped``. `residents` supplies Patient and Coverage data.
    public func transaction(for records: [OutboxRecord], residents: [ResidentKey: ResidentDetails] = [:]) throws -> TransactionBundle {
        var entries: [FHIRJSON] = []
        var owners: [Int] = []
        var mapped: [OutboxRecord] = []
        var unmapped: [(record: OutboxRecord, error: SyncError)] = []
        for record in records {
            do {
                let recordEntries = try self.entries(for: record, resident: residents[record.subject])
                entries += recordEntries.map(\.json)
                owners += Array(repeating: mapped.count, count: recordEntries.count)
                mapped.append(record)
            } catch let error as SyncError {
                unmapped.append((record, error))
            }
        }
        let bundle: FHIRJSON = ["resourceType": "Bundle", "type": "transaction", "entry": .array(entries)]
        return TransactionBundle(body: try bundle.encoded(), records: mapped, entryOwners: owners, unmapped: unmapped)
    }

    /// The entries one record maps to; throws ``SyncFailure/mapping``.
    func entries(for record: OutboxRecord, resident: ResidentDetails?) throws -> [FHIREntry] {
        do {
            switch record.kind {
            case .visitOpened:
                return visitOpened(record, try record.decodePayload(as: Visit.self), resident: resident)
            case .visitStatusChanged:
                return [encounter(record, try record.decodePayload(as: Visit.self), patient: nil)]
            case .paymentRecorded:
                return paymentRecorded(record, try record.decodePayload(as: Payment.self))
            case .paymentUpdated:
                return [invoice(record, try record.decodePayload(as: Payment.self), chargeItem: nil)]
            case .identityChecked:
                return [auditEvent(record, try record.decodePayload(as: IdentityCheck.self))]
            case .syncProbe:
                return [probe(record)]
            default:
                throw SyncError(.mapping, "no FHIR mapping for outbox kind '\(record.kind)' (record \(record.id))")
            }
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError(.mapping, "record \(record.id) of kind '\(record.kind)': unreadable payload")
        }
    }

    /// Entry `role` of `record`: its name, and its conditional-create search and identifier
    /// (or, in PUT mode, its client id: the same outbox value).
    func entry(_ record: OutboxRecord, role: EntryRole, _ resource: FHIRJSON) -> FHIREntry {
        FHIREntry(fullUrl: FHIRBuilding.entryName(record.id, role: role.rawValue), resource: resource,
                  ifNoneExist: "identifier=\(options.outboxSystem)|\(outboxValue(record, role))",
                  clientID: options.writeMode == .put ? outboxValue(record, role) : nil)
    }

    /// The idempotency identifier of entry `role` of `record`.
    func outboxIdentifier(_ record: OutboxRecord, _ role: EntryRole) -> FHIRJSON {
        FHIRBuilding.identifier(options.outboxSystem, outboxValue(record, role))
    }

    func outboxValue(_ record: OutboxRecord, _ role: EntryRole) -> String {
        role == .main ? record.id.rawValue : "\(record.id.rawValue).\(role.name)"
    }

    /// The kiosk's identifier system for records of `kind` (`visit`, `payment`, `bill`, `queue`).
    func recordSystem(_ kind: String) -> String { options.recordSystemPrefix + kind }

    /// A logical reference to the resident's Patient, by the resident key.
    func residentReference(_ key: ResidentKey) -> FHIRJSON {
        FHIRBuilding.reference(options.residentSystem, key.rawValue, type: "Patient")
    }

    /// The station, as a logical reference to its Organization.
    func stationReference(_ stationID: String? = nil) -> FHIRJSON {
        FHIRBuilding.reference(options.stationSystem, stationID ?? options.stationID, type: "Organization")
    }
}

/// The resources one record may produce, in bundle order.
enum EntryRole: Int, Sendable {
    case patient = 1, coverage = 2, chargeItem = 3, main = 0

    var name: String {
        switch self {
        case .patient: "patient"
        case .coverage: "coverage"
        case .chargeItem: "charge"
        case .main: "main"
        }
    }
}
