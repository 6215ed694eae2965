import Foundation
import Hummingbird
import KioskCore

/// HTTP Basic login of a staff member (RFC 7617), checked by the payment commands' staff
/// authenticator (the `[[local_api.staff]]` PBKDF2 hashes, compared in constant time). Every
/// refusal is a 401 with a `WWW-Authenticate` challenge and does not say which part was wrong.
enum StaffLogin {
    static let challenge: HTTPFields = [.wwwAuthenticate: "Basic realm=\"HealthKiosk staff\", charset=\"UTF-8\""]

    /// The staff member's name.
    static func authenticate(_ request: Request, with commands: PaymentCommands) async throws(APIError) -> String {
        guard let header = request.headers[.authorization] else {
            throw refused("a staff login is needed (HTTP Basic)")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":") else {
            throw refused("the Authorization header is not HTTP Basic with base64 of user:password")
        }
        let username = String(text[..<colon])
        let password = String(text[text.index(after: colon)...])
        do {
            return try await commands.authenticate(username: username, password: password)
        } catch {
            throw APIError(status: .unauthorized, code: PaymentProblem(error).code, message: PaymentProblem(error).message, headers: challenge)
        }
    }

    private static func refused(_ message: String) -> APIError {
        APIError(status: .unauthorized, code: "api.unauthorized", message: message, headers: challenge)
    }
}
