import Foundation
import KioskCore
import Store
import Testing

/// The staff payment endpoints over real loopback HTTP, on a real SQLite file.
@Suite("local API: staff payment endpoints")
struct StaffEndpointTests {
    @Test("no login, a wrong password, an unknown name or another scheme: 401 with a Basic challenge, nothing done")
    func authenticationFailures() async throws {
        let api = try await APIHarness()
        defer { Task { await api.stop() } }
        let start = "{\"visit_id\": \"\(api.visit.id.rawValue)\", \"method\": \"vietqr\", \"fee\": \"kham-benh\", \"attempt_key\": \"a\"}"
        let none = try await api.send(.POST, "/api/payments", body: start)
        #expect(none.status == 401 && none.code == "api.unauthorized")
        #expect(none.headers.first(name: "WWW-Authenticate") == "Basic realm=\"HealthKiosk staff\", charset=\"UTF-8\"")
        let wrong = try await api.staff(.POST, "/api/payments", body: start, password: "wrong horse")
        #expect(wrong.status == 401 && wrong.code == "payments.desk.unauthorized")
        #expect(wrong.message == "staff login refused for \"thu\": unknown name or wrong password")
        #expect(wrong.headers.first(name: "WWW-Authenticate")?.hasPrefix("Basic ") == true)
        let unknown = try await api.staff(.GET, "/api/payments", user: "lan")
        #expect(unknown.status == 401 && unknown.message == "staff login refused for \"lan\": unknown name or wrong password")
        let bearer = try await api.send(.GET, "/api/payments", headers: [("Authorization", "Bearer \(APIHarness.secret)")])
        #expect(bearer.status == 401 && bearer.code == "api.unauthorized")
        let garbage = try await api.send(.GET, "/api/payments/report", headers: [("Authorization", "Basic !!!")])
        #expect(garbage.status == 401)
        #expect(try await api.paymentCount() == 0)
    }

    @Test("a VietQR payment by fee code: started (resent: the same one), confirmed by hand as staff:thu, listed, reported as JSON and CSV")
    func vietQRDay() async throws {
        let api = try await APIHarness()
        defer { Task { await api.stop() } }
        let (started, id) = try await api.start(method: "vietqr", key: "k1")
        #expect(started.status == 201, "\(started.body)")
        let payment = try #require(started.json?["payment"] as? [String: Any])
        #expect(payment["status"] as? String == "presented" && payment["amount_vnd"] as? Int == 30_000 && payment["method"] as? String == "vietqr")
        #expect((started.json?["vietqr_payload"] as? String)?.hasPrefix("000201010212") == true)
        let (again, sameID) = try await api.start(method: "vietqr", key: "k1")
        #expect(again.status == 201 && sameID == id, "the same attempt starts nothing new")
        #expect(try await api.paymentCount() == 1)

        let paymentID = try #require(id)
        let noReference = try await api.staff(.POST, "/api/payments/\(paymentID)/confirm")
        #expect(noReference.status == 400 && noReference.message == "missing bank reference")
        let confirmed = try await api.staff(.POST, "/api/payments/\(paymentID)/confirm", body: "{\"bank_reference\": \"FT26333001\"}")
        #expect(confirmed.status == 200, "\(confirmed.body)")
        #expect((confirmed.json?["payment"] as? [String: Any])?["status"] as? String == "paid")
        #expect((confirmed.json?["payment"] as? [String: Any])?["bank_reference"] as? String == "FT26333001")
        #expect(try await api.database.records.paymentEvents(PaymentID(rawValue: paymentID)).last?.actor == "staff:thu")

        let list = try await api.staff(.GET, "/api/payments")
        #expect(list.status == 200)
        #expect((list.json?["payments"] as? [[String: Any]])?.map { $0["status"] as? String } == ["paid"])
        let today = api.database.records.stationDay(of: Date())
        let dated = try await api.staff(.GET, "/api/payments?date=\(today)")
        #expect((dated.json?["payments"] as? [[String: Any]])?.count == 1)
        let yesterday = try await api.staff(.GET, "/api/payments?date=2020-01-01")
        #expect((yesterday.json?["payments"] as? [[String: Any]])?.isEmpty == true)

        let report = try await api.staff(.GET, "/api/payments/report?date=\(today)")
        #expect(report.status == 200 && report.json?["collected_vnd"] as? Int == 30_000 && report.json?["day"] as? String == today)
        let csv = try await api.staff(.GET, "/api/payments/report?format=csv")
        #expect(csv.status == 200 && csv.headers.first(name: "Content-Type") == "text/csv; charset=utf-8")
        #expect(csv.headers.first(name: "Content-Disposition") == "attachment; filename=\"payments.csv\"")
        let lines = csv.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 2 && lines[1].contains("FT26333001"), "\(csv.body)")
        let totals = try await api.staff(.GET, "/api/payments/report?format=totals-csv")
        #expect(totals.status == 200 && totals.body.contains(",all,collected,,30000\r\n"))
    }

    @Test("a card sale on the simulated terminal: paid, then voided on the terminal")
    func cardSaleAndVoid() async throws {
        let api = try await APIHarness(terminal: simulatedCardLink(.approved))
        defer { Task { await api.stop() } }
        let (sale, id) = try await api.start(method: "card", fee: nil, amount: 45_000, key: "c1")
        #expect(sale.status == 201, "\(sale.body)")
        #expect((sale.json?["payment"] as? [String: Any])?["status"] as? String == "paid")
        let paymentID = try #require(id)
        let void = try await api.staff(.POST, "/api/payments/\(paymentID)/void")
        #expect(void.status == 200 && (void.json?["payment"] as? [String: Any])?["status"] as? String == "voided", "\(void.body)")
        #expect(try await api.database.records.paymentEvents(PaymentID(rawValue: paymentID)).last?.actor == "staff:thu")
        let refund = try await api.staff(.POST, "/api/payments/\(paymentID)/refund")
        #expect(refund.status == 409 && refund.code == "payments.lifecycle.illegalTransition")
    }

    @Test("a card sale with no terminal ready, or none configured: refused up front, nothing committed")
    func cardSaleWithoutTerminal() async throws {
        let unplugged = try await APIHarness(terminal: ConnectedTerminal())
        defer { Task { await unplugged.stop() } }
        let (refused, _) = try await unplugged.start(method: "card", key: "c1")
        #expect(refused.status == 409 && refused.code == "payments.desk.terminalNotReady", "\(refused.body)")
        #expect(refused.message?.contains("not connected or not ready") == true)
        #expect(try await unplugged.paymentCount() == 0)

        let none = try await APIHarness(terminal: nil)
        defer { Task { await none.stop() } }
        let (notConfigured, _) = try await none.start(method: "card", key: "c1")
        #expect(notConfigured.status == 409 && notConfigured.code == "payments.desk.notConfigured")
        #expect(try await none.paymentCount() == 0)
    }

    @Test("cancel a shown code; unknown payment 404; unknown action 404; no such endpoint 404, all as JSON")
    func cancelAndNotFound() async throws {
        let api = try await APIHarness()
        defer { Task { await api.stop() } }
        let (_, id) = try await api.start(method: "vietqr", key: "k")
        let paymentID = try #require(id)
        let cancelled = try await api.staff(.POST, "/api/payments/\(paymentID)/cancel")
        #expect(cancelled.status == 200 && (cancelled.json?["payment"] as? [String: Any])?["status"] as? String == "cancelled")
        #expect(try await api.database.records.paymentEvents(PaymentID(rawValue: paymentID)).last?.actor == "staff:thu")
        let confirm = try await api.staff(.POST, "/api/payments/\(paymentID)/confirm", body: "{\"bank_reference\": \"FT1\"}")
        #expect(confirm.status == 400 && confirm.message?.contains("confirmation not applied") == true)
        let missing = try await api.staff(.POST, "/api/payments/no-such-id/cancel")
        #expect(missing.status == 404 && missing.code == "payments.desk.notFound")
        let action = try await api.staff(.POST, "/api/payments/\(paymentID)/delete")
        #expect(action.status == 404 && action.code == "api.notFound")
        let route = try await api.send(.GET, "/api/nothing")
        #expect(route.status == 404 && route.code == "api.notFound")
        let visit = try await api.staff(.POST, "/api/payments", body: "{\"visit_id\": \"v-none\", \"method\": \"vietqr\", \"fee\": \"kham-benh\", \"attempt_key\": \"x\"}")
        #expect(visit.status == 404 && visit.message == "no visit v-none")
    }

    @Test("malformed input: 400 naming the field; values the rules refuse: 422")
    func malformedInput() async throws {
        let api = try await APIHarness()
        defer { Task { await api.stop() } }
        let visit = api.visit.id.rawValue
        func post(_ body: String, headers: [(String, String)] = []) async throws -> Reply {
            try await api.staff(.POST, "/api/payments", body: body, headers: headers)
        }
        let notJSON = try await post("visit=1")
        #expect(notJSON.status == 400 && notJSON.code == "api.body" && notJSON.message?.hasPrefix("the body: not JSON") == true)
        let number = try await post("{\"visit_id\": 5, \"method\": \"vietqr\"}")
        #expect(number.status == 400 && number.message == "visit_id: expected text")
        let fraction = try await post("{\"visit_id\": \"\(visit)\", \"method\": \"card\", \"amount_vnd\": 12.5}")
        #expect(fraction.status == 400 && fraction.message == "amount_vnd: expected a whole number of đồng", "\(fraction.body)")
        let huge = try await post("{\"visit_id\": \"\(visit)\", \"method\": \"card\", \"amount_vnd\": 1e30, \"attempt_key\": \"h\"}")
        #expect(huge.status == 400 && huge.message == "amount_vnd: expected a whole number of đồng", "\(huge.body)")
        let noMethod = try await post("{\"visit_id\": \"\(visit)\"}")
        #expect(noMethod.status == 400 && noMethod.message?.hasPrefix("the body: missing key \"method\"") == true)
        let empty = try await post("")
        #expect(empty.status == 400 && empty.message?.hasPrefix("the request has no body") == true)
        let noKey = try await post("{\"visit_id\": \"\(visit)\", \"method\": \"vietqr\", \"fee\": \"kham-benh\"}")
        #expect(noKey.status == 400 && noKey.code == "api.attemptKey")
        let headerKey = try await post("{\"visit_id\": \"\(visit)\", \"method\": \"vietqr\", \"fee\": \"kham-benh\"}", headers: [("Idempotency-Key", "h1")])
        #expect(headerKey.status == 201, "an Idempotency-Key header names the attempt")
        let both = try await post("{\"visit_id\": \"\(visit)\", \"method\": \"vietqr\", \"fee\": \"kham-benh\", \"amount_vnd\": 5000, \"attempt_key\": \"b\"}")
        #expect(both.status == 400 && both.message == "start: give either a fee-table service or an amount, not both")
        let unknownFee = try await post("{\"visit_id\": \"\(visit)\", \"method\": \"vietqr\", \"fee\": \"xray\", \"attempt_key\": \"u\"}")
        #expect(unknownFee.status == 422 && unknownFee.code == "payments.fee.unknownService")
        let zero = try await post("{\"visit_id\": \"\(visit)\", \"method\": \"vietqr\", \"amount_vnd\": 0, \"attempt_key\": \"z\"}")
        #expect(zero.status == 422 && zero.code == "payments.amount")
        let method = try await post("{\"visit_id\": \"\(visit)\", \"method\": \"bitcoin\", \"fee\": \"kham-benh\", \"attempt_key\": \"m\"}")
        #expect(method.status == 400 && method.message == "method \"bitcoin\": expected vietqr, card or cash")
        let date = try await api.staff(.GET, "/api/payments?date=28/11/2026")
        #expect(date.status == 400 && date.code == "store.invalidArgument")
        let format = try await api.staff(.GET, "/api/payments/report?format=xml")
        #expect(format.status == 400 && format.code == "api.format")
        #expect(try await api.paymentCount() == 1, "only the request with an Idempotency-Key started a payment")
    }

    @Test("a body over the limit: 413 as JSON, nothing started")
    func bodyLimit() async throws {
        let api = try await APIHarness(bodyLimit: 1024)
        defer { Task { await api.stop() } }
        let padding = String(repeating: " ", count: 4096)
        let big = try await api.staff(.POST, "/api/payments",
                                      body: "{\"visit_id\": \"\(api.visit.id.rawValue)\", \"method\": \"vietqr\", \"fee\": \"kham-benh\", \"attempt_key\": \"k\"\(padding)}")
        #expect(big.status == 413 && big.code == "api.bodyTooLarge" && big.message == "the request body is larger than 1024 bytes")
        let callback = try await api.send(.POST, "/api/payments/transfers", bytes: Array(repeating: UInt8(ascii: " "), count: 70_000),
                                          headers: [("Authorization", "Bearer \(APIHarness.secret)")])
        #expect(callback.status == 413)
        #expect(try await api.paymentCount() == 0)
    }

    @Test("a kiosk without [payments]: the payment endpoints say so")
    func paymentsNotConfigured() async throws {
        let api = try await APIHarness(payments: false)
        defer { Task { await api.stop() } }
        let list = try await api.staff(.GET, "/api/payments")
        #expect(list.status == 404 && list.code == "api.paymentsDisabled")
        let callback = try await api.send(.POST, "/api/payments/transfers", body: "{\"transfers\": []}", headers: [("Authorization", "Bearer x")])
        #expect(callback.status == 403 && callback.code == "api.callbackDisabled")
    }
}
