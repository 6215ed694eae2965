public import Foundation
import Payments
import Store

/// Answers the `payments.*` control-socket commands with the payment desk: `list`, `report`,
/// and the staff actions `start`, `cancel`, `void`, `refund`, `confirm`, `resolve`.
public struct PaymentCommands: Sendable {
    /// The desk the commands act on (the local API hands it the station server's callbacks).
    public let desk: PaymentDesk
    let staff: StaffAuthenticator

    /// Commands on `desk`, staff checked by `staff`.
    public init(desk: PaymentDesk, staff: StaffAuthenticator) {
        self.desk = desk
        self.staff = staff
    }

    /// The commands this answers.
    public static let names = ["payments.list", "payments.report", "payments.start", "payments.cancel", "payments.void",
                               "payments.refund", "payments.confirm", "payments.resolve"]

    /// The answer to `command` with its payment fields; a failure is the error's text.
    public func respond(_ command: String, _ request: PaymentControlRequest, now: Date = Date()) async -> (answer: PaymentControlAnswer?, error: String?) {
        do {
            return (try await answer(command, request, now: now), nil)
        } catch {
            return (nil, "\(error)")
        }
    }

    /// The commands that need no staff login on the control socket (reading only).
    public static let readOnly: Set<String> = ["payments.list", "payments.report"]

    func answer(_ command: String, _ request: PaymentControlRequest, now: Date) async throws -> PaymentControlAnswer {
        let who = Self.readOnly.contains(command) ? "" : try await authenticate(username: request.staff ?? "", password: request.password ?? "")
        return try await perform(command, request, staff: who, now: now)
    }

    /// The staff member's name when `password` is theirs (``StaffAuthenticator``); otherwise a
    /// ``PaymentDeskFailure/unauthorized`` error that does not say which part was wrong.
    public func authenticate(username: String, password: String) async throws -> String {
        try await staff.authenticateOffPool(username: username, password: password)
    }

    /// Runs `command` for the staff member `who`, already authenticated by the caller (the
    /// control socket's request fields, the local API's HTTP Basic login); staff actions are
    /// recorded as `staff:<who>`. `request.staff` and `request.password` are not looked at.
    public func perform(_ command: String, _ request: PaymentControlRequest, staff who: String, now: Date = Date()) async throws -> PaymentControlAnswer {
        let records = desk.database.records
        let day = request.day ?? records.stationDay(of: now)
        switch command {
        case "payments.list":
            return PaymentControlAnswer(payments: try await desk.entries(day: day).map(Self.summary))
        case "payments.report":
            let (report, entries) = try await desk.report(day: day)
            guard request.csv == true else { return PaymentControlAnswer(report: report) }
            return PaymentControlAnswer(report: report, csv: ReconciliationCSV.payments(entries, report: report), totalsCSV: ReconciliationCSV.totals(report))
        default:
            break
        }
        guard !who.isEmpty else { throw PaymentDeskError(.unauthorized, "\(command.prefix(40)) is a staff action: a staff login is needed") }
        switch command {
        case "payments.start":
            let visit = try required(request.visitID, "visit id")
            let method = PaymentMethod(rawValue: try required(request.method, "method"))
            guard [PaymentMethod.vietQR, .card, .cash].contains(method) else {
                throw PaymentDeskError(.invalidInput, "method \"\(method.rawValue.prefix(20))\": expected vietqr, card or cash")
            }
            let amount: PaymentAmount
            switch (request.service, request.amountVND) {
            case (let service?, nil): amount = .fee(service: service)
            case (nil, let value?): amount = .entered(value, staff: who)
            default: throw PaymentDeskError(.invalidInput, "start: give either a fee-table service or an amount, not \(request.service == nil ? "neither" : "both")")
            }
            guard try await records.visit(id: VisitID(rawValue: visit)) != nil else { throw PaymentDeskError(.notFound, "no visit \(visit.prefix(40))") }
            if method == .card { try desk.checkTerminalReady() }
            let started = try await desk.start(visit: VisitID(rawValue: visit), method: method, amount: amount,
                                               attemptKey: try required(request.attemptKey, "attempt key"))
            switch method {
            case .vietQR:
                let (shown, payload) = try await desk.presentVietQR(started.id)
                return PaymentControlAnswer(payments: [Self.summary(shown)], vietQRPayload: payload)
            case .card:
                return PaymentControlAnswer(payments: [Self.summary(try await desk.chargeCard(started.id))])
            default:
                return PaymentControlAnswer(payments: [Self.summary(started)])
            }
        case "payments.cancel":
            return try await one(desk.cancel(id(request), actor: "staff:\(who)"))
        case "payments.void", "payments.refund":
            return try await one(desk.reverse(id(request), to: command == "payments.void" ? .voided : .refunded, staff: who,
                                              bankReference: request.bankReference))
        case "payments.confirm":
            let paymentID = try id(request)
            let outcome = try await desk.confirmByHand(paymentID, bankReference: try required(request.bankReference, "bank reference"), staff: who)
            guard case .matched = outcome else { throw PaymentDeskError(.invalidInput, "confirmation not applied: \(outcome)") }
            return try await one(desk.existing(paymentID))
        case "payments.resolve":
            return try await one(desk.resolveCard(id(request)))
        default:
            throw PaymentDeskError(.invalidInput, "unknown payments command \"\(command.prefix(40))\" (expected \(Self.names.joined(separator: ", ")))")
        }
    }

    private func id(_ request: PaymentControlRequest) throws -> PaymentID {
        PaymentID(rawValue: try required(request.paymentID, "payment id"))
    }

    private func required(_ value: String?, _ what: String) throws -> String {
        guard let value, !value.isEmpty else { throw PaymentDeskError(.invalidInput, "missing \(what)") }
        return value
    }

    private func one(_ payment: Payment) -> PaymentControlAnswer {
        PaymentControlAnswer(payments: [Self.summary(payment)])
    }

    static func summary(_ payment: Payment) -> PaymentSummary {
        PaymentSummary(id: payment.id.rawValue, billNumber: payment.billNumber, method: payment.method.rawValue, status: payment.status.rawValue,
                       amountVND: payment.amountVND, bankReference: payment.providerReference, terminalReference: payment.terminalReference)
    }

    static func summary(_ entry: ReconciliationEntry) -> PaymentSummary {
        PaymentSummary(id: entry.paymentID, billNumber: entry.billNumber, method: entry.method, status: entry.status.rawValue,
                       amountVND: entry.amountVND, bankReference: entry.providerReference, terminalReference: entry.terminalReference)
    }
}
