import SmartCard

/// The terminal side of active authentication: INTERNAL AUTHENTICATE with a fresh 8-byte
/// challenge, checked against the DG15 key (RSA with ISO/IEC 9796-2 scheme 1, or ECDSA with the
/// hash DG14's ActiveAuthenticationInfo names).
enum ActiveAuthenticator {
    /// Runs active authentication over the open link. A transport error is thrown; everything
    /// the chip says is a verdict.
    static func run(_ link: inout ChipLink, dg15: DG15?, dg14: SecurityInfos?) async throws -> CheckVerdict {
        guard let dg15 else { return .notSupported("the card has no DG15") }
        let key: PublicKey
        do {
            key = try PublicKey(subjectPublicKeyInfo: dg15.subjectPublicKeyInfo, source: "DG15")
        } catch {
            return .failed(.chipKeyMismatch("DG15 public key unreadable"))
        }
        var ecdsaDigest: DigestAlgorithm?
        if key.isEC {
            guard let oid = dg14?.activeAuthenticationSignatureAlgorithm else {
                return .notSupported("ECDSA active authentication needs DG14's ActiveAuthenticationInfo, which is absent")
            }
            guard let digest = DigestAlgorithm(ecdsaSignatureOID: oid) else {
                return .notSupported("active-authentication signature algorithm \(oid) is not ECDSA with SHA-1/SHA-2")
            }
            ecdsaDigest = digest
        } else if !key.isRSA {
            return .notSupported("DG15 key is neither RSA nor EC")
        }

        let challenge = try Primitives.random(8)
        let signature: [UInt8]
        do {
            signature = try await link.expect(CommandAPDU(cla: 0x00, ins: 0x88, p1: 0x00, p2: 0x00, data: challenge, le: 256),
                                              "INTERNAL AUTHENTICATE").data
        } catch let error as EMRTDError {
            return .failed(.chipKeyMismatch("the chip refused active authentication: \(error.detail)"))
        }
        if let ecdsaDigest {
            guard let der = SignatureFormats.der(plain: signature),
                  key.verify(signature: der, message: challenge, digest: ecdsaDigest.evp) else {
                return .failed(.chipKeyMismatch("the ECDSA signature of the challenge does not verify with DG15's key"))
            }
            return .ok
        }
        guard signature.count == key.maximumSignatureSize, let recovered = try? key.rsaRecover(signature) else {
            return .failed(.chipKeyMismatch("the RSA signature is not \(key.maximumSignatureSize) bytes or does not open with DG15's key"))
        }
        if let problem = SignatureFormats.iso9796Problem(recovered: recovered, m2: challenge) {
            return .failed(.chipKeyMismatch("ISO/IEC 9796-2 check: \(problem)"))
        }
        return .ok
    }
}
