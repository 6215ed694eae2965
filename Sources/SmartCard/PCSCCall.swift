import CPCSCLite

/// Runs one `SCard*` function and turns a failing return code into a ``SmartCardError`` that
/// names the function. Every call into pcsc-lite goes through here.
@inline(__always)
func pcscCall(_ name: String, _ body: () -> LONG) throws(SmartCardError) {
    let status = UInt32(truncatingIfNeeded: body())
    guard status == PCSCStatus.success else {
        throw SmartCardError(call: name, status: status)
    }
}

/// Like ``pcscCall(_:_:)`` but hands back the raw status for callers that treat some codes
/// (timeout, cancellation, no readers) as ordinary outcomes.
@inline(__always)
func pcscStatus(_ body: () -> LONG) -> UInt32 {
    UInt32(truncatingIfNeeded: body())
}
