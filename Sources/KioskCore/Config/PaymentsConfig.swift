extension KioskConfig {
    /// `[payments]`: the station's account for VietQR transfers, its card terminal, the fee table
    /// and how VietQR transfers are confirmed.
    public struct Payments: Sendable, Equatable {
        /// NAPAS bank identification number (6 digits).
        public var bankBIN: String
        public var account: String
        public var merchantName: String
        public var merchantCity: String
        public var terminalProtocol: TerminalProtocol
        /// `[[payments.fees]]`: the services with a fixed co-payment; staff may still enter amounts.
        public var fees: [Fee] = []
        /// Who tells the kiosk that a VietQR transfer arrived.
        public var confirmation = TransferConfirmation.manual
    }

    /// Protocol spoken by the card payment terminal.
    public enum TerminalProtocol: String, Sendable, Equatable {
        case none
        case concertE = "concert-e"
    }

    /// One `[[payments.fees]]` entry: a service code, its label for staff, its amount.
    public struct Fee: Sendable, Equatable {
        /// Short code a payment is started with (`kham-benh`).
        public var code: String
        /// What staff and the receipt call it (UTF-8).
        public var label: String
        /// Whole đồng, 1…99 999 999.
        public var amountVND: Int64
    }

    /// `payments.confirmation`: where the word that a VietQR transfer arrived comes from.
    public enum TransferConfirmation: Sendable, Equatable {
        /// Staff confirm by hand with the bank's reference (`kioskctl payments confirm`).
        case manual
        /// The daemon asks the station server every `intervalSeconds`.
        case poll(stationServerURL: String, intervalSeconds: Int)
        /// The station server posts transfers to the local API with the bearer token kept in
        /// `secretFile` (mode 0600 or 0400); staff may still confirm by hand.
        case callback(secretFile: String)

        /// The config word: `manual`, `poll` or `callback`.
        public var name: String {
            switch self {
            case .manual: "manual"
            case .poll: "poll"
            case .callback: "callback"
            }
        }
    }
}
