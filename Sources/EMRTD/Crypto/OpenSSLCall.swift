import COpenSSL

/// The single place where libcrypto return codes become ``EMRTDError/crypto(function:reason:)``.
enum OpenSSLCall {
    /// Throws unless `result` is 1 (libcrypto's success value for most calls).
    static func check(_ result: Int32, _ function: String) throws {
        if result != 1 { throw failure(function) }
    }

    /// Returns the pointer or throws when the call returned NULL.
    static func nonNull<T>(_ pointer: T?, _ function: String) throws -> T {
        guard let pointer else { throw failure(function) }
        return pointer
    }

    /// The error for `function`, with the reason libcrypto queued (the queue is then cleared).
    static func failure(_ function: String) -> EMRTDError {
        let code = ERR_get_error()
        var reason = "no reason queued"
        if code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reason = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        ERR_clear_error()
        return .crypto(function: function, reason: reason)
    }
}
