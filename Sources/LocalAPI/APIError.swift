import Hummingbird
import KioskCore

/// A failed request as the local API answers it: an HTTP status and the JSON body
/// `{"code": "…", "message": "…"}` (message without personal data), with extra headers when the
/// status needs them (`WWW-Authenticate` on 401).
struct APIError: Error {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var headers: HTTPFields = [:]

    /// The answer to a failed payment operation, by its kind.
    init(_ problem: PaymentProblem) {
        let status: HTTPResponse.Status = switch problem.kind {
        case .invalidRequest: .badRequest
        case .unauthorized: .unauthorized
        case .notFound: .notFound
        case .conflict: .conflict
        case .unprocessable: .unprocessableContent
        case .failure: .internalServerError
        }
        self.init(status: status, code: problem.code, message: problem.message)
    }

    init(status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    static func badRequest(_ code: String, _ message: String) -> APIError {
        APIError(status: .badRequest, code: "api.\(code)", message: message)
    }

    static func notFound(_ message: String) -> APIError {
        APIError(status: .notFound, code: "api.notFound", message: message)
    }

    /// The JSON answer.
    func response() -> Response {
        var response = JSONResponse.make(Body(code: code, message: message), status: status)
        for field in headers { response.headers.append(field) }
        return response
    }

    private struct Body: Encodable {
        let code: String
        let message: String
    }
}
