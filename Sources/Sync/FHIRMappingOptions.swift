/// Identifier systems and station facts used when records are turned into FHIR resources.
///
/// Every resource the kiosk creates carries an identifier in ``outboxSystem`` whose value is
/// its outbox id (with a `.role` suffix for the extra resources of one record): the server
/// deduplicates on it, and it holds no personal data.
public struct FHIRMappingOptions: Sendable, Equatable {
    /// The station (commune health station) this kiosk belongs to: `Encounter.serviceProvider`
    /// and the observer of identity checks.
    public var stationID: String
    /// This kiosk's own id, named as the device in audit events.
    public var kioskID: String
    /// System of the 12-digit citizen ID (CCCD).
    public var citizenIDSystem = "http://fhir.hl7.org.vn/core/sid/cccd"
    /// System of the health insurance (BHYT) card code.
    public var insuranceSystem = "http://fhir.hl7.org.vn/core/sid/bhyt"
    /// System of the idempotency identifiers (the outbox ids).
    public var outboxSystem = "urn:health-kiosk:outbox"
    /// System of the stations' identifiers.
    public var stationSystem = "urn:health-kiosk:station"
    /// System of the kiosk's resident keys (never put in a URL). kioskd keys CCCD holders by
    /// their citizen ID number and sets this to ``citizenIDSystem``.
    public var residentSystem = "urn:health-kiosk:resident"
    /// System prefix of the kiosk's own record identifiers (visits, payments, bills).
    public var recordSystemPrefix = "urn:health-kiosk:"
    /// How entries are written: conditional creates (the default) or PUTs with client ids.
    public var writeMode: FHIRWriteMode = .conditionalCreate

    /// Options for a kiosk of `stationID`.
    public init(stationID: String, kioskID: String) {
        self.stationID = stationID
        self.kioskID = kioskID
    }
}

/// How the kiosk writes each resource upstream; both are idempotent, so a batch sent twice
/// stores nothing twice.
public enum FHIRWriteMode: String, Sendable, Equatable, CaseIterable {
    /// `POST Type` with `ifNoneExist: identifier=<outbox system>|<outbox id>`.
    case conditionalCreate = "conditional-create"
    /// `PUT Type/<outbox id>[.role]`: the kiosk chooses the resource id (for servers that do not
    /// support conditional creates in transactions).
    case put
}
