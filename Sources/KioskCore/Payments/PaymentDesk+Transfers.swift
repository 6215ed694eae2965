public import Foundation
public import Store
import Payments

extension PaymentDesk {
    /// Applies a transfer the station server reported (`source` `station-server` or `callback`):
    /// matched on the bill number and the amount, it makes the bill's `presented` VietQR payment
    /// `paid`, in one transaction with the transfer's record. A bank reference reported before
    /// changes nothing; a transfer that matches nothing is kept for the end-of-day report.
    public func confirmTransfer(_ transfer: ReportedTransfer, source: String) async throws -> TransferOutcome {
        guard !transfer.bankReference.isEmpty, transfer.bankReference.count <= 64 else {
            throw PaymentDeskError(.invalidInput, "bank reference of \(transfer.bankReference.count) characters: expected 1–64")
        }
        guard transfer.amountVND >= 0 else {
            throw PaymentDeskError(.invalidInput, "transfer \(transfer.bankReference): negative amount \(transfer.amountVND)")
        }
        let paid = transition(PaymentID(rawValue: ""), to: .paid, key: "transfer:\(transfer.bankReference)", actor: source)
        return try await database.write { tx in
            if let earlier = try tx.fetchBankTransfer(transfer.bankReference) {
                return .duplicate(previousOutcome: earlier.outcome)
            }
            func keep(_ reason: String, _ payment: PaymentID? = nil) throws -> TransferOutcome {
                _ = try tx.insertBankTransfer(BankTransfer(bankReference: transfer.bankReference, billNumber: transfer.billNumber,
                                                           amountVND: transfer.amountVND, source: source, outcome: reason, paymentID: payment))
                return reason == "matched" ? .matched(paymentID: payment?.rawValue ?? "") : .unmatched(reason: reason)
            }
            guard let payment = try tx.fetchPayment(billNumber: transfer.billNumber) else { return try keep("no payment has this bill number") }
            guard payment.method == .vietQR else { return try keep("the bill is paid by \(payment.method.rawValue), not VietQR", payment.id) }
            guard payment.amountVND == transfer.amountVND else {
                return try keep("amount differs from the bill's \(payment.amountVND) đồng", payment.id)
            }
            var step = paid
            step.paymentID = payment.id
            step.providerReference = transfer.bankReference
            step.reportedAmountVND = transfer.amountVND
            switch try tx.transitionPayment(step) {
            case .applied, .repeated:
                return try keep("matched", payment.id)
            case .refused(let current):
                return try keep("the bill's payment is \(current.state.rawValue), not awaiting a transfer", payment.id)
            }
        }
    }

    /// A staff member confirms by hand that the bill's transfer arrived (seen in the bank's app),
    /// giving the bank's reference; audited as `staff:<username>`.
    public func confirmByHand(_ id: PaymentID, bankReference: String, staff: String) async throws -> TransferOutcome {
        let payment = try await existing(id)
        return try await confirmTransfer(ReportedTransfer(billNumber: payment.billNumber, amountVND: payment.amountVND, bankReference: bankReference),
                                         source: "staff:\(staff)")
    }

    /// Expires the VietQR payments presented longer than ``vietQRLifetime`` before `now`; returns
    /// how many.
    public func expireVietQR(now: Date = Date()) async throws -> Int {
        var count = 0
        for payment in try await records.payments(in: [.presented], method: .vietQR)
        where now.timeIntervalSince(payment.updatedAt) >= vietQRLifetime {
            let outcome = try await records.transitionPayment(transition(payment.id, to: .expired, key: "expire:\(payment.id)", actor: "kiosk",
                                                                         note: "no transfer within \(Int(vietQRLifetime)) s"))
            if case .applied = outcome { count += 1 }
        }
        return count
    }

    /// At start-up: settles every card sale left `presented` by asking the terminal, and expires
    /// stale VietQR codes. Returns the card payments still unresolved (terminal silent).
    public func recover(now: Date = Date()) async throws -> [PaymentID] {
        var unresolved: [PaymentID] = []
        if terminal != nil {
            for payment in try await records.payments(in: [.presented], method: .card) {
                do {
                    _ = try await resolveCard(payment.id)
                } catch let error as PaymentDeskError where error.reason == .terminalUnresolved {
                    unresolved.append(payment.id)
                }
            }
        }
        _ = try await expireVietQR(now: now)
        return unresolved
    }
}
