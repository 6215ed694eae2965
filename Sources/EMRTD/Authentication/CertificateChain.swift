import COpenSSL
import Foundation

/// Path validation of a Document Signer (or master-list signer) up to a trusted CSCA with
/// libcrypto's verifier: signatures, validity at a given time, CA basic constraints and key
/// usage. Every anchor counts as trusted on its own (partial chains allowed): a CSCA link
/// certificate in the store is a trust anchor like the self-signed CSCA it links from.
enum CertificateChain {
    /// Validates `leaf` against `anchors` at `time`; on success the chain from leaf to anchor.
    static func verify(_ leaf: X509Certificate, anchors: [X509Certificate], at time: Date) -> Result<[X509Certificate], VerificationFailure> {
        guard let store = X509_STORE_new() else { return .failure(.documentSignerNotChained("X509_STORE_new failed")) }
        defer { X509_STORE_free(store) }
        for anchor in anchors { X509_STORE_add_cert(store, anchor.handle) }
        ERR_clear_error()
        return verify(leaf, store: store, anchors: anchors, at: time)
    }

    /// Validates `leaf` against a prepared `store` holding `anchors`.
    static func verify(_ leaf: X509Certificate, store: OpaquePointer, anchors: [X509Certificate], at time: Date) -> Result<[X509Certificate], VerificationFailure> {
        guard let ctx = X509_STORE_CTX_new() else { return .failure(.documentSignerNotChained("X509_STORE_CTX_new failed")) }
        defer {
            X509_STORE_CTX_free(ctx)
            ERR_clear_error()
        }
        guard X509_STORE_CTX_init(ctx, store, leaf.handle, nil) == 1 else {
            return .failure(.documentSignerNotChained("X509_STORE_CTX_init failed"))
        }
        let parameters = X509_STORE_CTX_get0_param(ctx)
        X509_VERIFY_PARAM_set_flags(parameters, UInt(X509_V_FLAG_PARTIAL_CHAIN))
        X509_VERIFY_PARAM_set_time(parameters, time_t(time.timeIntervalSince1970))
        X509_STORE_CTX_set_verify_cb(ctx) { ok, ctx in
            // ICAO 9303-12 asks for EC keys with explicit domain parameters in CSCA and
            // Document Signer certificates; libcrypto refuses those by default. Only that
            // complaint is waived: every signature is still checked.
            guard ok == 0, let ctx, X509_STORE_CTX_get_error(ctx) == X509_V_ERR_EC_KEY_EXPLICIT_PARAMS else { return ok }
            X509_STORE_CTX_set_error(ctx, X509_V_OK)
            return 1
        }
        if X509_verify_cert(ctx) == 1 {
            let chain = LibCrypto.elements(X509_STORE_CTX_get0_chain(ctx)).map { X509Certificate(retaining: $0) }
            return .success(chain)
        }
        let code = X509_STORE_CTX_get_error(ctx)
        let text = String(cString: X509_verify_cert_error_string(Int(code)))
        let depth = X509_STORE_CTX_get_error_depth(ctx)
        let subject = X509_STORE_CTX_get_current_cert(ctx).map { LibCrypto.name(X509_get_subject_name($0)) } ?? leaf.subject
        let when = ISO8601DateFormatter().string(from: time)
        switch code {
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
            let issuerName = X509_STORE_CTX_get_current_cert(ctx).map { LibCrypto.name(X509_get_issuer_name($0)) } ?? leaf.issuer
            if anchors.contains(where: { $0.subject == issuerName }) {
                return .failure(.documentSignerNotChained("a CSCA named \"\(issuerName)\" is trusted but none has the key that signed \"\(subject)\""))
            }
            return .failure(.cscaUnknown(issuer: issuerName))
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return .failure(.certificateExpired("\"\(subject)\" (chain depth \(depth)) had expired at \(when)"))
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return .failure(.certificateExpired("\"\(subject)\" (chain depth \(depth)) was not yet valid at \(when)"))
        default:
            return .failure(.documentSignerNotChained("\"\(subject)\" (chain depth \(depth)): \(text)"))
        }
    }
}
