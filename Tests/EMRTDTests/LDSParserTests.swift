import Testing
@testable import EMRTD

@Suite("LDS files: DG13, DG2, EF.COM, EF.CardAccess")
struct LDSParserTests {
    static let person: [Int: [String]] = [
        1: ["079190012345"], 2: ["Nguyễn Thị Hồng Nhung"], 3: ["17/05/1990"], 4: ["Nữ"], 5: ["Việt Nam"],
        6: ["Kinh"], 7: ["Không"], 8: ["Xã Đông Hưng, Huyện Đông Hưng, Thái Bình"],
        9: ["Số 12, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh"], 10: ["Nốt ruồi C:1cm trên trước mép trái"],
        11: ["10/04/2021"], 12: ["17/05/2030"], 13: ["Nguyễn Văn Bình", "Trần Thị Cúc"], 14: ["Lê Quang Dũng"],
        15: ["123456789"],
    ]

    @Test("DG13 with every field, Vietnamese diacritics intact")
    func dg13Full() throws {
        let dg13 = try DG13(bytes: DG13.encode(Self.person))
        #expect(dg13.problems.isEmpty)
        #expect(dg13.idNumber == "079190012345")
        #expect(dg13.fullName == "Nguyễn Thị Hồng Nhung")
        #expect(dg13.dateOfBirth == CalendarDate(year: 1990, month: 5, day: 17))
        #expect(dg13.sex == "Nữ")
        #expect(dg13.placeOfOrigin == "Xã Đông Hưng, Huyện Đông Hưng, Thái Bình")
        #expect(dg13.identifyingMarks == "Nốt ruồi C:1cm trên trước mép trái")
        #expect(dg13.issueDate == CalendarDate(year: 2021, month: 4, day: 10))
        #expect(dg13.expiryDate == CalendarDate(year: 2030, month: 5, day: 17))
        #expect(dg13.fatherName == "Nguyễn Văn Bình")
        #expect(dg13.motherName == "Trần Thị Cúc")
        #expect(dg13.spouseName == "Lê Quang Dũng")
        #expect(dg13.oldIDNumber == "123456789")
        #expect(!"\(dg13)".contains("Nguy"))
    }

    @Test("DG13: an odd field is kept raw and the rest still reads; PrintableString and nested parents accepted")
    func dg13OddField() throws {
        func entry(_ n: UInt8, _ value: [UInt8]) -> [UInt8] { TLV.encode(0x30, TLV.encode(0x02, [n]) + value) }
        var set = entry(1, TLV.encode(0x13, Array("079190012345".utf8)))
        set += entry(2, TLV.encode(0x0C, Array("Phạm Thị Ánh".utf8)))
        set += entry(4, TLV.encode(0x0C, [0xC3, 0x28]))                              // invalid UTF-8
        set += entry(7, TLV.encode(0x03, [0x00, 0xFF]))                              // BIT STRING: not text
        set += entry(12, TLV.encode(0x0C, Array("Không thời hạn".utf8)))
        set += entry(13, TLV.encode(0x30, TLV.encode(0x0C, Array("Phạm Văn Hải".utf8)) + TLV.encode(0x0C, Array("Đỗ Thị Lan".utf8))))
        set += entry(16, TLV.encode(0x0C, Array("?".utf8)))
        let body = TLV.encode(0x02, [0x01]) + TLV.encode(0x06, [0x2B, 0x06, 0x01]) + TLV.encode(0x31, set)
        let dg13 = try DG13(bytes: TLV.encode(0x6D, TLV.encode(0x30, body)))
        #expect(dg13.idNumber == "079190012345")
        #expect(dg13.fullName == "Phạm Thị Ánh")
        #expect(dg13.sex == nil)
        #expect(dg13.religion == nil)
        #expect(dg13.undecodable.count == 2)
        #expect(dg13.problems.count == 2)
        #expect(dg13.expiryText == "Không thời hạn")
        #expect(dg13.expiryDate == nil)
        #expect(dg13.fatherName == "Phạm Văn Hải" && dg13.motherName == "Đỗ Thị Lan")
        #expect(dg13.fields[16]?.values == ["?"])
        #expect(!dg13.problems.joined().contains("Phạm"))
    }

    @Test("DG13 with a broken outer structure fails with an offset")
    func dg13Broken() {
        #expect(throws: EMRTDError.self) { try DG13(bytes: [0x6D, 0x05, 0x30, 0x03, 0x02, 0x01]) }
        #expect(throws: EMRTDError.malformedFile(file: "DG13", reason: "outer tag is not 6D")) { try DG13(bytes: [0x61, 0x00]) }
    }

    @Test("DG2: the JPEG comes out of the ISO/IEC 19794-5 record")
    func dg2() throws {
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0x55, count: 1000) + [0xFF, 0xD9]
        let dg2 = try DG2(bytes: DG2.encode(image: jpeg, format: .jpeg))
        #expect(dg2.image == jpeg)
        #expect(dg2.format == .jpeg)
        #expect(throws: EMRTDError.self) { try DG2(bytes: TLV.encode(0x75, TLV.encode(0x7F61, TLV.encode(0x02, [0])))) }
    }

    @Test("EF.COM lists the CCCD data groups")
    func com() throws {
        let com = try EFCOM(bytes: ChipFiles.com(listing: [.dg1, .dg2, .dg13, .dg14, .dg15]))
        #expect(com.ldsVersion == "0107")
        #expect(com.dataGroupTags == [0x61, 0x75, 0x6D, 0x6E, 0x6F])
        #expect(com.files == [.dg1, .dg2, .dg13, .dg14, .dg15])
    }

    @Test("EF.CardAccess of the CCCD: PACEInfo, ChipAuthenticationInfo, TerminalAuthenticationInfo")
    func cardAccess() throws {
        let infos = try SecurityInfos(bytes: ChipFiles.cccdCardAccess())
        #expect(infos.preferredPACE?.protocol == .ecdhGenericMappingAES128)
        #expect(infos.preferredPACE?.parameterID == 13)
        #expect(infos.chipAuthenticationInfos.first?.oid == [0, 4, 0, 127, 0, 7, 2, 2, 3, 2, 2])
        #expect(infos.terminalAuthenticationVersions == [2])
        #expect(infos.others.isEmpty)
        #expect(throws: EMRTDError.self) { try SecurityInfos(bytes: [0x30, 0x00]) }
    }

    @Test("EF.CardAccess: an unknown or damaged SecurityInfo is kept aside, not fatal")
    func cardAccessUnknown() throws {
        let unknown = TLV.encode(0x30, TLV.encode(0x06, [0x2A, 0x03]) + TLV.encode(0x02, [0x01]))
        let damaged = TLV.encode(0x30, TLV.encode(0x02, [0x01]))
        let pace = try TLV.parseSingle(ChipFiles.cccdCardAccess()).children()[0].encoded
        let infos = try SecurityInfos(bytes: TLV.encode(0x31, unknown + damaged + pace))
        #expect(infos.paceInfos.count == 1)
        #expect(infos.others.count == 2)
        #expect(infos.others[0].oid == [1, 2, 3])
    }
}
