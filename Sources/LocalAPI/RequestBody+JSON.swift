import Foundation
import Hummingbird
import KioskCore

extension Request {
    /// The body, at most `limit` bytes (413 past it); a missing body is empty.
    mutating func bodyBytes(limit: Int) async throws(APIError) -> Data {
        if let length = headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw Self.tooLarge(limit)
        }
        do {
            return Data(try await collectBody(upTo: limit).readableBytesView)
        } catch {
            throw Self.tooLarge(limit)
        }
    }

    /// Decodes the JSON body as `T`; 400 naming the field at fault. An empty body decodes as `{}`
    /// when `emptyAllowed`.
    mutating func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int, shape: String, emptyAllowed: Bool = false) async throws(APIError) -> T {
        var data = try await bodyBytes(limit: limit)
        if data.isEmpty {
            guard emptyAllowed else { throw APIError.badRequest("body", "the request has no body (expected \(shape))") }
            data = Data("{}".utf8)
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw APIError.badRequest("body", JSONProblem.describe(error, shape: shape))
        } catch {
            throw APIError.badRequest("body", "undecodable JSON (expected \(shape))")
        }
    }

    /// The value of query parameter `name` (Hummingbird has already percent-decoded it).
    func query(_ name: String) -> String? {
        uri.queryParameters[Substring(name)].map(String.init)
    }

    private static func tooLarge(_ limit: Int) -> APIError {
        APIError(status: .contentTooLarge, code: "api.bodyTooLarge", message: "the request body is larger than \(limit) bytes")
    }
}
