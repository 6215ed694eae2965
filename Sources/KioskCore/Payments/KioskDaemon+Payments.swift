import Logging
import Payments
import Store

extension KioskDaemon {
    /// The payment desk of the station's `[payments]` account, its staff commands (staff from
    /// `[[local_api.staff]]` of the current config) and its service; nil when the config has no `[payments]`.
    ///
    /// The fee table and the confirmation mode follow the current config of `state` (a SIGHUP
    /// reload applies them); staff may still enter amounts. Card sales go to `terminal` (the USB
    /// service's ready terminal) when `[payments] terminal_protocol` names one. With
    /// `confirmation = "callback"` the secret file is checked here, so that an unusable one stops
    /// the start with its problem.
    func makePayments(database: KioskDatabase, terminal: ConnectedTerminal, state: DaemonState) throws -> (commands: PaymentCommands, service: PaymentService)? {
        guard let account = config.payments else { return nil }
        if case .callback(let file) = account.confirmation { _ = try CallbackSecretFile.load(path: file) }
        let code = VietQRPayload(bankBIN: account.bankBIN, accountNumber: account.account, service: .account,
                                 merchantName: account.merchantName, merchantCity: account.merchantCity)
        let desk = PaymentDesk(database: database, fees: FeeTable(), vietQRAccount: code,
                               terminal: account.terminalProtocol == .none ? nil : terminal)
        desk.replaceFees(with: account.fees)
        let staff = StaffAuthenticator(staff: { state.currentConfig.localAPI.staff })
        let service = PaymentService(desk: desk, settings: { state.currentConfig.payments }, logger: Logger(label: "kioskd.payments"))
        return (PaymentCommands(desk: desk, staff: staff), service)
    }
}
