import Foundation
import Store

extension FHIRMapper {
    /// `visit.opened`: the resident's Patient, their Coverage when the insurance is known, and
    /// the Encounter (status `arrived`, class AMB, served by the station).
    func visitOpened(_ record: OutboxRecord, _ visit: Visit, resident: ResidentDetails?) -> [FHIREntry] {
        let patient = entry(record, role: .patient, patientResource(record, visit.residentKey, resident))
        var entries = [patient]
        if let resident, let code = resident.insuranceCode {
            entries.append(entry(record, role: .coverage, coverageResource(record, code, resident, patient: patient.fullUrl)))
        }
        entries.append(encounter(record, visit, patient: patient.fullUrl))
        return entries
    }

    /// The Encounter of a visit; `patient` is the bundle name of its Patient, or nil to reference
    /// the Patient by the resident key.
    func encounter(_ record: OutboxRecord, _ visit: Visit, patient: String?) -> FHIREntry {
        let resource = FHIRJSON.compact([
            "resourceType": "Encounter",
            "identifier": [
                outboxIdentifier(record, .main),
                FHIRBuilding.identifier(recordSystem("visit"), visit.id.rawValue),
                FHIRBuilding.identifier(recordSystem("queue"), "\(visit.stationID)/\(visit.localDay)/\(visit.queueNumber)"),
            ],
            "status": .string(visit.status.rawValue),
            "class": FHIRBuilding.coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"),
            "type": [FHIRBuilding.concept(recordSystem("service"), visit.service)],
            "subject": patient.map(FHIRBuilding.reference(fullUrl:)) ?? residentReference(visit.residentKey),
            "period": FHIRJSON.compact([
                "start": FHIRBuilding.instant(visit.createdAt),
                "end": visit.status == .finished || visit.status == .cancelled ? FHIRBuilding.instant(visit.updatedAt) : nil,
            ]),
            "serviceProvider": stationReference(visit.stationID),
        ])
        return entry(record, role: .main, resource)
    }

    func patientResource(_ record: OutboxRecord, _ key: ResidentKey, _ resident: ResidentDetails?) -> FHIRJSON {
        var identifiers = [outboxIdentifier(record, .patient), FHIRBuilding.identifier(options.residentSystem, key.rawValue)]
        if let citizenID = resident?.citizenID, options.residentSystem != options.citizenIDSystem || citizenID != key.rawValue {
            identifiers.append(FHIRBuilding.identifier(options.citizenIDSystem, citizenID))
        }
        if let insurance = resident?.insuranceCode {
            identifiers.append(FHIRBuilding.identifier(options.insuranceSystem, insurance))
        }
        return ["resourceType": "Patient", "identifier": .array(identifiers), "active": true]
    }

    func coverageResource(_ record: OutboxRecord, _ code: String, _ resident: ResidentDetails, patient: String) -> FHIRJSON {
        let validity: FHIRJSON? = resident.insuranceValidFrom == nil && resident.insuranceValidTo == nil ? nil
            : FHIRJSON.compact(["start": resident.insuranceValidFrom.map(FHIRBuilding.day),
                                "end": resident.insuranceValidTo.map(FHIRBuilding.day)])
        let facility: FHIRJSON? = resident.registeredFacility.map { facility in
            [[
                "type": FHIRBuilding.concept("http://terminology.hl7.org/CodeSystem/coverage-class", "plan"),
                "value": .string(facility),
                "name": "registered primary care facility",
            ]]
        }
        return FHIRJSON.compact([
            "resourceType": "Coverage",
            "identifier": [outboxIdentifier(record, .coverage), FHIRBuilding.identifier(options.insuranceSystem, code)],
            "status": "active",
            "beneficiary": FHIRBuilding.reference(fullUrl: patient),
            "payor": [["display": "Vietnam Social Security (BHXH)"]],
            "period": validity,
            "class": facility,
        ])
    }
}
