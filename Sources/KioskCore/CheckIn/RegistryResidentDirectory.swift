import Foundation
public import Store
public import Sync

/// The resident registry as the sync engine's directory: the citizen ID, insurance card code
/// and registered facility of a resident key (the citizen ID number, see ``CardResident``) for
/// the `Patient` and `Coverage` sent with a visit.
public struct RegistryResidentDirectory: ResidentDirectory {
    private let registry: ResidentRegistry

    /// A directory over `database`'s registry.
    public init(database: KioskDatabase) {
        registry = database.residents
    }

    public func details(for resident: ResidentKey) async -> ResidentDetails? {
        let id = resident.rawValue
        guard id.count == 12, id.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let known = try? await registry.resident(idNumber: id) else { return ResidentDetails(citizenID: id) }
        return ResidentDetails(citizenID: id, insuranceCode: known.insuranceCode, registeredFacility: known.registeredFacility)
    }
}
