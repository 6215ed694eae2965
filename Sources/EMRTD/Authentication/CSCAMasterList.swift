import Foundation

/// A CSCA master list (ICAO 9303-12 §9; also the German BSI list): a CMS SignedData whose
/// content is `CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }`.
public struct CSCAMasterList: Sendable {
    /// id-icao-cscaMasterList.
    public static let contentType = "2.23.136.1.1.2"

    /// Whether the list's own signature could be trusted.
    public enum SignatureStatus: Sendable, Equatable {
        /// The signature verifies and its signer chains to a CSCA trusted from its own file.
        case verified(signer: String, anchor: String)
        /// The signature verifies but its signer does not chain to a separately trusted CSCA:
        /// the certificates are loaded on the strength of the file having been installed.
        case signerNotTrusted(signer: String, reason: String)
        /// The signature itself does not verify.
        case invalid(String)
    }

    /// The CSCA certificates the list carries.
    public let certificates: [X509Certificate]
    /// The signer, as included in the list.
    public let signer: X509Certificate?
    /// The list's signature status against `anchors` given at parsing.
    public let signature: SignatureStatus

    /// Parses a master-list file and checks its signature; `anchors` are the CSCAs trusted
    /// independently of any list (from their own files).
    public init(der: [UInt8], source: String, anchors: [X509Certificate]) throws(EMRTDError) {
        let signed = try CMSSignedData(der: der, source: source)
        guard signed.contentType == Self.contentType else {
            throw .malformedFile(file: source, reason: "content type \(signed.contentType) is not id-icao-cscaMasterList")
        }
        certificates = try Self.certificates(in: signed.content, source: source)
        signer = signed.signerCertificate
        if let problem = signed.signatureProblem() {
            signature = .invalid(problem)
        } else if let signer {
            switch CertificateChain.verify(signer, anchors: anchors, at: Date()) {
            case .success(let chain):
                signature = .verified(signer: signer.subject, anchor: chain.last?.subject ?? "")
            case .failure(let failure):
                signature = .signerNotTrusted(signer: signer.subject, reason: failure.description)
            }
        } else {
            signature = .invalid("no included certificate matches the SignerInfo")
        }
    }

    /// The DER certificates of the certList.
    private static func certificates(in content: [UInt8], source: String) throws(EMRTDError) -> [X509Certificate] {
        let entries: [TLV]
        do {
            let root = try TLV.parseSingle(content)
            let fields = try root.children()
            guard root.tag == 0x30, fields.count == 2, fields[0].tag == 0x02, fields[1].tag == 0x31 else {
                throw EMRTDError.malformedFile(file: source, reason: "CscaMasterList is not {version, SET OF Certificate}")
            }
            entries = try fields[1].children()
        } catch let error as EMRTDError {
            throw error
        } catch {
            throw .malformedFile(file: source, reason: "CscaMasterList unreadable")
        }
        var result: [X509Certificate] = []
        for (index, entry) in entries.enumerated() {
            do {
                result.append(try X509Certificate(der: entry.encoded))
            } catch {
                throw .malformedFile(file: source, reason: "certificate \(index + 1) of the list is not DER X.509")
            }
        }
        return result
    }
}
