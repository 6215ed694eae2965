public import Foundation
public import Payments
public import Store
import KioskBase
import Synchronization

/// Takes the co-payments of visits through the lifecycle of ``PaymentLifecycle``: starts them
/// (amount from the fee table or entered by staff), presents them (VietQR code or card
/// terminal), confirms, voids and refunds them, and reconciles the day.
///
/// Every transition is one store transaction with its audit event and outbox record, keyed by an
/// idempotency key, so that a retried call or a replay after a restart changes nothing twice.
/// A card sale is sent only right after the transition that marks it `presented` committed;
/// a sale whose answer was lost is settled by asking the terminal, never by charging again.
public final class PaymentDesk: Sendable {
    /// The store the payments live in.
    public let database: KioskDatabase
    /// Amounts by service (replaced when a reloaded config changes the fee table).
    public var fees: FeeTable { feeTable.withLock { $0 } }
    private let feeTable: Mutex<FeeTable>
    /// The station's account, filled in per payment with amount and bill number; nil: no VietQR.
    public let vietQRAccount: VietQRPayload?
    /// How long a VietQR code may wait for its transfer before it expires.
    public let vietQRLifetime: TimeInterval
    let terminal: (any CardTerminalLink)?
    let terminalTurn = TerminalTurn()

    /// A desk on `database`; `terminal` nil when the station has no card terminal.
    public init(database: KioskDatabase, fees: FeeTable, vietQRAccount: VietQRPayload?, terminal: (any CardTerminalLink)?,
                vietQRLifetime: TimeInterval = 15 * 60) {
        self.database = database
        self.feeTable = Mutex(fees)
        self.vietQRAccount = vietQRAccount
        self.terminal = terminal
        self.vietQRLifetime = vietQRLifetime
    }

    var records: Records { database.records }

    /// Takes the fee table of a (re)loaded config; entries were range-checked by the config
    /// check, one that still fails keeps the previous table.
    public func replaceFees(with entries: [KioskConfig.Fee]) {
        guard let table = try? FeeTable(Dictionary(entries.map { ($0.code, $0.amountVND) }, uniquingKeysWith: { first, _ in first })),
              table != fees else { return }
        feeTable.withLock { $0 = table }
    }

    /// Starts a payment for a visit in status `created`. `attemptKey` names this attempt: the
    /// same key again returns the payment it created instead of a second one.
    public func start(visit: VisitID, method: PaymentMethod, amount: PaymentAmount, attemptKey: String) async throws -> Payment {
        guard !attemptKey.isEmpty, attemptKey.count <= 200 else {
            throw PaymentDeskError(.invalidInput, "attempt key of \(attemptKey.count) characters: expected 1–200")
        }
        let value: Int64
        let actor: String
        switch amount {
        case .fee(let service):
            value = try fees.amount(for: service)
            actor = "kiosk"
        case .entered(let entered, let staff):
            try FeeTable.validate(entered, source: "amount entered by staff")
            value = entered
            actor = "staff:\(staff)"
        }
        let new = NewPayment(visitID: visit, method: method, amountVND: value, billNumber: BillNumber.next(), state: .created)
        return try await records.startPayment(new, idempotencyKey: "start:\(attemptKey)", actor: actor).payment
    }

    /// Shows a VietQR payment: marks it `presented` and gives the dynamic payload carrying its
    /// amount and bill number. Asked again, it gives the same payload.
    public func presentVietQR(_ id: PaymentID) async throws -> (payment: Payment, payload: String) {
        let payment = try await existing(id)
        guard payment.method == .vietQR else {
            throw PaymentDeskError(.wrongMethod, "payment \(id) is paid by \(payment.method.rawValue), not VietQR")
        }
        guard var code = vietQRAccount else { throw PaymentDeskError(.notConfigured, "no VietQR account: [payments] is not configured") }
        code.amount = UInt64(payment.amountVND)
        code.initiation = .dynamic
        code.billNumber = payment.billNumber
        code.purpose = "VIEN PHI \(payment.billNumber)"
        let payload = try code.encoded()
        let moved = try await move(payment, to: .presented, key: "present:\(id)", actor: "kiosk")
        return (moved, payload)
    }

    /// Withdraws a payment not yet paid. A card sale on the terminal is settled with
    /// ``resolveCard(_:)`` instead.
    public func cancel(_ id: PaymentID, actor: String) async throws -> Payment {
        let payment = try await existing(id)
        if payment.method == .card, payment.state == .presented {
            throw PaymentDeskError(.wrongMethod, "payment \(id) is on the card terminal: settle it by asking the terminal (resolve), not by cancelling")
        }
        return try await move(payment, to: .cancelled, key: "cancel:\(id)", actor: actor)
    }

    /// The stored payment, or a not-found error naming it.
    func existing(_ id: PaymentID) async throws -> Payment {
        guard let payment = try await records.payment(id: id) else { throw PaymentDeskError(.notFound, "no payment \(id)") }
        return payment
    }

    /// Applies `payment → to`; a repeat of the same key is accepted, anything the lifecycle
    /// forbids throws `PaymentsError.illegalTransition`.
    @discardableResult
    func move(_ payment: Payment, to: PaymentStatus, key: String, actor: String, providerReference: String? = nil,
              terminalReference: String? = nil, reportedAmount: Int64? = nil, note: String? = nil) async throws -> Payment {
        let outcome = try await records.transitionPayment(transition(payment.id, to: to, key: key, actor: actor, providerReference: providerReference,
                                                                     terminalReference: terminalReference, reportedAmount: reportedAmount, note: note))
        if case .refused(let current) = outcome {
            throw PaymentsError.illegalTransition(from: current.state.rawValue, to: to.rawValue)
        }
        return outcome.payment
    }

    /// The store's transition for `to`, allowed from the lifecycle's sources of `to`.
    func transition(_ id: PaymentID, to: PaymentStatus, key: String, actor: String, providerReference: String? = nil,
                    terminalReference: String? = nil, reportedAmount: Int64? = nil, note: String? = nil) -> PaymentTransition {
        PaymentTransition(paymentID: id, to: PaymentState(rawValue: to.rawValue),
                          allowedFrom: Set(PaymentLifecycle.sources(of: to).map { PaymentState(rawValue: $0.rawValue) }),
                          idempotencyKey: key, actor: actor, providerReference: providerReference, terminalReference: terminalReference,
                          reportedAmountVND: reportedAmount, note: note)
    }
}

extension Payment {
    /// The lifecycle status; records from before the lifecycle (`pending`) count as `created`.
    public var status: PaymentStatus {
        PaymentStatus(rawValue: state.rawValue) ?? .created
    }
}

/// Bill numbers: 8 base-36 digits of the millisecond clock and 2 random ones, 10 characters in
/// all (the card terminal's private-data field; VietQR allows 25).
enum BillNumber {
    static func next(now: Date = Date()) -> String {
        let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var out: [Character] = []
        for _ in 0..<8 {
            out.append(digits[Int(millis % 36)])
            millis /= 36
        }
        out.reverse()
        out.append(digits[Int.random(in: 0..<36)])
        out.append(digits[Int.random(in: 0..<36)])
        return String(out)
    }
}

/// One exchange with the terminal at a time: a status query never interleaves with a sale.
actor TerminalTurn {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}
