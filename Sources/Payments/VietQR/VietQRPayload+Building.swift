extension VietQRPayload {
    /// The payload text: data objects in ascending tag order, then tag 63 with the CRC.
    ///
    /// Merchant name, city, bill number and purpose are diacritic-folded (``VietnameseFolding``)
    /// before their length (in bytes) and ASCII checks. Throws ``PaymentsError/vietQRField(_:tag:)``
    /// naming the field at fault.
    public func encoded() throws(PaymentsError) -> String {
        String(decoding: try encodedBytes(), as: UTF8.self)
    }

    /// ``encoded()`` as the bytes a QR symbol carries.
    public func encodedBytes() throws(PaymentsError) -> [UInt8] {
        typealias Rules = VietQRFieldRules
        var top: [(String, [UInt8])] = [
            (VietQRTag.formatIndicator, Array("01".utf8)),
            (VietQRTag.initiation, Array(initiation.rawValue.utf8)),
            (VietQRTag.currency, Array(Self.currencyVND.utf8)),
            (VietQRTag.country, Array(Self.countryVN.utf8)),
        ]

        let bin = Array(bankBIN.utf8)
        guard Rules.isDigits(bin, count: 6) else { throw .vietQRField(.invalidValue(expected: "6 digits"), tag: "38.01.00") }
        let account = Array(accountNumber.utf8)
        guard !account.isEmpty else { throw .vietQRField(.empty, tag: "38.01.01") }
        guard account.count <= Rules.maxAccountNumber else {
            throw .vietQRField(.tooLong(maximum: Rules.maxAccountNumber, actual: account.count), tag: "38.01.01")
        }
        guard Rules.isAlphanumeric(account) else { throw .vietQRField(.invalidValue(expected: Rules.accountExpectation), tag: "38.01.01") }
        var beneficiary: [UInt8] = []
        EMVDataObject.append(tag: VietQRTag.bin, value: bin, to: &beneficiary)
        EMVDataObject.append(tag: VietQRTag.accountNumber, value: account, to: &beneficiary)
        let merchantAccount = try Self.template("38", known: [
            (VietQRTag.guid, Array(Self.napasGUID.utf8)),
            (VietQRTag.beneficiary, beneficiary),
            (VietQRTag.serviceCode, Array(service.rawValue.utf8)),
        ], other: otherMerchantAccount)
        top.append((VietQRTag.merchantAccount, merchantAccount))

        if let merchantCategoryCode {
            guard Rules.isDigits(merchantCategoryCode.utf8, count: 4) else {
                throw .vietQRField(.invalidValue(expected: "4 digits"), tag: VietQRTag.categoryCode)
            }
            top.append((VietQRTag.categoryCode, Array(merchantCategoryCode.utf8)))
        }
        if let amount {
            guard initiation == .dynamic else { throw .vietQRField(.amountInStaticCode, tag: VietQRTag.amount) }
            let digits = Array(String(amount).utf8)
            guard amount > 0, digits.count <= Rules.maxAmountDigits else {
                throw .vietQRField(.invalidValue(expected: Rules.amountExpectation), tag: VietQRTag.amount)
            }
            top.append((VietQRTag.amount, digits))
        }
        if let merchantName {
            top.append((VietQRTag.merchantName, try Self.text(merchantName, tag: "59", maximum: Rules.maxMerchantName)))
        }
        if let merchantCity {
            top.append((VietQRTag.merchantCity, try Self.text(merchantCity, tag: "60", maximum: Rules.maxMerchantCity)))
        }
        var additional: [(String, [UInt8])] = []
        if let billNumber {
            additional.append((VietQRTag.billNumber, try Self.text(billNumber, tag: "62.01", maximum: Rules.maxBillNumber)))
        }
        if let purpose {
            additional.append((VietQRTag.purpose, try Self.text(purpose, tag: "62.08", maximum: Rules.maxPurpose)))
        }
        if !additional.isEmpty || !otherAdditionalData.isEmpty {
            top.append((VietQRTag.additionalData, try Self.template("62", known: additional, other: otherAdditionalData)))
        }

        var out: [UInt8] = []
        for (tag, value) in try Self.merged(top, other: otherTopLevel, parent: "") {
            EMVDataObject.append(tag: tag, value: value, to: &out)
        }
        out.append(contentsOf: "6304".utf8)
        out.append(contentsOf: CRC16.hex(CRC16.checksum(out)).utf8)
        guard out.count <= Rules.maxPayload else {
            throw .vietQRField(.tooLong(maximum: Rules.maxPayload, actual: out.count), tag: "")
        }
        return out
    }

    /// Folded, non-empty, printable ASCII, at most `maximum` bytes.
    private static func text(_ value: String, tag: String, maximum: Int) throws(PaymentsError) -> [UInt8] {
        let bytes = Array(VietnameseFolding.fold(value).utf8)
        guard !bytes.isEmpty else { throw .vietQRField(.empty, tag: tag) }
        guard VietQRFieldRules.isPrintableASCII(bytes) else { throw .vietQRField(.notASCII, tag: tag) }
        guard bytes.count <= maximum else { throw .vietQRField(.tooLong(maximum: maximum, actual: bytes.count), tag: tag) }
        return bytes
    }

    /// A template's value: its known and other sub-objects in tag order.
    private static func template(_ tag: String, known: [(String, [UInt8])], other: [String: String]) throws(PaymentsError) -> [UInt8] {
        var value: [UInt8] = []
        for (subTag, subValue) in try merged(known, other: other, parent: tag) {
            EMVDataObject.append(tag: subTag, value: subValue, to: &value)
        }
        guard value.count <= 99 else { throw .vietQRField(.tooLong(maximum: 99, actual: value.count), tag: tag) }
        return value
    }

    /// `known` plus the `other` tags (checked: two digits, not modelled, at most 99 bytes), sorted by tag.
    private static func merged(_ known: [(String, [UInt8])], other: [String: String], parent: String) throws(PaymentsError) -> [(String, [UInt8])] {
        var all = known
        let reserved = Set(known.map(\.0)).union(parent.isEmpty ? ["00", "01", "38", "52", "53", "54", "58", "59", "60", "62", "63"]
                                                  : parent == "38" ? ["00", "01", "02"] : ["01", "08"])
        for (tag, value) in other {
            let path = VietQRTag.path(parent, tag)
            guard VietQRFieldRules.isDigits(tag.utf8, count: 2), !reserved.contains(tag) else {
                throw .vietQRField(.invalidValue(expected: VietQRFieldRules.tagExpectation), tag: path)
            }
            let bytes = Array(value.utf8)
            guard bytes.count <= 99 else { throw .vietQRField(.tooLong(maximum: 99, actual: bytes.count), tag: path) }
            all.append((tag, bytes))
        }
        return all.sorted { $0.0 < $1.0 }
    }
}
