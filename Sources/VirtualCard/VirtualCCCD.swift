public import EMRTD
import Foundation

/// The files and passwords of one virtual CCCD, built from a ``VirtualCCCDProfile``: EF.CardAccess
/// (PACE-GM brainpoolP256r1, chip and terminal authentication), EF.COM, DG1 (TD1 MRZ), DG2 (the
/// JPEG), DG13, DG14 (chip-authentication key), DG15 (active-authentication key) and an EF.SOD
/// signed by the test Document Signer.
public struct VirtualCCCD: Sendable {
    /// Deliberate damage for tests of what comes after reading: one byte flipped after EF.SOD
    /// was signed (a data group's hash no longer matches; for `sod`, the signature breaks).
    public enum Tamper: String, Sendable, CaseIterable {
        case dg1, dg2, dg13, dg14, dg15, sod

        var file: LDSFile {
            switch self {
            case .dg1: .dg1
            case .dg2: .dg2
            case .dg13: .dg13
            case .dg14: .dg14
            case .dg15: .dg15
            case .sod: .sod
            }
        }
    }

    /// The key DG15 holds for active authentication.
    public enum ActiveAuthenticationKey: String, Sendable, CaseIterable {
        /// RSA 2048, ISO/IEC 9796-2 scheme 1 (`active-auth.key`).
        case rsa
        /// ECDSA P-256 with SHA-256 (`active-auth-ec.key`; DG14 gains an ActiveAuthenticationInfo).
        case ecdsa
        /// No DG15 at all.
        case none
    }

    /// Which test keys and certificates a card uses (files of the profile's `pki` directory).
    public struct Keys: Sendable, Equatable {
        /// File stem of the Document Signer signing EF.SOD (`ds`, `ds-bp`, `ds-rsa`,
        /// `ds-expired`, `ds-revoked`, `ds-unknown`).
        public var documentSigner = "ds"
        /// Active-authentication key.
        public var activeAuthentication = ActiveAuthenticationKey.rsa
        /// A "clone": the chip holds `chip-auth-clone.key`, not the key DG14 publishes.
        public var clone = false

        /// The genuine card: ds, RSA active authentication, the DG14 key on the chip.
        public init() {}
    }

    /// The data groups EF.COM lists.
    public static let dataGroups: [LDSFile] = [.dg1, .dg2, .dg13, .dg14, .dg15]

    /// Every file, EF.CardAccess included.
    public let files: [LDSFile: [UInt8]]
    /// The card access number (PACE-CAN).
    public let can: String
    /// The MRZ key (BAC, PACE-MRZ).
    public let mrzKey: MRZKey
    /// The MRZ as printed on the back.
    public let mrzLines: [String]
    /// The chip's chip-authentication private key.
    let chipAuthenticationKey: PrivateKey
    /// The chip's active-authentication private key (nil without DG15).
    let activeAuthenticationKey: PrivateKey?

    /// Builds the card of `profile`, reading its photo and keys, and signing EF.SOD.
    public init(profile: VirtualCCCDProfile, tamper: Set<Tamper> = [], keys: Keys = Keys()) throws(VirtualCardError) {
        func date(_ text: String, _ field: String) throws(VirtualCardError) -> CalendarDate {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, let date = CalendarDate(year: parts[0], month: parts[1], day: parts[2]) else {
                throw .profile(path: profile.baseDirectory?.path ?? "profile", reason: "\(field) is not YYYY-MM-DD")
            }
            return date
        }
        guard profile.idNumber.count == 12, profile.idNumber.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .profile(path: profile.baseDirectory?.path ?? "profile", reason: "idNumber is not 12 digits")
        }
        let birth = try date(profile.dateOfBirth, "dateOfBirth")
        let issue = try date(profile.issueDate, "issueDate")
        var expiry: CalendarDate?
        if let text = profile.expiryDate { expiry = try date(text, "expiryDate") }

        mrzLines = CCCDMRZ.lines(idNumber: profile.idNumber, dateOfBirth: birth, sex: profile.sex,
                                 expiry: expiry, latinName: profile.latinName)
        can = profile.effectiveCAN
        do {
            mrzKey = try MRZKey(documentNumber: CCCDMRZ.documentNumber(idNumber: profile.idNumber),
                                dateOfBirth: birth.yymmdd, dateOfExpiry: expiry?.yymmdd ?? CCCDValidity.noExpiryMRZField)
        } catch {
            throw .files("MRZ key: \(error)")
        }

        let pki = profile.resolve(profile.pki)
        var files: [LDSFile: [UInt8]] = [:]
        do {
            files[.cardAccess] = try ChipFiles.cccdCardAccess()
        } catch {
            throw .files("EF.CardAccess: \(error)")
        }
        files[.dg1] = ChipFiles.dg1(mrz: mrzLines.joined())
        files[.dg2] = DG2.encode(image: try Self.read(profile.resolve(profile.photo)), format: .jpeg)
        files[.dg13] = DG13.encode(Self.dg13Fields(profile, birth: birth, issue: issue, expiry: expiry))
        chipAuthenticationKey = try Self.key(pki.appendingPathComponent(keys.clone ? "chip-auth-clone.key" : "chip-auth.key"))
        let aaStem: String? = switch keys.activeAuthentication {
        case .rsa: "active-auth"
        case .ecdsa: "active-auth-ec"
        case .none: nil
        }
        activeAuthenticationKey = try aaStem.map { stem throws(VirtualCardError) in try Self.key(pki.appendingPathComponent("\(stem).key")) }
        files[.dg14] = ChipSecurityFiles.dg14(chipAuthenticationKey: try Self.read(pki.appendingPathComponent("chip-auth.der")),
                                              activeAuthenticationSHA256: keys.activeAuthentication == .ecdsa)
        if let aaStem {
            files[.dg15] = ChipSecurityFiles.dg15(activeAuthenticationKey: try Self.read(pki.appendingPathComponent("\(aaStem).der")))
        }
        files[.com] = ChipFiles.com(listing: Self.dataGroups.filter { files[$0] != nil })

        var groups: [Int: [UInt8]] = [:]
        for file in Self.dataGroups {
            groups[Self.number(file)] = files[file]
        }
        files[.sod] = try SecurityObjectSigner.securityObject(
            dataGroups: groups,
            certificatePEM: try Self.read(pki.appendingPathComponent("\(keys.documentSigner).pem")),
            keyPEM: try Self.read(pki.appendingPathComponent("\(keys.documentSigner).key")))
        for damage in tamper {
            guard var bytes = files[damage.file] else { continue }
            bytes[bytes.count - 1] ^= 0x01
            files[damage.file] = bytes
        }
        self.files = files
    }

    /// A fresh chip answering with these files and passwords.
    public func chip() throws(VirtualCardError) -> EMRTDChip {
        do {
            var chip = try EMRTDChip(files: files, can: can, mrzKey: mrzKey)
            chip.chipAuthenticationKey = chipAuthenticationKey
            chip.activeAuthenticationKey = activeAuthenticationKey
            return chip
        } catch {
            throw .files("chip: \(error)")
        }
    }

    /// The chip as a vpcd applet.
    public func applet() throws(VirtualCardError) -> EMRTDChipApplet {
        EMRTDChipApplet(chip: try chip())
    }

    /// The data-group number of `file` (1 for DG1 …).
    static func number(_ file: LDSFile) -> Int {
        Int(file.fileID & 0xFF)
    }

    private static func dg13Fields(_ p: VirtualCCCDProfile, birth: CalendarDate, issue: CalendarDate,
                                   expiry: CalendarDate?) -> [Int: [String]] {
        func dmy(_ d: CalendarDate) -> String {
            let iso = d.iso8601.split(separator: "-")
            return "\(iso[2])/\(iso[1])/\(iso[0])"
        }
        var fields: [Int: [String]] = [1: [p.idNumber], 2: [p.fullName], 3: [dmy(birth)], 4: [p.sex], 5: [p.nationality],
                                       11: [dmy(issue)], 12: [expiry.map(dmy) ?? "Không thời hạn"]]
        let optional: [(Int, String?)] = [(6, p.ethnicity), (7, p.religion), (8, p.placeOfOrigin), (9, p.placeOfResidence),
                                          (10, p.identifyingMarks), (14, p.spouseName), (15, p.oldIdNumber)]
        for (number, value) in optional {
            if let value { fields[number] = [value] }
        }
        if p.fatherName != nil || p.motherName != nil {
            fields[13] = [p.fatherName ?? "", p.motherName ?? ""]
        }
        return fields
    }

    private static func key(_ url: URL) throws(VirtualCardError) -> PrivateKey {
        do {
            return try PrivateKey(encoded: try read(url))
        } catch let error as VirtualCardError {
            throw error
        } catch {
            throw .files("\(url.lastPathComponent): not a private key")
        }
    }

    private static func read(_ url: URL) throws(VirtualCardError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .fixture(path: url.path) }
        return [UInt8](data)
    }
}
