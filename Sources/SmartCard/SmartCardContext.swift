import CPCSCLite

/// An established pcsc-lite context (`SCardEstablishContext`), released when the last
/// reference goes away. pcsc-lite serialises calls on one context, so long waits (see
/// ``ReaderMonitor``) use a context of their own.
public final class SmartCardContext: Sendable {
    let handle: SCARDCONTEXT

    /// Connects to pcscd; throws ``SmartCardError/serviceUnavailable(call:status:)`` when it is down.
    public init() throws(SmartCardError) {
        var context: SCARDCONTEXT = 0
        try pcscCall("SCardEstablishContext") {
            SCardEstablishContext(PCSCConstant.scopeSystem, nil, nil, &context)
        }
        handle = context
    }

    deinit {
        _ = SCardReleaseContext(handle)
    }

    /// True while pcscd still knows this context (`SCardIsValidContext`).
    public var isValid: Bool {
        pcscStatus { SCardIsValidContext(handle) } == PCSCStatus.success
    }

    /// Names of the attached readers; empty when there are none.
    public func readers() throws(SmartCardError) -> [String] {
        try Self.listReaders(handle)
    }

    /// Opens a connection to the card in `reader`. See ``CardConnection/Options``.
    public func connect(reader: String, options: CardConnection.Options = .init()) async throws(SmartCardError) -> CardConnection {
        // A card that has only just arrived may refuse its first power-up (pcscd answers with an
        // unresponsive card or a protocol mismatch while the reader still negotiates): a few
        // short retries before giving up.
        var attempt = 0
        while true {
            do {
                return try await CardConnection.open(context: self, reader: reader, options: options)
            } catch where error.isUnresponsive && attempt < 3 {
                attempt += 1
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    static func listReaders(_ context: SCARDCONTEXT) throws(SmartCardError) -> [String] {
        for _ in 0..<3 {
            var length: DWORD = 0
            let sizing = pcscStatus { SCardListReaders(context, nil, nil, &length) }
            if sizing == PCSCStatus.noReadersAvailable { return [] }
            guard sizing == PCSCStatus.success else { throw SmartCardError(call: "SCardListReaders", status: sizing) }
            var buffer = [CChar](repeating: 0, count: Int(length))
            let status = pcscStatus { SCardListReaders(context, nil, &buffer, &length) }
            if status == PCSCStatus.noReadersAvailable { return [] }
            if status == PCSCStatus.insufficientBuffer { continue }
            guard status == PCSCStatus.success else { throw SmartCardError(call: "SCardListReaders", status: status) }
            return splitMultiString(buffer)
        }
        throw SmartCardError(call: "SCardListReaders", status: PCSCStatus.insufficientBuffer)
    }

    /// Splits a pcsc-lite multi-string (`a\0b\0\0`) into its parts.
    static func splitMultiString(_ buffer: [CChar]) -> [String] {
        buffer.split(separator: 0).map { part in
            String(decoding: part.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
