import SmartCard

/// Entry points for coverage-guided fuzzing of everything that parses card or scanner input.
///
/// A libFuzzer executable (built with `-sanitize=fuzzer`) forwards `LLVMFuzzerTestOneInput`
/// here; every target must return normally or throw ``EMRTDError`` for any input.
public enum FuzzTargets {
    /// The parsers that can be fuzzed.
    public enum Target: String, Sendable, CaseIterable {
        /// BER-TLV walker (recursively).
        case tlv
        /// MRZ text (TD1/TD3).
        case mrz
        /// CCCD front QR text.
        case qr
        /// DG13 (Vietnamese personal details).
        case dg13
        /// EF.CardAccess / DG14 SecurityInfos.
        case cardAccess
        /// EF.SOD framing.
        case sod
        /// A secure-messaging response under fixed keys.
        case secureMessaging
        /// EF.SOD through passive authentication: CMS SignedData, LDSSecurityObject, the
        /// signature check with the certificate it carries, and the hash comparison.
        case passiveAuthentication
        /// A CSCA master list (CMS SignedData over a list of certificates).
        case masterList
        /// One DER X.509 certificate and the fields the trust store reports.
        case certificate
    }

    /// Runs `target` on `bytes`, swallowing the expected ``EMRTDError``.
    public static func run(_ target: Target, _ bytes: [UInt8]) {
        do {
            switch target {
            case .tlv:
                func walk(_ objects: [TLV]) throws {
                    for o in objects where o.isConstructed { try walk(o.children()) }
                }
                try walk(TLV.parseAll(bytes))
            case .mrz: _ = try MRZ(String(decoding: bytes, as: UTF8.self))
            case .qr: _ = try CCCDFrontQR(String(decoding: bytes, as: UTF8.self))
            case .dg13: _ = try DG13(bytes: bytes)
            case .cardAccess: _ = try SecurityInfos(bytes: bytes)
            case .sod: _ = try SecurityObject(bytes: bytes)
            case .secureMessaging:
                let key = [UInt8](repeating: 0x11, count: 16)
                var sm = SecureMessaging(suite: .aes(keyLength: 16), encryptionKey: key, macKey: key, ssc: [UInt8](repeating: 0, count: 16))
                _ = try sm.unprotect(ResponseAPDU(data: bytes, sw: 0x9000))
            case .passiveAuthentication:
                _ = PassiveAuthentication.verify(files: [.sod: bytes, .dg1: [0x61, 0x00]], trustStore: nil)
            case .masterList:
                _ = try CSCAMasterList(der: bytes, source: "fuzz", anchors: [])
            case .certificate:
                let certificate = try X509Certificate(der: bytes)
                _ = (certificate.subject, certificate.issuer, certificate.serialNumber, certificate.notBefore,
                     certificate.notAfter, certificate.isCertificateAuthority, certificate.publicKeyDescription)
            }
        } catch {
            precondition(error is EMRTDError, "\(target.rawValue) threw \(type(of: error))")
        }
    }
}
