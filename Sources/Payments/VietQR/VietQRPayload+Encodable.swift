extension VietQRPayload: Encodable {
    private enum CodingKeys: String, CodingKey {
        case initiation, bankBIN, accountNumber, service, merchantCategoryCode, amount, currency, country
        case merchantName, merchantCity, billNumber, purpose, otherTopLevel, otherMerchantAccount, otherAdditionalData
    }

    /// The fields by name for JSON output: `initiation` is `static` or `dynamic`, `service` is
    /// `account` or `card`; absent optional fields and empty `other…` tables are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(initiation == .static ? "static" : "dynamic", forKey: .initiation)
        try container.encode(bankBIN, forKey: .bankBIN)
        try container.encode(accountNumber, forKey: .accountNumber)
        try container.encode(service == .account ? "account" : "card", forKey: .service)
        try container.encodeIfPresent(merchantCategoryCode, forKey: .merchantCategoryCode)
        try container.encodeIfPresent(amount, forKey: .amount)
        try container.encode(Self.currencyVND, forKey: .currency)
        try container.encode(Self.countryVN, forKey: .country)
        try container.encodeIfPresent(merchantName, forKey: .merchantName)
        try container.encodeIfPresent(merchantCity, forKey: .merchantCity)
        try container.encodeIfPresent(billNumber, forKey: .billNumber)
        try container.encodeIfPresent(purpose, forKey: .purpose)
        if !otherTopLevel.isEmpty { try container.encode(otherTopLevel, forKey: .otherTopLevel) }
        if !otherMerchantAccount.isEmpty { try container.encode(otherMerchantAccount, forKey: .otherMerchantAccount) }
        if !otherAdditionalData.isEmpty { try container.encode(otherAdditionalData, forKey: .otherAdditionalData) }
    }
}
