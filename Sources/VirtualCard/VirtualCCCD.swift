public import EMRTD
import Foundation

/// The files and passwords of one virtual CCCD, built from a ``VirtualCCCDProfile``: EF.CardAccess
/// (PACE-GM brainpoolP256r1, chip and terminal authentication), EF.COM, DG1 (TD1 MRZ), DG2 (the
/// JPEG), DG13, DG14 (chip-authentication key), DG15 (active-authentication key) and an EF.SOD
/// signed by the test Document Signer.
public struct VirtualCCCD: Sendable {
    /// Deliberate damage for tests of what comes after reading.
    public enum Tamper: String, Sendable, CaseIterable {
        /// Flip one byte of DG13 after EF.SOD was signed (its hash no longer matches).
        case dg13
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

    /// Builds the card of `profile`, reading its photo and keys, and signing EF.SOD.
    public init(profile: VirtualCCCDProfile, tamper: Set<Tamper> = []) throws(VirtualCardError) {
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
        files[.com] = ChipFiles.com(listing: Self.dataGroups)
        files[.dg1] = ChipFiles.dg1(mrz: mrzLines.joined())
        files[.dg2] = DG2.encode(image: try Self.read(profile.resolve(profile.photo)), format: .jpeg)
        files[.dg13] = DG13.encode(Self.dg13Fields(profile, birth: birth, issue: issue, expiry: expiry))
        files[.dg14] = ChipSecurityFiles.dg14(chipAuthenticationKey: try Self.read(pki.appendingPathComponent("chip-auth.der")))
        files[.dg15] = ChipSecurityFiles.dg15(activeAuthenticationKey: try Self.read(pki.appendingPathComponent("active-auth.der")))

        var groups: [Int: [UInt8]] = [:]
        for file in Self.dataGroups {
            groups[Self.number(file)] = files[file]
        }
        files[.sod] = try SecurityObjectSigner.securityObject(
            dataGroups: groups,
            certificatePEM: try Self.read(pki.appendingPathComponent("ds.pem")),
            keyPEM: try Self.read(pki.appendingPathComponent("ds.key")))
        if tamper.contains(.dg13), var dg13 = files[.dg13] {
            dg13[dg13.count - 1] ^= 0x01
            files[.dg13] = dg13
        }
        self.files = files
    }

    /// A fresh chip answering with these files and passwords.
    public func chip() throws(VirtualCardError) -> EMRTDChip {
        do {
            return try EMRTDChip(files: files, can: can, mrzKey: mrzKey)
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

    private static func read(_ url: URL) throws(VirtualCardError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .fixture(path: url.path) }
        return [UInt8](data)
    }
}
