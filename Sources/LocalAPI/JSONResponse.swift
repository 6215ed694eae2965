import Foundation
import Hummingbird

/// JSON answers: snake_case keys, sorted, UTF-8.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data(#"{"code":"api.encoding","message":"the answer could not be encoded"}"#.utf8)
        return text(String(decoding: data, as: UTF8.self), status: status, contentType: "application/json; charset=utf-8")
    }

    /// A text answer (CSV, metrics).
    static func text(_ text: String, status: HTTPResponse.Status = .ok, contentType: String) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
