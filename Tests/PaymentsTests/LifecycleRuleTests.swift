import KioskBase
import Payments
import Testing

@Suite("payment lifecycle rules")
struct LifecycleRuleTests {
    /// The transitions issue #8 names, and nothing else.
    static let expected: Set<[PaymentStatus]> = [
        [.created, .presented], [.created, .cancelled],
        [.presented, .paid], [.presented, .failed], [.presented, .expired], [.presented, .cancelled],
        [.paid, .voided], [.paid, .refunded],
    ]

    @Test("every pair of statuses: allowed exactly when it is one of the lifecycle's transitions")
    func everyPair() {
        for from in PaymentStatus.allCases {
            for to in PaymentStatus.allCases {
                #expect(PaymentLifecycle.allows(from, to) == Self.expected.contains([from, to]), "\(from) → \(to)")
            }
        }
    }

    @Test("sources and targets are the same table read both ways")
    func sourcesMirrorTargets() {
        for status in PaymentStatus.allCases {
            for other in PaymentStatus.allCases {
                #expect(PaymentLifecycle.targets(of: other).contains(status) == PaymentLifecycle.sources(of: status).contains(other))
            }
        }
        #expect(PaymentLifecycle.sources(of: .paid) == [.presented])
        #expect(PaymentLifecycle.sources(of: .created).isEmpty, "nothing leads back to created")
    }

    @Test("final statuses: failed, expired, cancelled, voided, refunded; only paid holds money")
    func finals() {
        #expect(Set(PaymentStatus.allCases.filter(\.isFinal)) == [.failed, .expired, .cancelled, .voided, .refunded])
        #expect(PaymentStatus.allCases.filter(\.holdsMoney) == [.paid])
    }

    @Test("random walks of 10 000 attempted steps: a walk never leaves the table, money is held at most once per payment")
    func randomWalks() throws {
        var generator = SplitMix64(seed: 0x8_2026)
        for _ in 0..<1_000 {
            var status = PaymentStatus.created
            var timesPaid = 0
            for _ in 0..<10 {
                let target = PaymentStatus.allCases[Int(generator.next() % UInt64(PaymentStatus.allCases.count))]
                do {
                    try PaymentLifecycle.check(status, target)
                    status = target
                    if target == .paid { timesPaid += 1 }
                } catch {
                    #expect(error == .illegalTransition(from: status.rawValue, to: target.rawValue))
                    #expect(!Self.expected.contains([status, target]))
                }
            }
            #expect(timesPaid <= 1, "a payment becomes paid at most once")
            if status.isFinal { #expect(PaymentLifecycle.targets(of: status).isEmpty) }
        }
    }

    @Test("an illegal transition names both statuses and what is allowed instead")
    func illegalTransitionDetail() {
        #expect(throws: PaymentsError.illegalTransition(from: "paid", to: "cancelled")) { try PaymentLifecycle.check(.paid, .cancelled) }
        let error = PaymentsError.illegalTransition(from: "paid", to: "cancelled")
        #expect(error.code == "payments.lifecycle.illegalTransition")
        #expect(error.detail == "payment lifecycle: a paid payment cannot become cancelled (from paid it may become: refunded, voided)")
        #expect(PaymentsError.illegalTransition(from: "refunded", to: "paid").detail.hasSuffix("(from refunded it may become: nothing, it is final)"))
    }
}
