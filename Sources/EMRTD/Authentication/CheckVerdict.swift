/// The outcome of one genuineness check (passive, chip or active authentication).
public enum CheckVerdict: Sendable, Equatable, CustomStringConvertible {
    /// The check ran and passed.
    case ok
    /// The check ran and failed; the document must not be taken as genuine on this check.
    case failed(VerificationFailure)
    /// The card does not support the check (no DG14 for chip authentication, no DG15 for
    /// active authentication, an algorithm this kiosk does not run); the text says what.
    case notSupported(String)
    /// The check did not run (switched off, or an earlier step prevented it); the text says why.
    case notChecked(String)

    /// `ok`, `failed`, `notSupported` or `notChecked`: the `status` of the JSON contract.
    public var status: String {
        switch self {
        case .ok: "ok"
        case .failed: "failed"
        case .notSupported: "notSupported"
        case .notChecked: "notChecked"
        }
    }

    /// Why, for every status but `ok` (nil then).
    public var reason: String? {
        switch self {
        case .ok: nil
        case .failed(let failure): failure.description
        case .notSupported(let why), .notChecked(let why): why
        }
    }

    /// The failure, when the check failed.
    public var failure: VerificationFailure? {
        if case .failed(let failure) = self { return failure }
        return nil
    }

    public var description: String { reason.map { "\(status): \($0)" } ?? status }
}

/// Why a genuineness check failed. Texts name files, certificates and algorithms, never
/// personal data.
public enum VerificationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// EF.SOD is not a CMS SignedData over an LDSSecurityObject as ICAO 9303-10 requires.
    case malformedSecurityObject(String)
    /// The SignerInfo signature (or its signed attributes / message digest) does not verify.
    case signatureInvalid(String)
    /// The hash of data group `dataGroup` as read differs from the one EF.SOD signs.
    case hashMismatch(dataGroup: Int)
    /// A data group was read that EF.SOD has no hash for.
    case hashMissing(dataGroup: Int)
    /// No CSCA in the trust store issued the Document Signer (issuer named).
    case cscaUnknown(issuer: String)
    /// A CSCA matching the issuer exists but the chain does not verify (reason from the chain check).
    case documentSignerNotChained(String)
    /// A certificate of the chain is outside its validity period (which one, and when).
    case certificateExpired(String)
    /// The Document Signer is listed in its CSCA's CRL.
    case certificateRevoked(String)
    /// The Document Signer certificate may not sign documents (keyUsage).
    case keyUsage(String)
    /// The chip could not prove it holds the private key of DG14 or DG15 (a clone or altered chip).
    case chipKeyMismatch(String)

    /// Stable machine-readable code, e.g. `hashMismatch`.
    public var code: String {
        switch self {
        case .malformedSecurityObject: "malformedSecurityObject"
        case .signatureInvalid: "signatureInvalid"
        case .hashMismatch: "hashMismatch"
        case .hashMissing: "hashMissing"
        case .cscaUnknown: "cscaUnknown"
        case .documentSignerNotChained: "documentSignerNotChained"
        case .certificateExpired: "certificateExpired"
        case .certificateRevoked: "certificateRevoked"
        case .keyUsage: "keyUsage"
        case .chipKeyMismatch: "chipKeyMismatch"
        }
    }

    public var description: String {
        switch self {
        case .malformedSecurityObject(let why): "EF.SOD malformed: \(why)"
        case .signatureInvalid(let why): "EF.SOD signature invalid: \(why)"
        case .hashMismatch(let n): "hash mismatch on DG\(n)"
        case .hashMissing(let n): "EF.SOD has no hash for DG\(n), which was read"
        case .cscaUnknown(let issuer): "CSCA unknown: no trusted CSCA \"\(issuer)\""
        case .documentSignerNotChained(let why): "Document Signer not chained to a trusted CSCA: \(why)"
        case .certificateExpired(let why): "certificate expired: \(why)"
        case .certificateRevoked(let why): "certificate revoked: \(why)"
        case .keyUsage(let why): "key usage: \(why)"
        case .chipKeyMismatch(let why): "chip key mismatch: \(why)"
        }
    }
}
