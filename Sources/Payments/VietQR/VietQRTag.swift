/// Tag IDs of the VietQR (NAPAS 247, EMVCo MPM) data objects this module reads and writes, with the
/// names used in error details. Paths are dotted: `38.01.00` is the BIN inside the beneficiary
/// inside the merchant account template.
enum VietQRTag {
    static let formatIndicator = "00"
    static let initiation = "01"
    static let merchantAccount = "38"
    static let categoryCode = "52"
    static let currency = "53"
    static let amount = "54"
    static let country = "58"
    static let merchantName = "59"
    static let merchantCity = "60"
    static let additionalData = "62"
    static let crc = "63"

    /// Sub-tags of 38.
    static let guid = "00", beneficiary = "01", serviceCode = "02"
    /// Sub-tags of 38.01.
    static let bin = "00", accountNumber = "01"
    /// Sub-tags of 62.
    static let billNumber = "01", purpose = "08"

    private static let names: [String: String] = [
        "00": "payload format indicator",
        "01": "point of initiation",
        "38": "merchant account information",
        "38.00": "NAPAS GUID",
        "38.01": "beneficiary",
        "38.01.00": "bank BIN",
        "38.01.01": "account or card number",
        "38.02": "service code",
        "52": "merchant category code",
        "53": "currency",
        "54": "amount",
        "58": "country code",
        "59": "merchant name",
        "60": "merchant city",
        "62": "additional data",
        "62.01": "bill number",
        "62.08": "purpose of transaction",
        "63": "CRC",
    ]

    static func name(of path: String) -> String { names[path] ?? "unknown to VietQR" }

    static func path(_ parent: String, _ tag: String) -> String { parent.isEmpty ? tag : "\(parent).\(tag)" }
}
