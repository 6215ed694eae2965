import Foundation
import Store

/// Small builders for the FHIR datatypes the mapping uses.
enum FHIRBuilding {
    /// FHIR `instant` / `dateTime`: UTC with milliseconds.
    static func instant(_ date: Date) -> FHIRJSON {
        .string(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    /// FHIR `date`: `YYYY-MM-DD` in Vietnam's time zone.
    static func day(_ date: Date) -> FHIRJSON {
        var style = Date.ISO8601FormatStyle().year().month().day()
        style.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .gmt
        return .string(date.formatted(style))
    }

    static func identifier(_ system: String, _ value: String) -> FHIRJSON {
        ["system": .string(system), "value": .string(value)]
    }

    /// A logical reference: the target is named by a business identifier, not a server id.
    static func reference(_ system: String, _ value: String, type: String? = nil, display: String? = nil) -> FHIRJSON {
        FHIRJSON.compact([
            "identifier": identifier(system, value),
            "type": type.map(FHIRJSON.string),
            "display": display.map(FHIRJSON.string),
        ])
    }

    /// A reference to another entry of the same bundle, by its `fullUrl`.
    static func reference(fullUrl: String) -> FHIRJSON {
        ["reference": .string(fullUrl)]
    }

    static func coding(_ system: String, _ code: String, _ display: String? = nil) -> FHIRJSON {
        FHIRJSON.compact(["system": .string(system), "code": .string(code), "display": display.map(FHIRJSON.string)])
    }

    static func concept(_ system: String, _ code: String, _ display: String? = nil) -> FHIRJSON {
        ["coding": [coding(system, code, display)]]
    }

    static func money(_ amountVND: Int64) -> FHIRJSON {
        ["value": .integer(amountVND), "currency": "VND"]
    }

    /// `urn:uuid:` name of entry `role` of record `id` inside one bundle: the outbox UUID with
    /// its version digit set to 8 (so it is never an outbox id itself) and its last digit
    /// replaced by the role. The same record always gives the same names.
    static func entryName(_ id: OutboxID, role: Int) -> String {
        var characters = Array(id.rawValue)
        if characters.count == 36 {
            characters[14] = "8"
            characters[35] = Character(String(role, radix: 16))
        }
        return "urn:uuid:" + String(characters)
    }
}
