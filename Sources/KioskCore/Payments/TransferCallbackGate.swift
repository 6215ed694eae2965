/// Lets the station server's transfer callbacks in: only when the current config confirms
/// transfers by callback, and only with the shared secret of its `callback_secret_file` as the
/// bearer token, compared in constant time. The file is read at each callback, so a reloaded
/// config or a replaced secret applies at once.
public struct TransferCallbackGate: Sendable {
    let settings: @Sendable () -> KioskConfig.Payments?

    /// A gate following `settings` (the current `[payments]`, nil when absent).
    public init(settings: @escaping @Sendable () -> KioskConfig.Payments?) {
        self.settings = settings
    }

    /// What the gate says to one callback.
    public enum Verdict: Sendable, Equatable {
        /// The token is the shared secret.
        case admitted
        /// No token, or not the secret.
        case refused
        /// Transfers are not confirmed by callback here; `mode` is the configured confirmation.
        case disabled(mode: String)
        /// The secret file cannot be used (its problem, without the secret).
        case unusable(String)
    }

    /// Checks `token`, the bearer token of the request (nil when it had none).
    public func check(token: String?) -> Verdict {
        guard let payments = settings() else { return .disabled(mode: "no [payments]") }
        guard case .callback(let file) = payments.confirmation else { return .disabled(mode: payments.confirmation.name) }
        guard let token else { return .refused }
        let secret: String
        do {
            secret = try CallbackSecretFile.load(path: file)
        } catch {
            return .unusable(error.detail)
        }
        return ConstantTime.equal(secret: Array(secret.utf8), given: Array(token.utf8)) ? .admitted : .refused
    }
}

/// Comparisons of secrets whose time does not depend on where the first difference is.
enum ConstantTime {
    /// Whether `given` equals `secret`; the time depends on the length of `given` only.
    static func equal(secret: [UInt8], given: [UInt8]) -> Bool {
        var difference: UInt8 = secret.count == given.count ? 0 : 1
        for index in given.indices {
            difference |= given[index] ^ (index < secret.count ? secret[index] : 0)
        }
        return difference == 0
    }
}
