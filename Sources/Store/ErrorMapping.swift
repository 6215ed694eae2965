import GRDB

extension StoreError {
    /// Turns whatever a database access threw into a ``StoreError`` naming `operation`.
    ///
    /// `CancellationError` is passed through unchanged so that task cancellation stays
    /// recognisable. SQLite messages name tables and columns, never bound values (GRDB keeps
    /// statement arguments out of its error descriptions), so they are safe to keep.
    static func wrap(_ error: any Error, operation: String) -> any Error {
        switch error {
        case let error as StoreError:
            return error
        case is CancellationError, is CallerError:
            return error
        case let error as DatabaseError:
            let reason: Reason
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: reason = .busy
            case .SQLITE_CONSTRAINT: reason = .constraint
            default: reason = .database
            }
            let message = error.message ?? "no message"
            return StoreError(reason, "\(operation): SQLite error \(error.extendedResultCode.rawValue): \(message)")
        case let error as EncodingError:
            return StoreError(.payload, "\(operation): JSON encoding failed (\(Self.summary(of: error)))")
        case let error as DecodingError:
            return StoreError(.payload, "\(operation): JSON decoding failed (\(Self.summary(of: error)))")
        default:
            return StoreError(.database, "\(operation): \(type(of: error))")
        }
    }

    /// The coding path of a coding error, without the offending value.
    private static func summary(of error: EncodingError) -> String {
        switch error {
        case .invalidValue(_, let context): return "at \(path(context.codingPath))"
        @unknown default: return "unknown"
        }
    }

    private static func summary(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context),
             .keyNotFound(_, let context), .dataCorrupted(let context):
            return "at \(path(context.codingPath))"
        @unknown default:
            return "unknown"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map(\.stringValue).joined(separator: ".")
    }
}

extension KioskDatabase {
    /// Whether `error` comes from SQLite or from payload coding, as opposed to a caller's own.
    static func isDatabaseFailure(_ error: any Error) -> Bool {
        error is DatabaseError || error is EncodingError || error is DecodingError
    }
}

/// Carries an error thrown by a caller's transaction body past the store's error mapping.
struct CallerError: Error {
    let error: any Error
}
