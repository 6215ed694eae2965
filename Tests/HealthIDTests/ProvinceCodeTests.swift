import Testing
import HealthID

/// The province codes that open a citizen ID number, checked against Appendix 1 of Circular
/// 07/2016/TT-BCA ("Bảng danh mục mã tỉnh, thành phố trực thuộc trung ương nơi công dân đăng ký
/// khai sinh"): 63 codes between 001 and 096, each the General Statistics Office code of its
/// province with a leading 0.
@Suite("Province codes of citizen ID numbers")
struct ProvinceCodeTests {
    /// The appendix's codes, transcribed from the published table.
    static let appendix: Set<String> = [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024", "025",
        "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045", "046", "048",
        "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
        "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
    ]

    @Test func exactlyTheAppendixCodesAreAccepted() {
        #expect(Self.appendix.count == 63)
        for number in 0...999 {
            let code = String(repeating: "0", count: 3 - String(number).count) + String(number)
            let accepted = (try? CitizenID(code + "090012345")) != nil
            #expect(accepted == Self.appendix.contains(code), "code \(code)")
        }
    }

    @Test(arguments: [("001", "Hà Nội"), ("031", "Hải Phòng"), ("048", "Đà Nẵng"), ("079", "Hồ Chí Minh"),
                      ("092", "Cần Thơ"), ("096", "Cà Mau"), ("067", "Đắk Nông"), ("077", "Bà Rịa – Vũng Tàu")])
    func provinceNames(_ code: String, _ name: String) throws {
        #expect(try CitizenID(code + "090012345").provinceName == name)
    }
}
