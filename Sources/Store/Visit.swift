public import Foundation

/// Where a visit stands; the values follow FHIR R4 `Encounter.status`.
public enum VisitStatus: String, Codable, Sendable, CaseIterable {
    /// Checked in, waiting to be called.
    case arrived
    /// With a health worker.
    case inProgress = "in-progress"
    /// Seen and done.
    case finished
    /// Withdrawn before being seen.
    case cancelled
}

/// What the check-in flow supplies to open a visit; the store adds the id, queue number and times.
public struct NewVisit: Sendable {
    /// The commune health station (and kiosk) the visit belongs to.
    public var stationID: String
    /// Whose visit it is.
    public var residentKey: ResidentKey
    /// The service asked for (a code from the station's configuration).
    public var service: String
    /// Starting status; normally ``VisitStatus/arrived``.
    public var status: VisitStatus

    /// Describes a visit to open.
    public init(stationID: String, residentKey: ResidentKey, service: String, status: VisitStatus = .arrived) {
        self.stationID = stationID
        self.residentKey = residentKey
        self.service = service
        self.status = status
    }
}

/// A stored visit: one resident's check-in at a station, with its queue number for that day.
public struct Visit: Codable, Sendable, Equatable {
    /// Time-ordered identifier.
    public let id: VisitID
    /// The station it belongs to.
    public let stationID: String
    /// The station-local day, `YYYY-MM-DD`, on which the queue number was given.
    public let localDay: String
    /// Position in the station's queue that day, from 1.
    public let queueNumber: Int
    /// Whose visit it is.
    public let residentKey: ResidentKey
    /// The service asked for.
    public let service: String
    /// Where the visit stands.
    public var status: VisitStatus
    /// When it was opened.
    public let createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
}
