/// The transition rules of the payment lifecycle, as one table.
public enum PaymentLifecycle {
    private static let table: [PaymentStatus: Set<PaymentStatus>] = [
        .created: [.presented, .cancelled],
        .presented: [.paid, .failed, .expired, .cancelled],
        .paid: [.voided, .refunded],
        .failed: [], .expired: [], .cancelled: [], .voided: [], .refunded: [],
    ]

    /// The statuses a payment in `status` may move to.
    public static func targets(of status: PaymentStatus) -> Set<PaymentStatus> {
        table[status] ?? []
    }

    /// The statuses from which a payment may move to `status`.
    public static func sources(of status: PaymentStatus) -> Set<PaymentStatus> {
        Set(table.compactMap { $0.value.contains(status) ? $0.key : nil })
    }

    /// Whether `from → to` is a transition of the lifecycle.
    public static func allows(_ from: PaymentStatus, _ to: PaymentStatus) -> Bool {
        targets(of: from).contains(to)
    }

    /// Throws ``PaymentsError/illegalTransition(from:to:)`` unless `from → to` is allowed.
    public static func check(_ from: PaymentStatus, _ to: PaymentStatus) throws(PaymentsError) {
        guard allows(from, to) else { throw .illegalTransition(from: from.rawValue, to: to.rawValue) }
    }
}
