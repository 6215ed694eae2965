public import KioskBase

/// Failures of the payment desk that are not lifecycle refusals (those are
/// `PaymentsError.illegalTransition`). Details name the payment or bill, never the resident.
public typealias PaymentDeskError = ReasonedError<PaymentDeskFailure>

/// What kind of payment-desk failure it is; each raw value is the stable code.
public enum PaymentDeskFailure: String, Sendable, Equatable {
    /// No payment with the id or bill number given.
    case notFound = "payments.desk.notFound"
    /// The operation does not apply to this payment's method.
    case wrongMethod = "payments.desk.wrongMethod"
    /// No card terminal is configured, or no VietQR account.
    case notConfigured = "payments.desk.notConfigured"
    /// The card terminal is configured but none is plugged in and ready: the sale was not
    /// started.
    case terminalNotReady = "payments.desk.terminalNotReady"
    /// The terminal gave no usable answer, and the status query none either: the sale stays
    /// `presented` until the terminal is asked again.
    case terminalUnresolved = "payments.desk.terminalUnresolved"
    /// The terminal refused a void or refund.
    case terminalRefused = "payments.desk.terminalRefused"
    /// A value given by staff or the station server is malformed.
    case invalidInput = "payments.desk.invalidInput"
    /// A staff action without a valid staff login.
    case unauthorized = "payments.desk.unauthorized"
}
