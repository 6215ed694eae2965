import Foundation
import Store

extension FHIRMapper {
    /// `identity.checked`: an AuditEvent (DICOM "User Authentication") whose outcome follows the
    /// decision, with one entity detail per verdict. The document hash is not sent.
    func auditEvent(_ record: OutboxRecord, _ check: IdentityCheck) -> FHIREntry {
        let outcome: String = switch check.decision {
        case .accepted: "0"
        case .acceptedWithWarning: "4"
        case .rejected: "8"
        }
        let details: [FHIRJSON] = check.verdicts.keys.sorted().map { name in
            ["type": .string(name), "valueString": .string(check.verdicts[name]?.rawValue ?? "")]
        }
        var entities: [FHIRJSON] = [FHIRJSON.compact([
            "what": check.residentKey.map(residentReference),
            "type": FHIRBuilding.coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"),
            "description": "citizen ID card checks",
            "detail": details.isEmpty ? nil : .array(details),
        ])]
        if let visit = check.visitID {
            entities.append(["what": FHIRBuilding.reference(recordSystem("visit"), visit.rawValue, type: "Encounter")])
        }
        let resource: FHIRJSON = [
            "resourceType": "AuditEvent",
            "type": FHIRBuilding.coding("http://dicom.nema.org/resources/ontology/DCM", "110114", "User Authentication"),
            "action": "E",
            "recorded": FHIRBuilding.instant(check.checkedAt),
            "outcome": .string(outcome),
            "outcomeDesc": .string("identity \(check.decision.rawValue) (record \(record.id.rawValue))"),
            "agent": [kioskAgent],
            "source": kioskSource,
            "entity": .array(entities),
        ]
        return entry(record, role: .main, resource)
    }

    /// `sync.probe`: a harmless AuditEvent tagged as test data, naming only the kiosk.
    func probe(_ record: OutboxRecord) -> FHIREntry {
        let resource: FHIRJSON = [
            "resourceType": "AuditEvent",
            "meta": ["tag": [FHIRBuilding.coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "HTEST", "test health data")]],
            "type": FHIRBuilding.coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"),
            "action": "C",
            "recorded": FHIRBuilding.instant(record.createdAt),
            "outcome": "0",
            "outcomeDesc": .string("sync probe \(record.id.rawValue)"),
            "agent": [kioskAgent],
            "source": kioskSource,
        ]
        return entry(record, role: .main, resource)
    }

    /// The kiosk as the acting device.
    var kioskAgent: FHIRJSON {
        [
            "type": FHIRBuilding.concept("http://terminology.hl7.org/CodeSystem/extra-security-role-type", "datacollector", "data collector"),
            "who": FHIRBuilding.reference(recordSystem("kiosk"), options.kioskID, type: "Device"),
            "requestor": false,
        ]
    }

    /// The station as the observer.
    var kioskSource: FHIRJSON {
        ["site": .string(options.stationID), "observer": FHIRBuilding.reference(recordSystem("kiosk"), options.kioskID, type: "Device")]
    }
}
