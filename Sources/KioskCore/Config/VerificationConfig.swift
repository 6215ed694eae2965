public import EMRTD

extension KioskConfig {
    /// `[verification]`: which genuineness checks a check-in requires, and when active
    /// authentication runs. A `failed` check always rejects; `required` also rejects a check
    /// that could not run, `warn` lets it through with a staff warning, `ignore` silently.
    public struct Verification: Sendable, Equatable {
        /// The acceptance policy (defaults: passive required, chip warn, active ignore).
        public var policy = VerificationPolicy()
        /// When active authentication runs (default: only for chips without chip authentication).
        public var activeAuthentication = ActiveAuthenticationPolicy.whenNoChipAuthentication

        /// The defaults.
        public init() {}
    }
}

extension KioskConfigSchema {
    static func readVerification(_ table: ConfigTableReader?) -> KioskConfig.Verification {
        var verification = KioskConfig.Verification()
        guard let table else { return verification }
        defer { table.finish() }
        let requirement = ConfigField<VerificationPolicy.Requirement>.oneOf(VerificationPolicy.Requirement.allCases.map { ($0.rawValue, $0) })
        verification.policy.passive = table.optional("passive", requirement, default: verification.policy.passive)
        verification.policy.chip = table.optional("chip", requirement, default: verification.policy.chip)
        verification.policy.active = table.optional("active", requirement, default: verification.policy.active)
        verification.activeAuthentication = table.optional(
            "active_authentication", .oneOf(ActiveAuthenticationPolicy.allCases.map { ($0.rawValue, $0) }),
            default: verification.activeAuthentication)
        return verification
    }
}
