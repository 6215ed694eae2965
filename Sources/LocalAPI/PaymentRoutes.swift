import Foundation
import HTTPTypes
import Hummingbird
import KioskCore
import Logging

/// The staff endpoints, each a thin translation of HTTP to a ``PaymentCommands`` command run for
/// the staff member of the Basic login (recorded as `staff:<name>` as on the control socket):
///
///     GET  /api/payments?date=YYYY-MM-DD                  the day's payments
///     POST /api/payments                                  start one (201)
///     POST /api/payments/{id}/cancel|void|refund|confirm  act on one
///     GET  /api/payments/report?date=…&format=json|csv|totals-csv
struct PaymentRoutes: Sendable {
    let commands: PaymentCommands?
    let bodyLimit: Int
    let logger: Logger

    static let actions = ["cancel", "void", "refund", "confirm"]

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/payments") { request, _ in
            let who = try await login(request)
            let answer = try await run("payments.list", PaymentControlRequest(day: request.query("date")), who)
            return JSONResponse.make(PaymentList(payments: answer.payments ?? []))
        }
        router.post("/api/payments") { request, _ in
            var request = request
            let who = try await login(request)
            let body = try await request.decodeJSON(StartBody.self, limit: bodyLimit, shape: StartBody.shape)
            let attempt = body.attemptKey ?? request.headers[.idempotencyKey]
            guard let attempt, !attempt.isEmpty else {
                throw APIError.badRequest("attemptKey", "missing attempt_key (or an Idempotency-Key header): it names the attempt, so that a resent request starts nothing new")
            }
            let command = PaymentControlRequest(visitID: body.visitID, method: body.method, service: body.fee, amountVND: body.amountVND, attemptKey: attempt)
            let answer = try await run("payments.start", command, who)
            return JSONResponse.make(OnePayment(payment: answer.payments?.first, vietqrPayload: answer.vietQRPayload), status: .created)
        }
        router.post("/api/payments/:id/:action") { request, context in
            var request = request
            let id = context.parameters.get("id") ?? ""
            let action = context.parameters.get("action") ?? ""
            guard Self.actions.contains(action) else {
                throw APIError.notFound("no payment action \"\(action.prefix(20))\" (expected \(Self.actions.joined(separator: ", ")))")
            }
            let who = try await login(request)
            let body = try await request.decodeJSON(ActionBody.self, limit: bodyLimit, shape: ActionBody.shape, emptyAllowed: true)
            let answer = try await run("payments.\(action)", PaymentControlRequest(paymentID: id, bankReference: body.bankReference), who)
            return JSONResponse.make(OnePayment(payment: answer.payments?.first, vietqrPayload: nil))
        }
        router.get("/api/payments/report") { request, _ in
            let who = try await login(request)
            let format = request.query("format") ?? "json"
            guard ["json", "csv", "totals-csv"].contains(format) else {
                throw APIError.badRequest("format", "format \"\(format.prefix(20))\" (expected json, csv or totals-csv)")
            }
            let answer = try await run("payments.report", PaymentControlRequest(day: request.query("date"), csv: format != "json"), who)
            switch format {
            case "csv": return csv(answer.csv ?? "", name: "payments")
            case "totals-csv": return csv(answer.totalsCSV ?? "", name: "totals")
            default: return JSONResponse.make(answer.report)
            }
        }
    }

    private func login(_ request: Request) async throws(APIError) -> String {
        try await StaffLogin.authenticate(request, with: try available())
    }

    private func available() throws(APIError) -> PaymentCommands {
        guard let commands else {
            throw APIError(status: .notFound, code: "api.paymentsDisabled", message: "this kiosk takes no payments ([payments] is not configured)")
        }
        return commands
    }

    private func run(_ command: String, _ request: PaymentControlRequest, _ who: String) async throws -> PaymentControlAnswer {
        let answer = try await available().perform(command, request, staff: who)
        if !PaymentCommands.readOnly.contains(command) {
            logger.info("local API: staff payment action", metadata: [
                "api.command": "\(command)", "staff.name": "\(who)", "payment.id": "\(answer.payments?.first?.id ?? "-")",
            ])
        }
        return answer
    }

    private func csv(_ text: String, name: String) -> Response {
        var response = JSONResponse.text(text, contentType: "text/csv; charset=utf-8")
        response.headers[.contentDisposition] = "attachment; filename=\"\(name).csv\""
        return response
    }
}

/// `POST /api/payments`.
struct StartBody: Decodable {
    var visitID: String
    var method: String
    var fee: String?
    var amountVND: Int64?
    var attemptKey: String?

    static let shape = "{\"visit_id\", \"method\": \"vietqr\" | \"card\", \"fee\": code or \"amount_vnd\": whole đồng, \"attempt_key\"}"

    enum CodingKeys: String, CodingKey {
        case visitID = "visit_id", method, fee, amountVND = "amount_vnd", attemptKey = "attempt_key"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        visitID = try container.decode(String.self, forKey: .visitID)
        method = try container.decode(String.self, forKey: .method)
        fee = try container.decodeIfPresent(String.self, forKey: .fee)
        attemptKey = try container.decodeIfPresent(String.self, forKey: .attemptKey)
        if container.contains(.amountVND), try !container.decodeNil(forKey: .amountVND) {
            amountVND = try container.decodeWholeNumber(forKey: .amountVND)
        }
    }
}

/// `POST /api/payments/{id}/{action}`.
struct ActionBody: Decodable {
    var bankReference: String?

    static let shape = "{\"bank_reference\": the bank's reference} (confirm; void or refund of a VietQR payment), or no body"

    enum CodingKeys: String, CodingKey {
        case bankReference = "bank_reference"
    }
}

/// `GET /api/payments`.
struct PaymentList: Encodable {
    var payments: [PaymentSummary]
}

/// One payment, with the VietQR payload to show after a start.
struct OnePayment: Encodable {
    var payment: PaymentSummary?
    var vietqrPayload: String?
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}
