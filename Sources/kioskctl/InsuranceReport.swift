import Foundation
import HealthID
import Store

/// A resident's insurance check as `lookup --config` prints it: JSON keys in snake case, or
/// labelled lines under the registry record.
struct InsuranceReport: Encodable, Sendable {
    /// `valid`, `expired`, `mismatch`, … or `not-checked`.
    let status: String
    /// The portal's `maKetQua`, when there is an answer.
    let result_code: String?
    /// `portal`, `cache`, `stale` or `none`.
    let source: String?
    /// Age of the answer shown, in seconds.
    let age_seconds: Int?
    let stale: Bool
    let english: String?
    let vietnamese: String?
    let valid_from: String?
    let valid_to: String?
    /// Why the portal gave no answer now, or why the check was not made.
    let failure: String?

    init(_ outcome: InsuranceCheckOutcome) {
        status = outcome.status.rawValue
        result_code = outcome.answer?.result.code
        source = outcome.source.rawValue
        age_seconds = Int(outcome.age)
        stale = outcome.isStale
        english = outcome.answer?.result.english
        vietnamese = outcome.answer?.result.vietnamese
        valid_from = outcome.answer?.validFrom
        valid_to = outcome.answer?.validTo
        failure = outcome.failure?.description
    }

    init(notChecked reason: String) {
        status = "not-checked"
        failure = reason
        result_code = nil; source = nil; age_seconds = nil; stale = false
        english = nil; vietnamese = nil; valid_from = nil; valid_to = nil
    }

    var lines: [(String, String?)] {
        var summary = status
        if let result_code { summary += " (\(result_code))" }
        switch source {
        case "portal": summary += ", from the portal"
        case "cache": summary += ", answered \(InsuranceCheckOutcome.ageText(TimeInterval(age_seconds ?? 0))) ago"
        case "stale": summary += ", STALE: the portal's last answer, \(InsuranceCheckOutcome.ageText(TimeInterval(age_seconds ?? 0))) old"
        default: break
        }
        let validity = valid_to.map { "\(valid_from ?? "?") – \($0)" }
        return [("Insurance", summary), ("Insurance says", english), ("Thẻ BHYT", vietnamese), ("Card valid", validity),
                ("Portal failure", failure)]
    }

    /// Checks each resident in turn; a resident the check cannot be made for gets `not-checked`.
    static func check(_ residents: [Resident], with checker: InsuranceChecker) async -> [InsuranceReport] {
        var reports: [InsuranceReport] = []
        for resident in residents {
            do {
                let subject = InsuranceSubject(citizenID: try? CitizenID(resident.idNumber),
                                               cardCode: try resident.insuranceCode.map { try InsuranceCardCode($0) },
                                               fullName: resident.fullName, dateOfBirth: try BirthDate(resident.dateOfBirth))
                reports.append(InsuranceReport(try await checker.check(subject)))
            } catch let error as HealthIDError {
                reports.append(InsuranceReport(notChecked: error.detail))
            } catch {
                reports.append(InsuranceReport(notChecked: "\(error)"))
            }
        }
        return reports
    }
}
