import KioskBase
import Payments
import Store

/// A failed payment operation sorted for an answer to a client (the local API's HTTP status):
/// what kind of failure it is, its stable code and its detail (never personal data).
public struct PaymentProblem: Sendable, Equatable {
    /// What kind of failure: the caller's request, its login, a missing record, the payment's
    /// state, a value the rules refuse, or the kiosk itself.
    public enum Kind: Sendable, Equatable {
        case invalidRequest, unauthorized, notFound, conflict, unprocessable, failure
    }

    public let kind: Kind
    public let code: String
    public let message: String

    /// A problem of `kind` with the code and message given.
    public init(_ kind: Kind, code: String, message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    /// Sorts an error thrown by ``PaymentCommands``, ``PaymentDesk`` or the store.
    public init(_ error: any Error) {
        switch error {
        case let desk as PaymentDeskError:
            let kind: Kind = switch desk.reason {
            case .notFound: .notFound
            case .unauthorized: .unauthorized
            case .invalidInput: .invalidRequest
            case .wrongMethod, .notConfigured, .terminalNotReady, .terminalUnresolved, .terminalRefused: .conflict
            }
            self.init(kind, code: desk.code, message: desk.detail)
        case let payments as PaymentsError:
            if case .illegalTransition = payments {
                self.init(.conflict, code: payments.code, message: payments.detail)
            } else {
                self.init(.unprocessable, code: payments.code, message: payments.detail)
            }
        case let store as StoreError:
            let kind: Kind = switch store.reason {
            case .invalidArgument: .invalidRequest
            case .notFound: .notFound
            case .constraint: .conflict
            default: .failure
            }
            self.init(kind, code: store.code, message: store.detail)
        case let other as any KioskError:
            self.init(.failure, code: other.code, message: other.detail)
        default:
            self.init(.failure, code: "kiosk.internal", message: "\(type(of: error))")
        }
    }
}
