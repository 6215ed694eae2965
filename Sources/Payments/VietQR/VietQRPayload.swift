/// A VietQR payment code (NAPAS 247 on EMVCo merchant-presented mode): the fields a banking app needs
/// to pay a bank account or card, built into and parsed from the text a QR symbol carries.
///
/// Build with ``encoded()``, parse with ``init(parsing:)``. Tags this type does not model are kept in
/// the `other…` dictionaries and written back in tag order, so a parsed payload whose data objects are
/// in ascending tag order rebuilds byte for byte.
///
/// Amount and static codes: the parser accepts an amount (tag 54) in a static code (01 = `11`),
/// because EMVCo allows it and bank apps print such posters; the builder refuses it, because a static
/// code is meant to be paid many times and the kiosk matches each transfer to one bill by amount and
/// bill number: a code with an amount is always dynamic (01 = `12`).
public struct VietQRPayload: Sendable, Equatable {
    /// Tag 01: whether the code may be paid once or many times.
    public enum Initiation: String, Sendable, Equatable {
        /// `11`: a static code, paid many times, normally without an amount.
        case `static` = "11"
        /// `12`: a dynamic code, for one payment, with its amount.
        case dynamic = "12"
    }

    /// Tag 38.02: what the beneficiary number is.
    public enum Service: String, Sendable, Equatable, CaseIterable {
        /// `QRIBFTTA`: transfer to a bank account.
        case account = "QRIBFTTA"
        /// `QRIBFTTC`: transfer to a card number.
        case card = "QRIBFTTC"
    }

    /// Tag 01.
    public var initiation: Initiation
    /// Tag 38.01.00: the beneficiary bank's 6-digit NAPAS BIN.
    public var bankBIN: String
    /// Tag 38.01.01: account or card number, at most 19 characters.
    public var accountNumber: String
    /// Tag 38.02.
    public var service: Service
    /// Tag 52: ISO 18245 merchant category code, 4 digits, optional.
    public var merchantCategoryCode: String?
    /// Tag 54: the amount in whole đồng, nil for none.
    public var amount: UInt64?
    /// Tag 59: at most 25 ASCII characters (the builder folds diacritics).
    public var merchantName: String?
    /// Tag 60: at most 15 ASCII characters (the builder folds diacritics).
    public var merchantCity: String?
    /// Tag 62.01: bill number, at most 25 characters.
    public var billNumber: String?
    /// Tag 62.08: purpose of the transfer, at most 25 characters (the builder folds diacritics).
    public var purpose: String?
    /// Top-level tags not modelled above (tag ID → value), except 00 and 63.
    public var otherTopLevel: [String: String]
    /// Sub-tags of 38 not modelled above.
    public var otherMerchantAccount: [String: String]
    /// Sub-tags of 62 not modelled above.
    public var otherAdditionalData: [String: String]

    /// A payload for the kiosk's own codes: dynamic when `amount` is given, static otherwise.
    public init(bankBIN: String, accountNumber: String, service: Service, amount: UInt64? = nil,
                billNumber: String? = nil, purpose: String? = nil,
                merchantName: String? = nil, merchantCity: String? = nil, merchantCategoryCode: String? = nil) {
        self.initiation = amount == nil ? .static : .dynamic
        self.bankBIN = bankBIN
        self.accountNumber = accountNumber
        self.service = service
        self.merchantCategoryCode = merchantCategoryCode
        self.amount = amount
        self.merchantName = merchantName
        self.merchantCity = merchantCity
        self.billNumber = billNumber
        self.purpose = purpose
        self.otherTopLevel = [:]
        self.otherMerchantAccount = [:]
        self.otherAdditionalData = [:]
    }

    /// NAPAS's application identifier in tag 38.00.
    public static let napasGUID = "A000000727"
    /// ISO 4217 numeric code of the đồng, tag 53.
    public static let currencyVND = "704"
    /// ISO 3166 country code, tag 58.
    public static let countryVN = "VN"
}
