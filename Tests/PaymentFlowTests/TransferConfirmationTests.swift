import DeviceSim
import Foundation
import Logging
import KioskCore
import Payments
import Store
import Testing

@Suite("VietQR confirmation by the station server over loopback HTTP")
struct TransferConfirmationTests {
    static func presented(_ station: Station, key: String = "a") async throws -> Payment {
        let payment = try await station.desk.start(visit: station.visit.id, method: .vietQR, amount: .fee(service: "kham-benh"), attemptKey: key)
        let (shown, payload) = try await station.desk.presentVietQR(payment.id)
        #expect(shown.status == .presented)
        let parsed = try VietQRPayload(parsing: payload)
        #expect(parsed.amount == 30_000 && parsed.billNumber == payment.billNumber && parsed.initiation == .dynamic)
        return shown
    }

    static func list(_ items: [(String, Int64, String)], cursor: String? = nil) -> String {
        let transfers = items.map { #"{"bill_number": "\#($0.0)", "amount_vnd": \#($0.1), "bank_reference": "\#($0.2)"}"# }
        return #"{"transfers": [\#(transfers.joined(separator: ", "))]\#(cursor.map { #", "cursor": "\#($0)""# } ?? "")}"#
    }

    @Test("a transfer matching bill and amount makes the payment paid with the bank reference; polled again, nothing changes")
    func matched() async throws {
        let station = try await Station()
        let server = try await StationServer()
        defer { Task { try? await server.stop() } }
        let payment = try await Self.presented(station)
        server.set(.ok, Self.list([(payment.billNumber, 30_000, "FT26332001")], cursor: "c1"))
        let poller = try TransferPoller(url: server.url, desk: station.desk)
        #expect(try await poller.poll() == [.matched(paymentID: payment.id.rawValue)])
        let paid = try #require(try await station.database.records.payment(id: payment.id))
        #expect(paid.status == .paid && paid.providerReference == "FT26332001")
        #expect(try await poller.poll() == [.duplicate(previousOutcome: "matched")])
        #expect(server.requests.withLock { $0 } == ["/transfers", "/transfers?since=c1"])
        #expect(try await station.database.records.paymentEvents(payment.id).filter { $0.to == .paid }.count == 1)
        let (report, _) = try await station.desk.report(day: station.database.records.stationDay(of: Date()))
        #expect(report.vietQRReferences.map(\.bankReference) == ["FT26332001"] && report.collectedVND == 30_000 && report.differences.isEmpty)
    }

    @Test("wrong amount, unknown bill, second transfer for a paid bill: kept as unmatched and flagged in the report")
    func unmatched() async throws {
        let station = try await Station()
        let server = try await StationServer()
        defer { Task { try? await server.stop() } }
        let payment = try await Self.presented(station)
        server.set(.ok, Self.list([(payment.billNumber, 3_000, "FT1"), ("NOSUCHBILL", 30_000, "FT2"),
                                   (payment.billNumber, 30_000, "FT3"), (payment.billNumber, 30_000, "FT4")]))
        let outcomes = try await TransferPoller(url: server.url, desk: station.desk).poll()
        #expect(outcomes == [.unmatched(reason: "amount differs from the bill's 30000 đồng"), .unmatched(reason: "no payment has this bill number"),
                             .matched(paymentID: payment.id.rawValue), .unmatched(reason: "the bill's payment is paid, not awaiting a transfer")])
        let (report, _) = try await station.desk.report(day: station.database.records.stationDay(of: Date()))
        #expect(report.differences.map(\.kind) == ["unmatched-transfer", "unmatched-transfer", "unmatched-transfer"])
        #expect(report.collectedVND == 30_000)
    }

    @Test("a staff confirmation with the bank reference is audited under the staff member's name")
    func byHand() async throws {
        let station = try await Station()
        let payment = try await Self.presented(station)
        #expect(try await station.desk.confirmByHand(payment.id, bankReference: "FT99", staff: "thu") == .matched(paymentID: payment.id.rawValue))
        let event = try #require(try await station.database.records.paymentEvents(payment.id).last)
        #expect(event.actor == "staff:thu" && event.to == .paid && event.reference == "FT99")
    }

    @Test("server errors and malformed bodies change nothing and say what was wrong where")
    func badAnswers() async throws {
        let station = try await Station()
        let server = try await StationServer()
        defer { Task { try? await server.stop() } }
        let payment = try await Self.presented(station)
        let poller = try TransferPoller(url: server.url, desk: station.desk)
        server.set(.internalServerError, "{}")
        await #expect(throws: PaymentDeskError(.invalidInput, "transfer feed \(server.url): HTTP 500 (expected 200)")) { try await poller.poll() }
        server.set(.ok, #"{"transfers": [{"bill_number": "\#(payment.billNumber)", "amount_vnd": 30000.5, "bank_reference": "FT1"}]}"#)
        await #expect(throws: PaymentDeskError.self) { try await poller.poll() }
        server.set(.ok, #"{"transfers": [{"bill_number": "X", "bank_reference": "FT1"}]}"#)
        await #expect(throws: PaymentDeskError(.invalidInput, """
            transfer feed \(server.url): transfers[0]: missing key "amount_vnd" (expected {"transfers": [{"bill_number", "amount_vnd", "bank_reference"}]})
            """)) { try await poller.poll() }
        #expect(try await station.database.records.payment(id: payment.id)?.status == .presented)
        #expect(throws: PaymentDeskError(.invalidInput, "transfer feed URL \"ftp://x\": expected an http(s) URL")) {
            _ = try TransferPoller(url: "ftp://x", desk: station.desk)
        }
    }

    @Test("a VietQR code not paid within its lifetime expires; a transfer after that is unmatched")
    func expiry() async throws {
        let station = try await Station(vietQRLifetime: 60)
        let payment = try await Self.presented(station)
        #expect(try await station.desk.expireVietQR(now: Date().addingTimeInterval(30)) == 0)
        #expect(try await station.desk.expireVietQR(now: Date().addingTimeInterval(120)) == 1)
        let late = try await station.desk.confirmTransfer(ReportedTransfer(billNumber: payment.billNumber, amountVND: 30_000, bankReference: "FT7"),
                                                          source: "callback")
        #expect(late == .unmatched(reason: "the bill's payment is expired, not awaiting a transfer"))
    }

    @Test("the callback body is the poll's format")
    func callback() async throws {
        let station = try await Station()
        let payment = try await Self.presented(station)
        let body = Data(Self.list([(payment.billNumber, 30_000, "FT5")]).utf8)
        #expect(try await station.desk.confirmCallback(body) == [.matched(paymentID: payment.id.rawValue)])
        #expect(try await station.desk.confirmCallback(body) == [.duplicate(previousOutcome: "matched")])
    }
}

@Suite("payment service")
struct PaymentServiceTests {
    @Test("the service settles an interrupted card sale at start and confirms transfers by polling")
    func service() async throws {
        let station = try await Station(terminal: SimulatedTerminal(outcome: .approved))
        let server = try await StationServer()
        defer { Task { try? await server.stop() } }
        let card = try await station.desk.start(visit: station.visit.id, method: .card, amount: .fee(service: "kham-benh"), attemptKey: "c")
        _ = try await station.database.records.transitionPayment(PaymentTransition(
            paymentID: card.id, to: .presented, allowedFrom: [.created], idempotencyKey: "present:\(card.id)", actor: "kiosk"))
        let qr = try await TransferConfirmationTests.presented(station)
        server.set(.ok, TransferConfirmationTests.list([(qr.billNumber, 30_000, "FT42")]))
        let service = PaymentService(desk: station.desk, poller: try TransferPoller(url: server.url, desk: station.desk),
                                     interval: .milliseconds(20), logger: Logger(label: "test"))
        let running = Task { try await service.run() }
        let deadline = ContinuousClock.now + .seconds(20)
        while try await station.database.records.payment(id: qr.id)?.status != .paid, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        running.cancel()
        #expect(try await station.database.records.payment(id: qr.id)?.status == .paid)
        #expect(try await station.database.records.payment(id: card.id)?.status == .failed, "the terminal's last transaction was not this sale")
    }
}
