import Foundation
import Hummingbird
import KioskCore
import Logging

/// `POST /api/payments/transfers`: the station server reports VietQR transfers (the body of a
/// transfer poll, `{"transfers": [{"bill_number", "amount_vnd", "bank_reference"}]}`) with the
/// shared secret as its bearer token. Each transfer is applied once: a resent one answers
/// `duplicate` and changes nothing; one that pays no bill is kept for the end-of-day report.
struct TransferCallbackRoute: Sendable {
    let gate: TransferCallbackGate
    let commands: PaymentCommands?
    let bodyLimit: Int
    let logger: Logger

    static let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"HealthKiosk transfers\""]

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/payments/transfers") { request, _ in
            var request = request
            try admit(request)
            guard let commands else { throw Self.disabled("this kiosk takes no payments ([payments] is not configured)") }
            let body = try await request.bodyBytes(limit: bodyLimit)
            let outcomes = try await commands.desk.confirmCallback(body)
            let matched = outcomes.filter { if case .matched = $0 { true } else { false } }.count
            logger.info("local API: transfers reported by the station server", metadata: [
                "payments.transfers": "\(outcomes.count)", "payments.matched": "\(matched)",
            ])
            return JSONResponse.make(TransferResults(transfers: outcomes.map(TransferResult.init)))
        }
    }

    private func admit(_ request: Request) throws(APIError) {
        var token: String?
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count == 2, parts[0].lowercased() == "bearer" { token = String(parts[1]).trimmingCharacters(in: .whitespaces) }
        }
        switch gate.check(token: token) {
        case .admitted:
            return
        case .refused:
            logger.notice("local API: transfer callback refused (no or wrong bearer token)")
            throw APIError(status: .unauthorized, code: "api.unauthorized", message: "the bearer token is missing or wrong", headers: Self.challenge)
        case .disabled(let mode):
            throw Self.disabled("transfers are not confirmed by callback here (payments.confirmation: \(mode))")
        case .unusable(let problem):
            logger.error("local API: the callback secret file cannot be used: \(problem)")
            throw APIError(status: .internalServerError, code: "api.callbackSecret", message: "the kiosk's callback secret cannot be read; see its log")
        }
    }

    private static func disabled(_ message: String) -> APIError {
        APIError(status: .forbidden, code: "api.callbackDisabled", message: message)
    }
}

/// The answer: what each reported transfer did, in the order given.
struct TransferResults: Encodable {
    var transfers: [TransferResult]
}

/// What one transfer did: `matched` (with the payment), `duplicate` (with the first outcome) or
/// `unmatched` (with the reason).
struct TransferResult: Encodable {
    var outcome: String
    var paymentID: String?
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case outcome, paymentID = "payment_id", reason
    }

    init(_ outcome: TransferOutcome) {
        switch outcome {
        case .matched(let id): self.outcome = "matched"; paymentID = id
        case .duplicate(let previous): self.outcome = "duplicate"; reason = previous
        case .unmatched(let why): self.outcome = "unmatched"; reason = why
        }
    }
}
