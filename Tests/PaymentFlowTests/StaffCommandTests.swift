import DeviceSim
import Foundation
@testable import KioskCore
import Payments
import Store
import Testing

@Suite("staff payment commands of the control socket")
struct StaffCommandTests {
    /// "correct horse", salt 00…0F, 100 000 iterations; computed with Python's hashlib.pbkdf2_hmac.
    static let thu = "pbkdf2-sha256$100000$AAECAwQFBgcICQoLDA0ODw==$V/LC8HOXSNUWQZsGKohGZjI8WD6krhZVBKgfe1PGKgk="

    static func commands(_ station: Station) -> PaymentCommands {
        PaymentCommands(desk: station.desk, staff: StaffAuthenticator(credentials: ["thu": thu]))
    }

    @Test("PBKDF2-HMAC-SHA256: RFC 7914 §11 vector (P = \"passwd\", S = \"salt\", c = 1, 64 bytes)")
    func pbkdf2Vector() {
        let derived = StaffAuthenticator.derive(password: "passwd", salt: Array("salt".utf8), iterations: 1, length: 64)
        #expect(derived?.map { String(format: "%02x", $0) }.joined()
                == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    @Test("a staff action needs the right password; the refusal does not say which part was wrong")
    func authentication() async throws {
        let station = try await Station(terminal: SimulatedTerminal(outcome: .approved))
        let commands = Self.commands(station)
        let start = PaymentControlRequest(staff: "thu", password: "wrong", visitID: station.visit.id.rawValue, method: "vietqr",
                                          service: "kham-benh", attemptKey: "k1")
        let refused = await commands.respond("payments.start", start)
        #expect(refused.error == "payments.desk.unauthorized: staff login refused for \"thu\": unknown name or wrong password")
        var unknown = start
        unknown.staff = "lan"
        #expect(await commands.respond("payments.start", unknown).error == "payments.desk.unauthorized: staff login refused for \"lan\": unknown name or wrong password")
        #expect(try await station.database.records.paymentReport(day: station.database.records.stationDay(of: Date())).isEmpty)
    }

    @Test("start a VietQR payment, confirm it by hand, list, report with CSV; start and void a card sale")
    func staffDay() async throws {
        let station = try await Station(terminal: SimulatedTerminal(outcome: .approved))
        let commands = Self.commands(station)
        let login = PaymentControlRequest(staff: "thu", password: "correct horse")
        var start = login
        start.visitID = station.visit.id.rawValue
        start.method = "vietqr"
        start.service = "kham-benh"
        start.attemptKey = "k1"
        let started = await commands.respond("payments.start", start)
        let qr = try #require(started.answer?.payments?.first, "\(started.error ?? "")")
        #expect(qr.status == "presented" && started.answer?.vietQRPayload?.hasPrefix("000201010212") == true)
        #expect(await commands.respond("payments.start", start).answer?.payments?.first?.id == qr.id, "the same attempt starts nothing new")

        var confirm = login
        confirm.paymentID = qr.id
        confirm.bankReference = "FT26333"
        #expect(await commands.respond("payments.confirm", confirm).answer?.payments?.first?.status == "paid")
        #expect(try await station.database.records.paymentEvents(PaymentID(rawValue: qr.id)).last?.actor == "staff:thu")

        var card = start
        card.method = "card"
        card.service = nil
        card.amountVND = 45_000
        card.attemptKey = "k2"
        let sale = try #require(await commands.respond("payments.start", card).answer?.payments?.first)
        #expect(sale.status == "paid" && sale.amountVND == 45_000)
        var void = login
        void.paymentID = sale.id
        #expect(await commands.respond("payments.void", void).answer?.payments?.first?.status == "voided")

        let list = await commands.respond("payments.list", PaymentControlRequest())
        #expect(list.answer?.payments?.map(\.status) == ["paid", "voided"])
        let report = await commands.respond("payments.report", PaymentControlRequest(csv: true))
        #expect(report.answer?.report?.collectedVND == 30_000)
        #expect(report.answer?.report?.terminal == DayReport.TerminalTotals(salesCount: 0, salesVND: 0, reversedCount: 1, reversedVND: 45_000))
        #expect(report.answer?.csv?.components(separatedBy: "\r\n").count == 4)
        #expect(report.answer?.totalsCSV?.contains(",all,collected,,30000\r\n") == true)
    }

    @Test("bad requests name what is missing or wrong")
    func badRequests() async throws {
        let station = try await Station()
        let commands = Self.commands(station)
        var request = PaymentControlRequest(staff: "thu", password: "correct horse", visitID: station.visit.id.rawValue, method: "bitcoin",
                                            service: "kham-benh", attemptKey: "k")
        #expect(await commands.respond("payments.start", request).error == "payments.desk.invalidInput: method \"bitcoin\": expected vietqr, card or cash")
        request.method = "cash"
        request.amountVND = 5_000
        #expect(await commands.respond("payments.start", request).error == "payments.desk.invalidInput: start: give either a fee-table service or an amount, not both")
        #expect(await commands.respond("payments.void", PaymentControlRequest(staff: "thu", password: "correct horse")).error
                == "payments.desk.invalidInput: missing payment id")
        #expect(await commands.respond("payments.report", PaymentControlRequest(day: "28/11/2026")).error
                == "store.invalidArgument: day \"28/11/2026\": expected YYYY-MM-DD")
    }
}
