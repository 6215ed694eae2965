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
    }

    var transfers: [Item]
    var cursor: String?

    /// Decodes `body`; an error names the place in the JSON and what was expected there.
    static func decode(_ body: Data, from source: String) throws -> TransferList {
        do {
            return try JSONDecoder().decode(TransferList.self, from: body)
        } catch let error as DecodingError {
            throw PaymentDeskError(.invalidInput, "\(source): \(Self.explain(error))")
        }
    }

    static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the body" : String(text.drop(while: { $0 == "." }))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context)): missing key \"\(key.stringValue)\" (expected {\"transfers\": [{\"bill_number\", \"amount_vnd\", \"bank_reference\"}]})"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let expected = type == Int64.self ? "a whole number of đồng" : "\(type)"
            return "\(path(context)): expected \(expected)"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.codingPath.isEmpty ? "not JSON" : "expected a whole number of đồng or text") (\(context.debugDescription.prefix(80)))"
        @unknown default:
            return "undecodable JSON"
        }
    }
}
