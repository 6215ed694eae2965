/// A result code (`maKetQua`) of the Vietnam Social Security card-check portal, with what it
/// means for the check-in and a sentence in Vietnamese and English for the screen and for staff.
public struct InsuranceResultCode: Sendable, Hashable {
    /// The code as the portal sends it: three digits.
    public let code: String
    /// What it means for the check-in.
    public let status: InsuranceCheckStatus
    /// The sentence in Vietnamese.
    public let vietnamese: String
    /// The sentence in English.
    public let english: String

    /// The meaning of `code`; an unknown code maps to ``InsuranceCheckStatus/unknown``.
    public init(_ code: String) {
        self.code = code
        if let entry = Self.table[code] {
            (status, vietnamese, english) = entry
        } else {
            status = .unknown
            vietnamese = "Cổng giám định trả về mã kết quả chưa biết (\(code))."
            english = "The insurance portal answered with an unknown result code (\(code))."
        }
    }

    /// Every code the portal documents (Vietnam Social Security, 2024).
    public static var documented: [String] { table.keys.sorted() }

    private static let table: [String: (InsuranceCheckStatus, String, String)] = {
        var table: [String: (InsuranceCheckStatus, String, String)] = [
            "000": (.valid, "Thẻ BHYT còn giá trị sử dụng.", "The health insurance card is valid."),
            "001": (.managedElsewhere, "Thẻ do BHXH Bộ Quốc phòng quản lý.",
                    "The card is managed by the Ministry of National Defence's social insurance office."),
            "002": (.managedElsewhere, "Thẻ do BHXH Bộ Công an quản lý.",
                    "The card is managed by the Ministry of Public Security's social insurance office."),
            "003": (.expired, "Thẻ cũ đã hết giá trị sử dụng, đã được cấp thẻ mới.",
                    "The old card has expired; a new card has been issued."),
            "004": (.validNewCardIssued, "Thẻ cũ còn giá trị sử dụng, đã được cấp thẻ mới.",
                    "The old card is still valid; a new card has been issued."),
            "010": (.expired, "Thẻ BHYT đã hết giá trị sử dụng.", "The health insurance card has expired."),
            "050": (.notFound, "Không tìm thấy thông tin thẻ BHYT.", "No information was found for this card."),
            "051": (.mismatch, "Mã thẻ BHYT không đúng.", "The card code is wrong."),
            "052": (.mismatch, "Mã tỉnh cấp thẻ (ký tự thứ 4 và 5 của mã thẻ) không đúng.",
                    "The province code (characters 4 and 5 of the card code) is wrong."),
            "053": (.mismatch, "Mã quyền lợi (ký tự thứ 3 của mã thẻ) không đúng.",
                    "The benefit code (character 3 of the card code) is wrong."),
            "054": (.staffAccountRejected, "Số CCCD của cán bộ chưa được đăng ký.",
                    "The staff member's citizen ID number is not registered."),
            "055": (.staffAccountRejected, "Họ tên cán bộ không khớp với số CCCD đã đăng ký.",
                    "The staff member's name does not match the registered citizen ID number."),
            "060": (.mismatch, "Họ tên không đúng.", "The name is wrong."),
            "061": (.mismatch, "Họ tên không đúng (đúng ký tự đầu).", "The name is wrong (the first letter is right)."),
            "070": (.mismatch, "Ngày sinh không đúng.", "The date of birth is wrong."),
            "100": (.portalError, "Lỗi khi lấy dữ liệu thẻ.", "The card data could not be read."),
            "101": (.portalError, "Lỗi máy chủ cổng giám định.", "The insurance portal's server failed."),
            "110": (.revoked, "Thẻ đã bị thu hồi.", "The card has been revoked."),
            "130": (.childWithoutCard, "Trẻ em không xuất trình thẻ.", "A child without a card."),
            "205": (.portalError, "Sai định dạng tham số gửi lên.", "A parameter sent has the wrong format."),
            "401": (.portalError, "Lỗi xác thực tài khoản.", "Authentication with the insurance portal failed."),
        ]
        for code in 120...124 {
            table[String(code)] = (.revoked, "Thẻ đã bị báo giảm (mã \(code)).", "The card has been reported as reduced (code \(code)).")
        }
        return table
    }()
}
