extension VietQRPayload {
    /// Parses payload text as a QR scanner delivers it.
    public init(parsing payload: String) throws(PaymentsError) {
        try self.init(parsing: Array(payload.utf8))
    }

    /// Parses payload bytes: structure and lengths (byte counts), then the CRC in tag 63, then the
    /// required tags and each value. Throws ``PaymentsError/vietQRPayload(_:tag:offset:)`` naming the
    /// tag at fault; never traps, whatever the bytes.
    public init(parsing bytes: [UInt8]) throws(PaymentsError) {
        typealias Rules = VietQRFieldRules
        guard bytes.count <= Rules.maxPayload else {
            throw .vietQRPayload(.tooLong(maximum: Rules.maxPayload, actual: bytes.count), tag: "", offset: 0)
        }
        let objects = try EMVDataObject.objects(in: bytes, range: bytes.indices, parent: "")
        try Self.checkCRC(objects, bytes: bytes)
        guard let first = objects.first, first.tag == VietQRTag.formatIndicator else {
            if let misplaced = objects.first(where: { $0.tag == VietQRTag.formatIndicator }) {
                throw .vietQRPayload(.misplaced(expected: "the first data object"), tag: "00", offset: misplaced.offset)
            }
            throw .vietQRPayload(.missing, tag: "00", offset: 0)
        }
        let top = ObjectTable(objects, parent: "", end: bytes.count)
        try top.require("00", equals: "01")
        let initiationText = try top.requireText("01")
        guard let initiation = Initiation(rawValue: initiationText) else {
            throw top.invalid("01", expected: "11 (static) or 12 (dynamic)")
        }
        self.initiation = initiation

        let account = try top.requireTemplate("38", in: bytes)
        try account.require("00", equals: Self.napasGUID)
        let beneficiary = try account.requireTemplate("01", in: bytes)
        guard Rules.isDigits(try beneficiary.requireObject("00").value, count: 6) else {
            throw beneficiary.invalid("00", expected: "6 digits")
        }
        bankBIN = try beneficiary.requireText("00")
        let accountBytes = try beneficiary.requireObject("01").value
        try beneficiary.checkLength("01", maximum: Rules.maxAccountNumber)
        guard Rules.isAlphanumeric(accountBytes) else { throw beneficiary.invalid("01", expected: Rules.accountExpectation) }
        accountNumber = try beneficiary.requireText("01")
        guard let service = Service(rawValue: try account.requireText("02")) else {
            throw account.invalid("02", expected: "QRIBFTTA (account) or QRIBFTTC (card)")
        }
        self.service = service
        otherMerchantAccount = try account.others(except: ["00", "01", "02"])

        if let mcc = top["52"] {
            guard Rules.isDigits(mcc.value, count: 4) else { throw top.invalid("52", expected: "4 digits") }
        }
        merchantCategoryCode = try top.optionalText("52")
        try top.require("53", equals: Self.currencyVND)
        if let amountObject = top["54"] {
            guard let amount = Rules.amount(amountObject.value) else { throw top.invalid("54", expected: Rules.amountExpectation) }
            self.amount = amount
        } else {
            amount = nil
        }
        try top.require("58", equals: Self.countryVN)
        try top.checkLength("59", maximum: Rules.maxMerchantName)
        merchantName = try top.optionalText("59")
        try top.checkLength("60", maximum: Rules.maxMerchantCity)
        merchantCity = try top.optionalText("60")

        if top["62"] != nil {
            let additional = try top.requireTemplate("62", in: bytes)
            try additional.checkLength("01", maximum: Rules.maxBillNumber)
            billNumber = try additional.optionalText("01")
            try additional.checkLength("08", maximum: Rules.maxPurpose)
            purpose = try additional.optionalText("08")
            otherAdditionalData = try additional.others(except: ["01", "08"])
        } else {
            billNumber = nil
            purpose = nil
            otherAdditionalData = [:]
        }
        otherTopLevel = try top.others(except: ["00", "01", "38", "52", "53", "54", "58", "59", "60", "62", "63"])
    }

    /// Tag 63 must be the last data object, four uppercase hex digits, equal to the CRC of every
    /// byte before them (including its own "6304").
    private static func checkCRC(_ objects: [EMVDataObject], bytes: [UInt8]) throws(PaymentsError) {
        guard let crc = objects.first(where: { $0.tag == VietQRTag.crc }) else {
            throw .vietQRPayload(.missing, tag: "63", offset: bytes.count)
        }
        guard crc.offset == objects.last?.offset else {
            throw .vietQRPayload(.misplaced(expected: "the last data object"), tag: "63", offset: crc.offset)
        }
        let isUpperHex = crc.value.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x46).contains($0) }
        guard crc.value.count == 4, isUpperHex else {
            throw .vietQRPayload(.invalidValue(expected: "4 uppercase hexadecimal digits"), tag: "63", offset: crc.offset)
        }
        let computed = CRC16.hex(CRC16.checksum(bytes[0..<crc.offset + 4]))
        let found = String(decoding: crc.value, as: UTF8.self)
        guard computed == found else {
            throw .vietQRPayload(.checksumMismatch(computed: computed, found: found), tag: "63", offset: crc.offset)
        }
    }
}
