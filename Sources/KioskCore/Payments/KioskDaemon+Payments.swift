import Logging
import Payments
import Store

extension KioskDaemon {
    /// The payment desk of the station's `[payments]` account, its control-socket commands (staff
    /// from `[[local_api.staff]]`) and its service; nil when the config has no `[payments]`.
    ///
    /// Amounts are entered by staff (the config has no fee table yet). Card sales go to `terminal`
    /// (the USB service's ready terminal) when `[payments] terminal_protocol` names one.
    func makePayments(database: KioskDatabase, terminal: ConnectedTerminal, logger: Logger) -> (commands: PaymentCommands, service: PaymentService)? {
        guard let account = config.payments else { return nil }
        let code = VietQRPayload(bankBIN: account.bankBIN, accountNumber: account.account, service: .account,
                                 merchantName: account.merchantName, merchantCity: account.merchantCity)
        let desk = PaymentDesk(database: database, fees: FeeTable(), vietQRAccount: code,
                               terminal: account.terminalProtocol == .none ? nil : terminal)
        let staff = StaffAuthenticator(credentials: Dictionary(config.localAPI.staff.map { ($0.username, $0.passwordHash) }, uniquingKeysWith: { first, _ in first }))
        return (PaymentCommands(desk: desk, staff: staff), PaymentService(desk: desk, poller: nil, logger: Logger(label: "kioskd.payments")))
    }
}
