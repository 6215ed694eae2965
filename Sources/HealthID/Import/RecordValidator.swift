import Foundation
import Store

/// Turns a registry row's fields into a ``Resident``, checking every field; the first problem
/// found rejects the row.
struct RecordValidator {
    /// A rejected field: why, and the offending text for the operator.
    struct Rejection: Error {
        let error: HealthIDError
        let value: String
    }

    /// Today in the station's zone: ID numbers may not encode a later birth year, nor dates of
    /// birth lie after it.
    let today: BirthDate

    static let maximumLengths: [RegistryColumn: Int] = [
        .fullName: 100, .address: 300, .householdID: 40, .registeredFacility: 20,
    ]

    func resident(from fields: [String: String]) -> Result<Resident, Rejection> {
        do {
            return .success(try validate(fields))
        } catch {
            return .failure(error)
        }
    }

    private func validate(_ fields: [String: String]) throws(Rejection) -> Resident {
        for column in RegistryColumn.required where (fields[column.rawValue] ?? "").trimmingSpaces.isEmpty {
            throw Rejection(error: HealthIDError(.invalidField, what: "column \(column.rawValue)", expected: "a value",
                                                 found: "an empty field"), value: "")
        }
        let value = { (column: RegistryColumn) in fields[column.rawValue]?.trimmingSpaces ?? "" }
        let dateOfBirth = try check(value(.dateOfBirth)) { text throws(HealthIDError) in try BirthDate(text) }
        guard dateOfBirth <= today else {
            throw Rejection(error: HealthIDError(.invalidField, what: "date of birth", expected: "a date not after today",
                                                 found: "a date in the future"), value: value(.dateOfBirth))
        }
        let sex = try value(.sex).isEmpty ? nil : check(value(.sex)) { text throws(HealthIDError) in try Self.sex(text) }
        let id = try check(value(.idNumber)) { text throws(HealthIDError) in
            try CitizenID(text, dateOfBirth: dateOfBirth, sex: sex, today: today)
        }
        let name = value(.fullName)
        guard !ResidentName.fold(name).isEmpty else {
            throw Rejection(error: HealthIDError(.invalidField, what: "full name", expected: "at least one letter"), value: name)
        }
        let card = try value(.insuranceCode).isEmpty ? nil : check(value(.insuranceCode)) { text throws(HealthIDError) in
            try InsuranceCardCode(text)
        }
        let updatedAt = try check(value(.updatedAt)) { text throws(HealthIDError) in
            try RegistryTimestamp.parse(text, what: "updated_at")
        }
        for (column, limit) in Self.maximumLengths where value(column).count > limit {
            throw Rejection(error: HealthIDError(.invalidField, what: "column \(column.rawValue)",
                                                 expected: "at most \(limit) characters", found: "\(value(column).count)"),
                            value: "")
        }
        let optional = { (column: RegistryColumn) -> String? in value(column).isEmpty ? nil : value(column) }
        return Resident(idNumber: id.digits, fullName: name, dateOfBirth: dateOfBirth.iso, sex: sex ?? id.sex,
                        address: optional(.address), householdID: optional(.householdID), insuranceCode: card?.code,
                        registeredFacility: optional(.registeredFacility), updatedAt: updatedAt)
    }

    private func check<T>(_ text: String, _ parse: (String) throws(HealthIDError) -> T) throws(Rejection) -> T {
        do {
            return try parse(text)
        } catch {
            throw Rejection(error: error, value: text)
        }
    }

    /// `male`/`female`, `M`/`F`, `nam`/`nữ`, any case.
    static func sex(_ text: String) throws(HealthIDError) -> ResidentSex {
        switch ResidentName.fold(text) {
        case "male", "m", "nam": return .male
        case "female", "f", "nu": return .female
        default: throw HealthIDError(.invalidField, what: "sex", expected: "male or female (also M/F, nam/nữ)")
        }
    }
}
