public import Foundation
public import Store

/// What a check-in learns about a resident's insurance card: an answer and where it came from,
/// or why there is none. Prints without personal data.
public struct InsuranceCheckOutcome: Sendable, CustomStringConvertible {
    /// Where the answer came from: the portal now, a recent cached answer, an older answer
    /// shown because the portal failed (stale), or nothing.
    public let source: InsuranceCheckSource
    /// The answer shown; nil when the portal failed and nothing was known.
    public let answer: InsuranceCardAnswer?
    /// When the portal gave `answer`.
    public let answeredAt: Date?
    /// Seconds between `answeredAt` and the check; 0 for an answer from the portal now.
    public let age: TimeInterval
    /// Why the portal gave no answer about the card this time (stale and none only).
    public let failure: HealthIDError?

    /// Describes an outcome.
    public init(source: InsuranceCheckSource, answer: InsuranceCardAnswer?, answeredAt: Date?, age: TimeInterval,
                failure: HealthIDError?) {
        self.source = source
        self.answer = answer
        self.answeredAt = answeredAt
        self.age = age
        self.failure = failure
    }

    /// The card's status as shown; `portalError` when there is no answer.
    public var status: InsuranceCheckStatus { answer?.result.status ?? .portalError }

    /// Whether the answer is an older one shown because the portal failed now.
    public var isStale: Bool { source == .stale }

    /// "valid (000) from the portal", "valid (000), stale: 3 h 5 min old (healthid.portalTimeout)".
    public var description: String {
        var text = answer.map { "\(status.rawValue) (\($0.result.code))" } ?? "unknown"
        switch source {
        case .portal: text += " from the portal"
        case .cache: text += ", cached \(Self.ageText(age)) ago"
        case .stale: text += ", stale: \(Self.ageText(age)) old"
        case .none: text += ", no answer"
        }
        if let failure { text += " (\(failure.code))" }
        return text
    }

    /// "45 s", "12 min", "3 h 5 min", "2 d 4 h".
    public static func ageText(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds))
        switch total {
        case ..<60: return "\(total) s"
        case ..<3600: return "\(total / 60) min"
        case ..<86_400: return "\(total / 3600) h \(total % 3600 / 60) min"
        default: return "\(total / 86_400) d \(total % 86_400 / 3600) h"
        }
    }
}
