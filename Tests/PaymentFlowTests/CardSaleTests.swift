import DeviceSim
import Foundation
import KioskCore
import Payments
import Store
import Testing
import USBDevices

@Suite("card sales through the simulated Concert terminal")
struct CardSaleTests {
    @Test("approved: created → presented → paid, the terminal's amount and reference kept, one sale sent")
    func approved() async throws {
        let station = try await Station(terminal: SimulatedTerminal(outcome: .approved))
        let payment = try await station.desk.start(visit: station.visit.id, method: .card, amount: .fee(service: "xet-nghiem"), attemptKey: "a1")
        #expect(payment.status == .created && payment.amountVND == 150_000 && payment.billNumber.count == 10)
        let paid = try await station.desk.chargeCard(payment.id)
        #expect(paid.status == .paid && paid.terminalReference == payment.billNumber)
        #expect(await station.requestTypes() == ["0"])
        let events = try await station.database.records.paymentEvents(payment.id)
        #expect(events.map(\.to.rawValue) == ["created", "presented", "paid"])
        #expect(events.last?.actor == "terminal" && events.last?.amountVND == 150_000)
    }

    @Test("declined and not verified: failed, nothing taken")
    func declined() async throws {
        for outcome in [TerminalResult.Outcome.rejected, .notVerified] {
            let station = try await Station(terminal: SimulatedTerminal(outcome: outcome))
            let payment = try await station.desk.start(visit: station.visit.id, method: .card, amount: .entered(42_000, staff: "thu"), attemptKey: "a")
            let done = try await station.desk.chargeCard(payment.id)
            #expect(done.status == .failed)
            #expect(try await station.database.records.paymentEvents(payment.id).last?.note
                    == (outcome == .rejected ? "declined" : "not verified by the terminal"))
        }
    }

    @Test("answer lost: the terminal is asked for its last transaction, the payment becomes paid, never a second sale")
    func lostAnswerResolvedByStatusQuery() async throws {
        let station = try await Station(terminal: SimulatedTerminal(outcome: .approved, withheldAnswers: 1))
        let payment = try await station.desk.start(visit: station.visit.id, method: .card, amount: .fee(service: "kham-benh"), attemptKey: "a")
        let paid = try await station.desk.chargeCard(payment.id)
        #expect(paid.status == .paid)
        #expect(await station.requestTypes() == ["0", "4"], "one sale, then the duplicate request")
    }

    @Test("a retried charge of a presented sale asks the terminal instead of charging again")
    func retryDoesNotChargeTwice() async throws {
        let station = try await Station(terminal: SimulatedTerminal(outcome: .approved, withheldAnswers: 2))
        let payment = try await station.desk.start(visit: station.visit.id, method: .card, amount: .fee(service: "kham-benh"), attemptKey: "a")
        // The sale's answer and the first status answer are both lost: the payment stays presented.
        await #expect(throws: PaymentDeskError.self) { _ = try await station.desk.chargeCard(payment.id) }
        #expect(try await station.database.records.payment(id: payment.id)?.status == .presented)
        let again = try await station.desk.chargeCard(payment.id)
        #expect(again.status == .paid)
        #expect(await station.requestTypes().filter { $0 == "0" }.count == 1, "exactly one sale reached the terminal")
    }

    @Test("the terminal's last transaction is not this bill: the sale never reached it, failed")
    func saleNeverReachedTerminal() async throws {
        let station = try await Station(terminal: SimulatedTerminal(outcome: .approved))
        let payment = try await station.desk.start(visit: station.visit.id, method: .card, amount: .fee(service: "kham-benh"), attemptKey: "a")
        // As after a crash between the commit of `presented` and the sale.
        _ = try await station.database.records.transitionPayment(PaymentTransition(
            paymentID: payment.id, to: .presented, allowedFrom: [.created], idempotencyKey: "present:\(payment.id)", actor: "kiosk"))
        let unresolved = try await station.desk.recover()
        #expect(unresolved.isEmpty)
        #expect(try await station.database.records.payment(id: payment.id)?.status == .failed)
        #expect(await station.requestTypes() == ["4"])
    }

    @Test("a silent terminal leaves the sale presented and reported as unresolved")
    func silentTerminal() async throws {
        struct Silent: SimulatedPeripheral {
            mutating func received(_ bytes: [UInt8], on endpoint: UInt8) -> [(endpoint: UInt8, bytes: [UInt8])] { [] }
        }
        let station = try await Station(terminal: SimulatedTerminal(outcome: .approved))
        let payment = try await station.desk.start(visit: station.visit.id, method: .card, amount: .fee(service: "kham-benh"), attemptKey: "a")
        _ = try await station.database.records.transitionPayment(PaymentTransition(
            paymentID: payment.id, to: .presented, allowedFrom: [.created], idempotencyKey: "present:\(payment.id)", actor: "kiosk"))
        let link = SimulatedLink(Silent())
        let ecr = ECRLink(transport: link, input: USBEndpoint(address: 0x81, kind: .bulk), output: USBEndpoint(address: 0x02, kind: .bulk),
                          timeouts: ECRLink.Timeouts(acknowledge: .milliseconds(50), frame: .milliseconds(50)))
        let desk = PaymentDesk(database: station.database, fees: testFees, vietQRAccount: nil, terminal: ECRCardLink(link: ecr))
        #expect(try await desk.recover() == [payment.id])
        let (report, _) = try await desk.report(day: station.database.records.stationDay(of: Date()))
        #expect(report.differences.map(\.kind) == ["unresolved"])
    }

    @Test("void and refund go to the terminal as cancel and refund; a VietQR refund needs the bank reference")
    func reversals() async throws {
        let station = try await Station(terminal: SimulatedTerminal(outcome: .approved))
        let first = try await station.desk.start(visit: station.visit.id, method: .card, amount: .fee(service: "kham-benh"), attemptKey: "a")
        _ = try await station.desk.chargeCard(first.id)
        #expect(try await station.desk.reverse(first.id, to: .voided, staff: "thu").status == .voided)
        let second = try await station.desk.start(visit: station.visit.id, method: .card, amount: .fee(service: "kham-benh"), attemptKey: "b")
        _ = try await station.desk.chargeCard(second.id)
        #expect(try await station.desk.reverse(second.id, to: .refunded, staff: "thu").status == .refunded)
        #expect(await station.requestTypes() == ["0", "2", "0", "1"])
        await #expect(throws: PaymentsError.illegalTransition(from: "refunded", to: "voided")) {
            _ = try await station.desk.reverse(second.id, to: .voided, staff: "thu")
        }
        let events = try await station.database.records.paymentEvents(second.id)
        #expect(events.last?.actor == "staff:thu")
    }

    @Test("illegal requests: cancelling a paid payment, charging a VietQR payment, an unknown service")
    func refusals() async throws {
        let station = try await Station(terminal: SimulatedTerminal(outcome: .approved))
        let card = try await station.desk.start(visit: station.visit.id, method: .card, amount: .fee(service: "kham-benh"), attemptKey: "a")
        _ = try await station.desk.chargeCard(card.id)
        await #expect(throws: PaymentsError.illegalTransition(from: "paid", to: "cancelled")) {
            _ = try await station.desk.cancel(card.id, actor: "staff:thu")
        }
        let qr = try await station.desk.start(visit: station.visit.id, method: .vietQR, amount: .fee(service: "kham-benh"), attemptKey: "b")
        await #expect(throws: PaymentDeskError(.wrongMethod, "payment \(qr.id) is paid by vietqr, not by card")) {
            _ = try await station.desk.chargeCard(qr.id)
        }
        await #expect(throws: PaymentsError.unknownService(service: "tiem", known: ["kham-benh", "xet-nghiem"])) {
            _ = try await station.desk.start(visit: station.visit.id, method: .card, amount: .fee(service: "tiem"), attemptKey: "c")
        }
        #expect(await station.requestTypes() == ["0"])
    }

    @Test("no terminal ready: the sale is refused before anything is sent or marked presented")
    func noTerminalReady() async throws {
        let station = try await Station()
        let desk = PaymentDesk(database: station.database, fees: testFees, vietQRAccount: nil, terminal: ConnectedTerminal())
        let payment = try await desk.start(visit: station.visit.id, method: .card, amount: .fee(service: "kham-benh"), attemptKey: "a")
        let error = await #expect(throws: PaymentDeskError.self) { _ = try await desk.chargeCard(payment.id) }
        #expect(error?.reason == .terminalNotReady)
        #expect(try await station.database.records.payment(id: payment.id)?.status == .created)
        #expect(try await station.database.records.paymentEvents(payment.id).map(\.to.rawValue) == ["created"])
        #expect(try await desk.recover().isEmpty, "nothing is left presented for the recovery to ask about")
    }
}
