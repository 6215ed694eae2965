public import Store

/// Finds residents in the local registry by what the kiosk or the operator has in hand: the
/// citizen ID number from the chip, the insurance card code, or a name with a date of birth.
///
/// Inputs are validated first (``HealthIDError``); database failures surface as `StoreError`.
public struct Lookup: Sendable {
    private let registry: ResidentRegistry

    /// A lookup over `database`'s resident registry.
    public init(database: KioskDatabase) {
        registry = database.residents
    }

    /// The resident with this 12-digit citizen ID number, if registered.
    public func resident(idNumber: String) async throws -> Resident? {
        try await registry.resident(idNumber: CitizenID(idNumber).digits)
    }

    /// Residents holding this 15-character insurance card code (normally one).
    public func residents(cardCode: String) async throws -> [Resident] {
        try await registry.residents(insuranceCode: InsuranceCardCode(cardCode).code)
    }

    /// Residents born on `dateOfBirth` (`YYYY-MM-DD`) whose name holds every word of `name`,
    /// compared without case or diacritics: "Nguyen Van An" finds "Nguyễn Văn An".
    public func residents(name: String, dateOfBirth: String, limit: Int = 20) async throws -> [Resident] {
        let birth = try BirthDate(dateOfBirth)
        guard !ResidentName.fold(name).isEmpty else {
            throw HealthIDError(.invalidField, what: "name", expected: "at least one letter")
        }
        return try await registry.residents(named: name, bornOn: birth.iso, limit: limit)
    }
}
