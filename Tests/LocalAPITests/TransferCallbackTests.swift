import Foundation
import KioskCore
import Store
import Testing

/// `POST /api/payments/transfers`: the station server's callback with the shared secret.
@Suite("local API: the station server's transfer callback")
struct TransferCallbackTests {
    static let bearer = [("Authorization", "Bearer \(APIHarness.secret)")]

    static func transfers(_ items: [(bill: String, amount: Int, reference: String)]) -> String {
        "{\"transfers\": [" + items.map { "{\"bill_number\": \"\($0.bill)\", \"amount_vnd\": \($0.amount), \"bank_reference\": \"\($0.reference)\"}" }
            .joined(separator: ", ") + "]}"
    }

    @Test("wrong or no token: 401; the right one pays the bill once; a resend changes nothing; an unmatched transfer is kept")
    func callback() async throws {
        let api = try await APIHarness()
        defer { Task { await api.stop() } }
        let (_, id) = try await api.start(method: "vietqr", key: "k")
        let paymentID = PaymentID(rawValue: try #require(id))
        let bill = try #require(try await api.database.records.payment(id: paymentID)?.billNumber)
        let body = Self.transfers([(bill, 30_000, "FT26333777"), ("NOBILL0001", 10_000, "FT26333778")])

        let wrong = try await api.send(.POST, "/api/payments/transfers", body: body, headers: [("Authorization", "Bearer \(String(APIHarness.secret.reversed()))")])
        #expect(wrong.status == 401 && wrong.code == "api.unauthorized")
        #expect(wrong.headers.first(name: "WWW-Authenticate") == "Bearer realm=\"HealthKiosk transfers\"")
        let none = try await api.send(.POST, "/api/payments/transfers", body: body)
        #expect(none.status == 401)
        let basic = try await api.staff(.POST, "/api/payments/transfers", body: body)
        #expect(basic.status == 401, "a staff login is not the station server's secret")
        #expect(try await api.database.records.payment(id: paymentID)?.status == .presented)

        let first = try await api.send(.POST, "/api/payments/transfers", body: body, headers: Self.bearer)
        #expect(first.status == 200, "\(first.body)")
        let results = try #require(first.json?["transfers"] as? [[String: Any]])
        #expect(results.count == 2)
        #expect(results[0]["outcome"] as? String == "matched" && results[0]["payment_id"] as? String == paymentID.rawValue)
        #expect(results[1]["outcome"] as? String == "unmatched" && results[1]["reason"] as? String == "no payment has this bill number")
        #expect(try await api.database.records.payment(id: paymentID)?.status == .paid)

        let resent = try await api.send(.POST, "/api/payments/transfers", body: body, headers: Self.bearer)
        #expect(resent.status == 200)
        #expect((resent.json?["transfers"] as? [[String: Any]])?.map { $0["outcome"] as? String } == ["duplicate", "duplicate"])
        let events = try await api.database.records.paymentEvents(paymentID)
        #expect(events.filter { $0.to.rawValue == "paid" }.count == 1, "paid once")
        #expect(events.last?.actor == "callback")

        let report = try await api.staff(.GET, "/api/payments/report")
        let differences = try #require(report.json?["differences"] as? [[String: Any]])
        #expect(differences.contains { $0["kind"] as? String == "unmatched-transfer" && $0["bill_number"] as? String == "NOBILL0001" })
        #expect(report.json?["collected_vnd"] as? Int == 30_000)
    }

    @Test("a malformed transfer list: 400 naming the field, nothing applied")
    func malformedBody() async throws {
        let api = try await APIHarness()
        defer { Task { await api.stop() } }
        let missing = try await api.send(.POST, "/api/payments/transfers", body: "{\"transfers\": [{\"bill_number\": \"B\", \"bank_reference\": \"FT1\"}]}",
                                         headers: Self.bearer)
        #expect(missing.status == 400 && missing.code == "payments.desk.invalidInput")
        #expect(missing.message == "transfer callback: transfers[0]: missing key \"amount_vnd\" (expected {\"transfers\": [{\"bill_number\", \"amount_vnd\", \"bank_reference\"}]})")
        let text = try await api.send(.POST, "/api/payments/transfers", body: "{\"transfers\": [{\"bill_number\": \"B\", \"amount_vnd\": \"lots\", \"bank_reference\": \"FT1\"}]}",
                                      headers: Self.bearer)
        #expect(text.status == 400 && text.message == "transfer callback: transfers[0].amount_vnd: expected a whole number of đồng")
        let fraction = try await api.send(.POST, "/api/payments/transfers", body: "{\"transfers\": [{\"bill_number\": \"B\", \"amount_vnd\": 30000.5, \"bank_reference\": \"FT1\"}]}",
                                          headers: Self.bearer)
        #expect(fraction.status == 400 && fraction.message == "transfer callback: transfers[0].amount_vnd: expected a whole number of đồng")
        let report = try await api.staff(.GET, "/api/payments/report")
        #expect((report.json?["differences"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test("transfers confirmed by polling or by hand here: the callback is refused with 403")
    func callbackDisabled() async throws {
        let api = try await APIHarness(confirmation: "manual")
        defer { Task { await api.stop() } }
        let refused = try await api.send(.POST, "/api/payments/transfers", body: "{\"transfers\": []}", headers: Self.bearer)
        #expect(refused.status == 403 && refused.code == "api.callbackDisabled")
        #expect(refused.message == "transfers are not confirmed by callback here (payments.confirmation: manual)")
    }
}
