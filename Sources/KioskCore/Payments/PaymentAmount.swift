/// Where a payment's amount comes from: the fee table, or a staff member's entry.
public enum PaymentAmount: Sendable, Equatable {
    /// The fee of a service in the config's fee table.
    case fee(service: String)
    /// An amount in whole đồng entered by the named staff member.
    case entered(Int64, staff: String)
}
