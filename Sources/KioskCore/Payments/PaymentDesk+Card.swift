public import Store
public import Payments
import USBDevices

extension PaymentDesk {
    /// Charges a card payment on the terminal: `created → presented` commits first, then the sale
    /// goes to the terminal; approved → `paid`, declined or not verified → `failed`. When the
    /// answer is lost (timeout, unplugged terminal, protocol error) the terminal is asked for its
    /// last transaction. A payment already `presented` (a retry, a sale interrupted by a crash) is
    /// never sent again: it is settled by that question. A sale not yet sent is refused up front
    /// (``PaymentDeskFailure/terminalNotReady``, the payment stays `created`) when no
    /// terminal is ready.
    public func chargeCard(_ id: PaymentID) async throws -> Payment {
        let payment = try await existing(id)
        guard payment.method == .card else {
            throw PaymentDeskError(.wrongMethod, "payment \(id) is paid by \(payment.method.rawValue), not by card")
        }
        let terminal = try readyTerminal(for: payment)
        let outcome = try await records.transitionPayment(transition(id, to: .presented, key: "present:\(id)", actor: "kiosk",
                                                                     note: "sale sent to the terminal"))
        switch outcome {
        case .repeated(let current), .refused(let current):
            if current.status == .presented { return try await resolveCard(id) }
            if case .refused = outcome {
                throw PaymentsError.illegalTransition(from: current.state.rawValue, to: PaymentStatus.presented.rawValue)
            }
            return current
        case .applied(let presented):
            let request = TerminalRequest(kind: .sale, amount: Int(presented.amountVND), reference: presented.billNumber)
            let answer: TerminalResult
            do {
                answer = try await terminalTurn.run { try await terminal.perform(request) }
            } catch {
                return try await resolveCard(id, after: "\(error)")
            }
            guard answer.reference == presented.billNumber else {
                return try await resolveCard(id, after: "answer for another reference")
            }
            return try await settle(presented, answer)
        }
    }

    /// Whether a card sale could go to the terminal now; throws the error a sale would get.
    public func checkTerminalReady() throws {
        guard let terminal else { throw PaymentDeskError(.notConfigured, "no card terminal: payments.terminal_protocol is \"none\"") }
        guard terminal.isReady else {
            throw PaymentDeskError(.terminalNotReady, "the card terminal is not connected or not ready: check its USB cable and power, or take the payment by VietQR")
        }
    }

    /// The terminal for a sale of `payment`: a sale not yet on the terminal (`created`) needs it
    /// ready, a `presented` one is settled by asking it whatever it reports.
    private func readyTerminal(for payment: Payment) throws -> any CardTerminalLink {
        guard let terminal else { throw PaymentDeskError(.notConfigured, "no card terminal: payments.terminal_protocol is \"none\"") }
        if payment.status == .created { try checkTerminalReady() }
        return terminal
    }

    /// Settles a card payment left `presented`: asks the terminal for its last transaction. Its
    /// answer for this bill decides (`paid` or `failed`); an answer for another transaction means
    /// the sale never reached the terminal (`failed`); no answer leaves the payment `presented` and
    /// throws ``PaymentDeskFailure/terminalUnresolved``.
    public func resolveCard(_ id: PaymentID, after problem: String? = nil) async throws -> Payment {
        let payment = try await existing(id)
        guard payment.method == .card, payment.status == .presented else { return payment }
        guard let terminal else { throw PaymentDeskError(.notConfigured, "no card terminal to ask about payment \(id)") }
        let query = TerminalRequest(kind: .status, amount: Int(payment.amountVND), reference: payment.billNumber)
        let answer: TerminalResult
        do {
            answer = try await terminalTurn.run { try await terminal.perform(query) }
        } catch {
            let before = problem.map { " after \($0)" } ?? ""
            throw PaymentDeskError(.terminalUnresolved,
                                   "payment \(id) (bill \(payment.billNumber)): no answer to the status query\(before): \(error); it stays presented")
        }
        guard answer.reference == payment.billNumber else {
            return try await move(payment, to: .failed, key: "card:\(id)", actor: "terminal",
                                  note: "the terminal's last transaction is not this bill: the sale never reached it")
        }
        return try await settle(payment, answer)
    }

    /// Maps the terminal's answer for this bill to the lifecycle.
    func settle(_ payment: Payment, _ answer: TerminalResult) async throws -> Payment {
        switch answer.outcome {
        case .approved:
            return try await move(payment, to: .paid, key: "card:\(payment.id)", actor: "terminal",
                                  terminalReference: answer.reference, reportedAmount: Int64(answer.amount), note: "approved")
        case .rejected:
            return try await move(payment, to: .failed, key: "card:\(payment.id)", actor: "terminal", note: "declined")
        case .notVerified:
            return try await move(payment, to: .failed, key: "card:\(payment.id)", actor: "terminal", note: "not verified by the terminal")
        }
    }

    /// Reverses a paid payment: `voided` (same-day cancel on the terminal for a card) or
    /// `refunded` (a refund on the terminal for a card). For VietQR and cash the money goes back
    /// outside the kiosk and the staff member records it with the bank's reference.
    public func reverse(_ id: PaymentID, to target: PaymentStatus, staff: String, bankReference: String? = nil) async throws -> Payment {
        guard target == .voided || target == .refunded else {
            throw PaymentDeskError(.invalidInput, "reversal to \(target.rawValue): expected voided or refunded")
        }
        let payment = try await existing(id)
        try PaymentLifecycle.check(payment.status, target)
        let key = "\(target.rawValue):\(id)"
        guard payment.method == .card else {
            guard let bankReference, !bankReference.isEmpty else {
                throw PaymentDeskError(.invalidInput, "payment \(id) by \(payment.method.rawValue): a \(target.rawValue) needs the bank's reference of the money given back")
            }
            return try await move(payment, to: target, key: key, actor: "staff:\(staff)", providerReference: nil,
                                  reportedAmount: payment.amountVND, note: "returned outside the kiosk, reference \(bankReference.prefix(40))")
        }
        guard let terminal else { throw PaymentDeskError(.notConfigured, "no card terminal to reverse payment \(id)") }
        let request = TerminalRequest(kind: target == .voided ? .cancel : .refund, amount: Int(payment.amountVND), reference: payment.billNumber)
        let answer = try await terminalTurn.run { try await terminal.perform(request) }
        guard answer.outcome == .approved, answer.reference == payment.billNumber else {
            throw PaymentDeskError(.terminalRefused, "payment \(id): the terminal answered \(answer.outcome.rawValue) to the \(target.rawValue); it stays paid")
        }
        return try await move(payment, to: target, key: key, actor: "staff:\(staff)", reportedAmount: Int64(answer.amount),
                              note: "\(target.rawValue) approved by the terminal")
    }
}
