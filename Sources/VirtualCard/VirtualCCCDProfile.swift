public import Foundation

/// A synthetic resident for the virtual CCCD, loaded from JSON: what the card prints and holds.
///
/// Dates are ISO 8601 (`YYYY-MM-DD`); `expiryDate` is absent for a card without expiry. `photo`
/// and `pki` are paths relative to the profile file: the face JPEG and the directory with the
/// test Document Signer (`ds.pem`, `ds.key`) and the chip's public keys (`chip-auth.der`,
/// `active-auth.der`), made by `scripts/make-card-fixtures.sh`.
public struct VirtualCCCDProfile: Codable, Sendable, Equatable {
    public var idNumber: String
    public var fullName: String
    /// The name as the MRZ writes it (A-Z and spaces, surname first).
    public var latinName: String
    public var dateOfBirth: String
    /// "Nam" or "Nữ".
    public var sex: String
    public var nationality: String
    public var ethnicity: String?
    public var religion: String?
    public var placeOfOrigin: String?
    public var placeOfResidence: String?
    public var identifyingMarks: String?
    public var issueDate: String
    public var expiryDate: String?
    public var fatherName: String?
    public var motherName: String?
    public var spouseName: String?
    public var oldIdNumber: String?
    /// The card access number; the last 6 digits of the ID number when absent.
    public var can: String?
    public var photo: String
    public var pki: String

    /// Where relative paths are resolved; set by ``load(from:)``.
    public var baseDirectory: URL?

    private enum CodingKeys: String, CodingKey {
        case idNumber, fullName, latinName, dateOfBirth, sex, nationality, ethnicity, religion
        case placeOfOrigin, placeOfResidence, identifyingMarks, issueDate, expiryDate
        case fatherName, motherName, spouseName, oldIdNumber, can, photo, pki
    }

    /// Reads a profile file.
    public static func load(from file: URL) throws(VirtualCardError) -> VirtualCCCDProfile {
        do {
            var profile = try JSONDecoder().decode(VirtualCCCDProfile.self, from: Data(contentsOf: file))
            profile.baseDirectory = file.deletingLastPathComponent()
            return profile
        } catch {
            throw .profile(path: file.path, reason: "\(type(of: error)): \(Self.describe(error))")
        }
    }

    /// The card access number in effect.
    public var effectiveCAN: String { can ?? String(idNumber.suffix(6)) }

    /// A path of the profile resolved against its directory.
    func resolve(_ path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        return (baseDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .appendingPathComponent(path).standardizedFileURL
    }

    /// A decoding error without the values it was decoding.
    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing key \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "not valid JSON"
        default: "cannot be read"
        }
    }
}
