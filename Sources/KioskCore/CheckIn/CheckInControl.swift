import EMRTD
import Foundation

/// The fields of a `checkin` control-socket request: a technician's check-in of the card in a
/// reader, to prove the whole path (card, records, ticket, insurance) on a kiosk.
public struct CheckInControlRequest: Codable, Sendable, Equatable {
    /// The card's CAN (the last six digits of the ID number).
    public var can: String
    /// The reader to use; nil: the configured readers.
    public var reader: String?
    /// The service of the visit.
    public var service: String
    /// Seconds to wait for the card to be put down.
    public var waitSeconds: Int

    /// A request for the card with `can`.
    public init(can: String, reader: String? = nil, service: String = CheckInControlRequest.defaultService, waitSeconds: Int = 10) {
        self.can = can
        self.reader = reader
        self.service = service
        self.waitSeconds = waitSeconds
    }

    /// The general examination (khám bệnh).
    public static let defaultService = "kham-benh"
}

/// What a check-in produced, without personal data: the visit, the decision, the ticket, the
/// insurance answer's code and the read's figures.
public struct CheckInControlAnswer: Codable, Sendable, Equatable {
    public var visitID: String
    public var queueNumber: Int
    public var day: String
    public var service: String
    /// `accepted` or `accepted-with-warning`.
    public var decision: String
    public var warnings: [String]
    public var registeredFromCard: Bool
    /// `printed`, `no-printer` or `failed: …`.
    public var ticket: String
    /// Where the insurance answer came from (`portal`, `cache`, `stale`, `none`); nil without a portal.
    public var insuranceSource: String?
    /// The portal's result code (`maKetQua`), when it answered.
    public var insuranceResult: String?
    public var apdus: Int
    public var elapsedMs: Int

    /// The answer for `result`.
    public init(_ result: CheckInResult) {
        visitID = result.visit.id.description
        queueNumber = result.visit.queueNumber
        day = result.visit.localDay
        service = result.visit.service
        decision = IdentityCheckRecording.decision(result.decision).rawValue
        warnings = result.decision.warnings
        registeredFromCard = result.registeredFromCard
        ticket = switch result.ticket {
        case .printed: "printed"
        case .noPrinter: "no-printer"
        case .failed(let why): "failed: \(why)"
        }
        insuranceSource = result.insurance?.source.rawValue
        insuranceResult = result.insurance?.answer?.result.code
        apdus = result.statistics.apdus
        elapsedMs = result.statistics.elapsedMilliseconds
    }
}

extension CheckInDesk {
    /// The answer to a `checkin` request; a failure is the error's text (its code first).
    public func respond(_ request: CheckInControlRequest) async -> (answer: CheckInControlAnswer?, error: String?) {
        guard (1...300).contains(request.waitSeconds) else { return (nil, "checkin: waitSeconds \(request.waitSeconds) is outside 1...300") }
        let key: AccessKey
        do {
            key = try .can(request.can)
        } catch {
            return (nil, "checkin: the CAN is six digits")
        }
        do throws(CheckInError) {
            let result = try await checkIn(key: key, service: request.service, reader: request.reader, wait: .seconds(request.waitSeconds))
            return (CheckInControlAnswer(result), nil)
        } catch {
            return (nil, "\(error)")
        }
    }
}
