import Logging
import Payments
import Store

extension KioskDaemon {
    /// The payment desk of the station's `[payments]` account, its control-socket commands (staff
    /// from `[[local_api.staff]]`) and its service; nil when the config has no `[payments]`.
    ///
    /// Amounts are entered by staff (the config has no fee table yet), and card sales wait for
    /// the terminal to be handed to the desk: until then the desk takes VietQR and cash.
    func makePayments(database: KioskDatabase, logger: Logger) -> (commands: PaymentCommands, service: PaymentService)? {
        guard let account = config.payments else { return nil }
        let code = VietQRPayload(bankBIN: account.bankBIN, accountNumber: account.account, service: .account,
                                 merchantName: account.merchantName, merchantCity: account.merchantCity)
        let desk = PaymentDesk(database: database, fees: FeeTable(), vietQRAccount: code, terminal: nil)
        let staff = StaffAuthenticator(credentials: Dictionary(config.localAPI.staff.map { ($0.username, $0.passwordHash) }, uniquingKeysWith: { first, _ in first }))
        return (PaymentCommands(desk: desk, staff: staff), PaymentService(desk: desk, poller: nil, logger: Logger(label: "kioskd.payments")))
    }
}
