public import Foundation

/// Passive authentication (ICAO 9303-11 §5.1): EF.SOD's signature by the Document Signer it
/// carries, the Document Signer's chain to a trusted CSCA (validity now and when EF.SOD was
/// signed, key usage, CRLs), and the hash of every data group that was read.
public enum PassiveAuthentication {
    /// The outcome with the facts behind it.
    public struct Result: Sendable {
        /// The verdict.
        public let verdict: CheckVerdict
        /// The Document Signer certificate, when EF.SOD carried one.
        public let documentSigner: X509Certificate?
        /// The trusted CSCA the chain ended at, when it chained.
        public let csca: X509Certificate?
        /// The hash algorithm of EF.SOD's data-group hashes.
        public let digest: DigestAlgorithm?
        /// Data groups whose hashes were compared and matched.
        public let matchedDataGroups: [Int]
        /// EF.SOD's signingTime attribute, when present.
        public let signingTime: Date?
        /// Remarks that do not change the verdict (a stale CRL, for one).
        public let notes: [String]
    }

    /// Verifies the files of one read against `trustStore` at `time`. Without a trust store the
    /// signature and hashes are still checked; the verdict is then `notChecked` when they pass.
    public static func verify(files: [LDSFile: [UInt8]], trustStore: TrustStore?, at time: Date = Date()) -> Result {
        var notes: [String] = []
        var signer: X509Certificate?
        var digest: DigestAlgorithm?
        var matched: [Int] = []
        var signingTime: Date?
        func result(_ verdict: CheckVerdict, csca: X509Certificate? = nil) -> Result {
            Result(verdict: verdict, documentSigner: signer, csca: csca, digest: digest,
                   matchedDataGroups: matched, signingTime: signingTime, notes: notes)
        }

        guard let sodFile = files[.sod] else { return result(.notChecked("EF.SOD was not read")) }
        let security: LDSSecurityObject
        let signed: CMSSignedData
        do {
            let sod = try SecurityObject(bytes: sodFile)
            signed = try CMSSignedData(der: sod.contentInfo, source: "EF.SOD")
            guard signed.contentType == LDSSecurityObject.contentType else {
                return result(.failed(.malformedSecurityObject("content type \(signed.contentType) is not ldsSecurityObject")))
            }
            security = try LDSSecurityObject(der: signed.content)
        } catch {
            return result(.failed(.malformedSecurityObject((error as? EMRTDError)?.detail ?? "unreadable")))
        }
        digest = security.digest
        signingTime = signed.signingTime
        guard signed.signerCount == 1 else {
            return result(.failed(.malformedSecurityObject("\(signed.signerCount) SignerInfos, expected 1")))
        }
        guard let documentSigner = signed.signerCertificate else {
            return result(.failed(.malformedSecurityObject("no Document Signer certificate matching the SignerInfo")))
        }
        signer = documentSigner
        if let problem = signed.signatureProblem() {
            return result(.failed(.signatureInvalid(problem)))
        }

        for (file, bytes) in files.sorted(by: { $0.key.fileID < $1.key.fileID }) {
            guard let number = file.dataGroupNumber else { continue }
            guard let expected = security.hashes[number] else { return result(.failed(.hashMissing(dataGroup: number))) }
            guard let actual = try? security.digest.hash(bytes), actual == expected else {
                return result(.failed(.hashMismatch(dataGroup: number)))
            }
            matched.append(number)
        }

        guard documentSigner.allowsDigitalSignature else {
            return result(.failed(.keyUsage("Document Signer keyUsage lacks digitalSignature")))
        }
        guard let trustStore else {
            return result(.notChecked("signature and hashes verify, but no CSCA trust store is configured to chain the Document Signer"))
        }
        let chain: [X509Certificate]
        switch trustStore.chain(documentSigner, at: time) {
        case .success(let found): chain = found
        case .failure(let failure): return result(.failed(failure))
        }
        let csca = chain.last
        // The signatures of the chain do not depend on the time; its validity periods must
        // also cover the moment EF.SOD was signed.
        if let signingTime, let outside = chain.first(where: { !$0.isValid(at: signingTime) }) {
            let when = ISO8601DateFormatter().string(from: signingTime)
            return result(.failed(.certificateExpired("\"\(outside.subject)\" was not valid when EF.SOD was signed (\(when))")), csca: csca)
        }
        if chain.count >= 2 {
            let (revokedBy, stale) = trustStore.revocation(of: documentSigner, issuer: chain[1], at: time)
            notes += stale.map { "CRL \($0) is past its nextUpdate" }
            if let revokedBy {
                return result(.failed(.certificateRevoked("Document Signer serial \(documentSigner.serialNumber) is listed in \(revokedBy)")), csca: csca)
            }
        }
        return result(.ok, csca: csca)
    }
}

extension LDSFile {
    /// The data-group number (1-16), nil for EF.COM, EF.SOD and EF.CardAccess.
    public var dataGroupNumber: Int? {
        guard fileID >= 0x0101, fileID <= 0x0110 else { return nil }
        return Int(fileID & 0xFF)
    }
}
