import Foundation
import KioskBase
import KioskCore
import Payments
import Store
import Testing

/// Random sequences of transitions, fresh and replayed keys, applied to real SQLite files and
/// to a model of the rules: the store agrees with the model after every step.
@Suite("lifecycle against a model, on a real SQLite file")
struct LifecycleModelTests {
    @Test("400 random steps over 6 payments, 10 seeds: outcomes, states, audit events and outbox records match the model",
          arguments: 1...10)
    func randomSteps(seed: UInt64) async throws {
        let station = try await Station()
        let records = station.database.records
        var generator = SplitMix64(seed: seed)
        var payments: [PaymentID] = []
        var model: [PaymentID: PaymentStatus] = [:]
        for n in 0..<6 {
            let payment = try await station.desk.start(visit: station.visit.id, method: .vietQR, amount: .fee(service: "kham-benh"), attemptKey: "p\(n)")
            payments.append(payment.id)
            model[payment.id] = .created
        }
        var usedKeys: [String: (PaymentID, PaymentStatus)] = [:]
        var applied = 0
        for step in 0..<400 {
            let id = payments[Int(generator.next() % UInt64(payments.count))]
            let target = PaymentStatus.allCases[Int(generator.next() % UInt64(PaymentStatus.allCases.count))]
            let replay = !usedKeys.isEmpty && generator.next() % 4 == 0
            let key = replay ? usedKeys.keys.sorted()[Int(generator.next() % UInt64(usedKeys.count))] : "k\(step)"
            let transition = PaymentTransition(paymentID: id, to: PaymentState(rawValue: target.rawValue),
                                               allowedFrom: Set(PaymentLifecycle.sources(of: target).map { PaymentState(rawValue: $0.rawValue) }),
                                               idempotencyKey: key, actor: "kiosk")
            if let (earlierID, earlierTarget) = usedKeys[key] {
                if earlierID == id, earlierTarget == target {
                    let outcome = try await records.transitionPayment(transition)
                    #expect(outcome == .repeated(outcome.payment), "step \(step)")
                } else {
                    await #expect(throws: StoreError.self, "step \(step): a key reused for another change") {
                        _ = try await records.transitionPayment(transition)
                    }
                }
                continue
            }
            let before = try #require(model[id])
            let outcome = try await records.transitionPayment(transition)
            if PaymentLifecycle.allows(before, target) {
                #expect(outcome == .applied(outcome.payment), "step \(step): \(before) → \(target)")
                model[id] = target
                usedKeys[key] = (id, target)
                applied += 1
            } else {
                #expect(outcome == .refused(outcome.payment), "step \(step): \(before) → \(target)")
            }
            #expect(outcome.payment.status == model[id], "step \(step)")
        }
        var events = 0
        for id in payments {
            #expect(try await records.payment(id: id)?.status == model[id])
            let trail = try await records.paymentEvents(id)
            events += trail.count
            #expect(zip(trail, trail.dropFirst()).allSatisfy { $0.to == $1.from }, "the audit trail of \(id) is a chain")
            #expect(trail.filter { $0.to == .paid }.count <= 1, "paid at most once")
        }
        #expect(events == payments.count + applied)
        let updates = try await station.database.outbox.list(state: nil, limit: 10_000).filter { $0.kind == .paymentUpdated }
        #expect(updates.count == applied)
    }
}
