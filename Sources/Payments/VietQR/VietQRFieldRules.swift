/// The value rules both the builder and the parser apply, one place per field.
enum VietQRFieldRules {
    static let maxAccountNumber = 19
    static let maxMerchantName = 25
    static let maxMerchantCity = 15
    static let maxBillNumber = 25
    static let maxPurpose = 25
    static let maxAmountDigits = 13
    /// EMVCo MPM: a payload is at most 512 bytes.
    static let maxPayload = 512

    static func isDigits(_ bytes: some Collection<UInt8>, count: Int? = nil) -> Bool {
        if let count, bytes.count != count { return false }
        return !bytes.isEmpty && bytes.allSatisfy { (0x30...0x39).contains($0) }
    }

    static func isAlphanumeric(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    static func isPrintableASCII(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// Whole đồng: 1 to 13 digits, no leading zero, no decimal point.
    static func amount(_ bytes: some Collection<UInt8>) -> UInt64? {
        guard bytes.count <= maxAmountDigits, isDigits(bytes), bytes.first != 0x30 else { return nil }
        return bytes.reduce(0) { $0 * 10 + UInt64($1 - 0x30) }
    }

    static let amountExpectation = "whole VND: 1 to 13 digits, no leading zero, no decimal point"
    static let accountExpectation = "1 to 19 letters or digits"
    static let tagExpectation = "a two-digit tag this payload does not model"
}
