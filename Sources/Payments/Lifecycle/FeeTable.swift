/// Co-payment amounts by service, in whole đồng, from the config's fee table; or an amount a
/// staff member enters.
public struct FeeTable: Sendable, Equatable {
    /// Largest amount one payment may carry: the card terminal's 8-digit amount field.
    public static let maximumAmount: Int64 = 99_999_999

    /// Amount by service code.
    public private(set) var fees: [String: Int64]

    /// A table of `service → amount`; every amount must be 1…``maximumAmount``.
    public init(_ fees: [String: Int64]) throws(PaymentsError) {
        for (service, amount) in fees.sorted(by: { $0.key < $1.key }) {
            try Self.validate(amount, source: "fee table entry \"\(service)\"")
        }
        self.fees = fees
    }

    /// A table without fees: every amount is entered by staff.
    public init() { fees = [:] }

    /// The fee of `service`.
    public func amount(for service: String) throws(PaymentsError) -> Int64 {
        guard let amount = fees[service] else {
            throw .unknownService(service: String(service.prefix(40)), known: fees.keys.sorted())
        }
        return amount
    }

    /// Checks an amount entered by staff or read from the config.
    public static func validate(_ amount: Int64, source: String) throws(PaymentsError) {
        guard (1...maximumAmount).contains(amount) else {
            throw .amount(amount, source: source)
        }
    }
}
