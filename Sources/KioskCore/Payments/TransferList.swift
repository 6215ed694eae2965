import Foundation

/// The station server's answer to a poll, and the body of its callback:
///
///     {"transfers": [{"bill_number": "…", "amount_vnd": 30000, "bank_reference": "FT…"}], "cursor": "…"}
///
/// Amounts are JSON integers in whole đồng; `cursor` (optional) is passed back as `since` on the
/// next poll.
struct TransferList: Decodable {
    struct Item: Decodable {
        var billNumber: String
        var amountVND: Int64
        var bankReference: String

        enum CodingKeys: String, CodingKey {
            case billNumber = "bill_number", amountVND = "amount_vnd", bankReference = "bank_reference"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            billNumber = try container.decode(String.self, forKey: .billNumber)
            amountVND = try container.decodeWholeNumber(forKey: .amountVND)
            bankReference = try container.decode(String.self, forKey: .bankReference)
        }
    }

    var transfers: [Item]
    var cursor: String?

    /// The document expected, for messages.
    static let shape = "{\"transfers\": [{\"bill_number\", \"amount_vnd\", \"bank_reference\"}]}"

    /// Decodes `body`; an error names the place in the JSON and what was expected there.
    static func decode(_ body: Data, from source: String) throws -> TransferList {
        do {
            return try JSONDecoder().decode(TransferList.self, from: body)
        } catch let error as DecodingError {
            throw PaymentDeskError(.invalidInput, "\(source): \(JSONProblem.describe(error, shape: Self.shape))")
        }
    }
}
