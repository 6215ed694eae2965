import Hummingbird
import KioskCore
import Logging

/// Turns every failure of a route (and Hummingbird's own: no such route, body too large) into
/// the JSON error answer; an unexpected error is logged by its type only and answered 500.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as any HTTPResponseError {
            let code = switch error.status {
            case .notFound: "api.notFound"
            case .methodNotAllowed: "api.methodNotAllowed"
            case .contentTooLarge: "api.bodyTooLarge"
            default: "api.http"
            }
            let message = error.status == .notFound ? "no such endpoint: \(request.method) \(request.uri.path.prefix(80))" : error.status.reasonPhrase
            return APIError(status: error.status, code: code, message: message).response()
        } catch {
            let problem = PaymentProblem(error)
            if problem.kind == .failure {
                logger.error("local API: request failed", metadata: ["api.path": "\(request.uri.path.prefix(80))", "error.code": "\(problem.code)"])
            }
            return APIError(problem).response()
        }
    }
}
