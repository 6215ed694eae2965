public import Foundation
public import Store

/// The insurance check a check-in makes: a recent answer is reused, otherwise the provider is
/// asked within its time limit; when it fails (unreachable, timeout, 5xx, malformed, refused
/// login, a result code that says nothing about the card) the newest earlier answer is shown,
/// marked stale with its age. Every check is recorded in the store's insurance-check log.
public struct InsuranceChecker: Sendable {
    /// The portal.
    public let provider: any InsuranceProvider
    private let log: InsuranceCheckLog
    private let cacheLifetime: TimeInterval
    private let now: @Sendable () -> Date

    /// A checker asking `provider` and recording in `database`; an answer younger than
    /// `cacheLifetime` is reused without asking (zero: always ask).
    public init(provider: any InsuranceProvider, database: KioskDatabase, cacheLifetime: Duration = .seconds(3600),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.provider = provider
        self.log = database.insuranceChecks
        self.cacheLifetime = TimeInterval(cacheLifetime.components.seconds)
        self.now = now
    }

    /// Checks `subject`'s card. Throws ``HealthIDError`` when the subject lacks the identifier the
    /// provider sends, `StoreError` when the log cannot be read or written; a failing portal
    /// never throws: it yields a stale answer or none.
    public func check(_ subject: InsuranceSubject) async throws -> InsuranceCheckOutcome {
        let key = try subject.personKey(provider.identifierKind)
        let started = now()
        let last = try await log.lastAnswer(personKey: key)
        let lastAnswer = last.flatMap { entry in entry.answer.flatMap { try? InsuranceCardAnswer(json: $0) } }
        if let last, let lastAnswer, cacheLifetime > 0, started.timeIntervalSince(last.checkedAt) < cacheLifetime {
            try await log.record(InsuranceCheckEntry(personKey: key, checkedAt: started, source: .cache,
                                                     resultCode: lastAnswer.result.code, definitive: true))
            return InsuranceCheckOutcome(source: .cache, answer: lastAnswer, answeredAt: last.checkedAt,
                                         age: started.timeIntervalSince(last.checkedAt), failure: nil)
        }

        let failure: HealthIDError
        var inconclusive: InsuranceCardAnswer?
        let attempt: Result<InsuranceCardAnswer, HealthIDError>
        do throws(HealthIDError) {
            attempt = .success(try await provider.check(subject))
        } catch {
            attempt = .failure(error)
        }
        switch attempt {
        case .success(let answer):
            let answeredAt = now()
            try await log.record(InsuranceCheckEntry(personKey: key, checkedAt: answeredAt, source: .portal,
                                                     resultCode: answer.result.code, definitive: answer.isDefinitive,
                                                     answer: answer.json))
            if answer.isDefinitive {
                return InsuranceCheckOutcome(source: .portal, answer: answer, answeredAt: answeredAt, age: 0, failure: nil)
            }
            inconclusive = answer
            failure = HealthIDError(.portalFailed, what: "insurance portal card check", expected: "a result about the card",
                                    found: "maKetQua \(answer.result.code) (\(answer.result.status.rawValue))")
        case .failure(let error):
            failure = error
        }

        let checkedAt = now()
        if let last, let lastAnswer {
            try await log.record(InsuranceCheckEntry(personKey: key, checkedAt: checkedAt, source: .stale,
                                                     resultCode: lastAnswer.result.code, definitive: true, failure: failure.description))
            return InsuranceCheckOutcome(source: .stale, answer: lastAnswer, answeredAt: last.checkedAt,
                                         age: checkedAt.timeIntervalSince(last.checkedAt), failure: failure)
        }
        try await log.record(InsuranceCheckEntry(personKey: key, checkedAt: checkedAt, source: .none,
                                                 resultCode: inconclusive?.result.code, failure: failure.description))
        return InsuranceCheckOutcome(source: .none, answer: inconclusive, answeredAt: inconclusive == nil ? nil : checkedAt,
                                     age: 0, failure: failure)
    }
}
