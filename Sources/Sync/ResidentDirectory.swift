public import Foundation
public import Store

/// What the registry knows of a resident, for `Patient` and `Coverage`. Personal data: it
/// goes into request bodies only, never into logs, URLs or identifiers of the kiosk's own.
public struct ResidentDetails: Sendable, Equatable {
    /// The 12-digit citizen ID number.
    public var citizenID: String?
    /// The health insurance card code.
    public var insuranceCode: String?
    /// First day the insurance card is valid.
    public var insuranceValidFrom: Date?
    /// Last day the insurance card is valid.
    public var insuranceValidTo: Date?
    /// Code of the facility where the resident is registered for primary care.
    public var registeredFacility: String?

    /// Describes a resident.
    public init(citizenID: String? = nil, insuranceCode: String? = nil, insuranceValidFrom: Date? = nil,
                insuranceValidTo: Date? = nil, registeredFacility: String? = nil) {
        self.citizenID = citizenID
        self.insuranceCode = insuranceCode
        self.insuranceValidFrom = insuranceValidFrom
        self.insuranceValidTo = insuranceValidTo
        self.registeredFacility = registeredFacility
    }
}

/// Looks residents up by their key when a visit is sent upstream (the `HealthID` registry
/// provides one). Without it, `Patient` carries the resident key only and no `Coverage` is sent.
public protocol ResidentDirectory: Sendable {
    /// The resident's details, or nil when unknown.
    func details(for resident: ResidentKey) async -> ResidentDetails?
}
