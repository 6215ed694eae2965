public import Foundation

/// What one card read proved: the data read plus a verdict per genuineness check (passive
/// authentication here; chip and active authentication ran during the read).
public struct VerifiedIdentity: Sendable {
    /// Everything the read brought back.
    public let contents: DocumentContents
    /// Passive authentication with its facts (Document Signer, CSCA, hashes).
    public let passiveAuthentication: PassiveAuthentication.Result
    /// Time spent on passive authentication, microseconds.
    public let passiveMicroseconds: Int

    /// Passive authentication's verdict.
    public var passive: CheckVerdict { passiveAuthentication.verdict }
    /// Chip authentication's verdict.
    public var chip: CheckVerdict { contents.chipAuthentication }
    /// Active authentication's verdict.
    public var active: CheckVerdict { contents.activeAuthentication }

    /// Runs passive authentication of `contents` against `trustStore` at `time`.
    public init(contents: DocumentContents, trustStore: TrustStore?, at time: Date = Date()) {
        let clock = ContinuousClock()
        let start = clock.now
        self.contents = contents
        passiveAuthentication = PassiveAuthentication.verify(files: contents.files, trustStore: trustStore, at: time)
        let elapsed = clock.now - start
        passiveMicroseconds = Int(elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000)
    }

    /// The three verdicts by name: `passive`, `chip`, `active`.
    public var verdicts: [(name: String, verdict: CheckVerdict)] {
        [("passive", passive), ("chip", chip), ("active", active)]
    }
}

/// What a check-in accepts, per check: a `failed` check always rejects (it means an altered
/// or cloned document); a check that did not pass for another reason (`notSupported`,
/// `notChecked`) rejects when `required`, warns staff when `warn`, and passes silently when
/// `ignore`.
public struct VerificationPolicy: Sendable, Equatable {
    /// How much one check matters.
    public enum Requirement: String, Sendable, CaseIterable, Codable {
        /// Must be `ok`.
        case required
        /// Anything but `failed` is accepted, with a warning for staff.
        case warn
        /// Anything but `failed` is accepted silently.
        case ignore
    }

    /// The decision on one identity.
    public struct Decision: Sendable, Equatable {
        /// Whether the check-in may go on.
        public let accepted: Bool
        /// For staff: each check that did not pass under `warn`.
        public let warnings: [String]
        /// Why the identity was rejected, when it was.
        public let rejection: String?
    }

    /// Passive authentication (default: required).
    public var passive = Requirement.required
    /// Chip authentication (default: warn).
    public var chip = Requirement.warn
    /// Active authentication (default: ignore: chips with CA need no AA).
    public var active = Requirement.ignore

    /// The defaults.
    public init() {}

    /// Decides on `identity`.
    public func decide(_ identity: VerifiedIdentity) -> Decision {
        decide(passive: identity.passive, chip: identity.chip, active: identity.active)
    }

    /// Decides on three verdicts.
    public func decide(passive p: CheckVerdict, chip c: CheckVerdict, active a: CheckVerdict) -> Decision {
        var warnings: [String] = []
        var rejections: [String] = []
        for (name, verdict, requirement) in [("passive authentication", p, passive), ("chip authentication", c, chip),
                                             ("active authentication", a, active)] {
            switch (verdict, requirement) {
            case (.ok, _): continue
            case (.failed, _), (_, .required): rejections.append("\(name) \(verdict)")
            case (_, .warn): warnings.append("\(name) \(verdict)")
            case (_, .ignore): continue
            }
        }
        return Decision(accepted: rejections.isEmpty, warnings: warnings,
                        rejection: rejections.isEmpty ? nil : rejections.joined(separator: "; "))
    }
}
