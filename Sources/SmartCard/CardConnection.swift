import Dispatch
import CPCSCLite
import Glibc
import Synchronization

/// A connection to the card in one reader (`SCardConnect`), and the pcsc-lite
/// ``APDUTransport``. Calls run in order on the connection's own dispatch queue, never on the
/// cooperative thread pool; ``transmit(_:)`` resolves `61xx` and `6Cxx` before returning.
public final class CardConnection: APDUTransport, Sendable {
    /// Transmission protocols a connection may use.
    public enum CardProtocol: Sendable, Hashable {
        case t0, t1

        var mask: UInt { self == .t0 ? PCSCConstant.protocolT0 : PCSCConstant.protocolT1 }
    }

    /// Whether other applications may use the card at the same time.
    public enum ShareMode: Sendable, Hashable {
        case shared, exclusive
    }

    /// Whether extended-length APDUs are used.
    public enum ExtendedLength: Sendable, Hashable {
        /// Used when the card's ATR announces them and the reader does not report a short-only limit.
        case automatic
        /// Used on T=1 whatever the ATR says (for cards that support them without saying so).
        case enabled
        /// Never used.
        case disabled
    }

    /// What happens to the card when the connection closes.
    public enum Disposition: Sendable, Hashable {
        case leave, reset, unpower

        var value: UInt {
            switch self {
            case .leave: PCSCConstant.leaveCard
            case .reset: PCSCConstant.resetCard
            case .unpower: PCSCConstant.unpowerCard
            }
        }
    }

    /// How to connect.
    public struct Options: Sendable, Hashable {
        public var protocols: Set<CardProtocol>
        public var share: ShareMode
        public var extendedLength: ExtendedLength

        public init(protocols: Set<CardProtocol> = [.t1, .t0], share: ShareMode = .shared, extendedLength: ExtendedLength = .automatic) {
            self.protocols = protocols
            self.share = share
            self.extendedLength = extendedLength
        }
    }

    /// The reader the card sits in.
    public let readerName: String
    /// The protocol pcscd negotiated.
    public let activeProtocol: CardProtocol
    /// The card's answer to reset.
    public let answerToReset: AnswerToReset
    public let maximumCommandDataLength: Int
    public let maximumResponseLength: Int

    private let context: SmartCardContext
    private let handle: Mutex<SCARDHANDLE?>
    private let queue: DispatchQueue

    private init(context: SmartCardContext, reader: String, handle: SCARDHANDLE, protocol: CardProtocol,
                 atr: AnswerToReset, extended: Bool, queue: DispatchQueue) {
        self.context = context
        self.readerName = reader
        self.handle = Mutex(handle)
        self.activeProtocol = `protocol`
        self.answerToReset = atr
        self.maximumCommandDataLength = extended ? CommandAPDU.maximumExtendedDataLength : CommandAPDU.maximumShortDataLength
        self.maximumResponseLength = extended ? CommandAPDU.maximumExtendedLe : CommandAPDU.maximumShortLe
        self.queue = queue
    }

    deinit {
        if let card = handle.withLock({ $0 }) {
            _ = SCardDisconnect(card, PCSCConstant.leaveCard)
        }
    }

    static func open(context: SmartCardContext, reader: String, options: Options) async throws(SmartCardError) -> CardConnection {
        let queue = DispatchQueue(label: "SmartCard.CardConnection")
        let result: Result<CardConnection, SmartCardError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(SmartCardError) in
                    try connectNow(context: context, reader: reader, options: options, queue: queue)
                })
            }
        }
        return try result.get()
    }

    private static func connectNow(context: SmartCardContext, reader: String, options: Options, queue: DispatchQueue) throws(SmartCardError) -> CardConnection {
        guard !options.protocols.isEmpty else { throw .invalidCommand("no protocol allowed for \(reader)") }
        var card: SCARDHANDLE = 0
        var active: DWORD = 0
        let share = options.share == .exclusive ? PCSCConstant.shareExclusive : PCSCConstant.shareShared
        let mask = options.protocols.reduce(UInt(0)) { $0 | $1.mask }
        try pcscCall("SCardConnect") { SCardConnect(context.handle, reader, share, mask, &card, &active) }
        do {
            let atr = try readATR(card)
            let proto: CardProtocol = active == PCSCConstant.protocolT0 ? .t0 : .t1
            // T=0 carries at most 256 bytes per exchange; longer data needs ENVELOPE, not done here.
            let extended = proto == .t1 && allowsExtendedLength(options.extendedLength, atr: atr, card: card)
            return CardConnection(context: context, reader: reader, handle: card, protocol: proto,
                                  atr: atr, extended: extended, queue: queue)
        } catch {
            _ = SCardDisconnect(card, PCSCConstant.leaveCard)
            throw error
        }
    }

    private static func readATR(_ card: SCARDHANDLE) throws(SmartCardError) -> AnswerToReset {
        var atr = [UInt8](repeating: 0, count: 33)
        var atrLength = DWORD(atr.count)
        var nameLength: DWORD = 0
        var state: DWORD = 0
        var proto: DWORD = 0
        try pcscCall("SCardStatus") { SCardStatus(card, nil, &nameLength, &state, &proto, &atr, &atrLength) }
        return AnswerToReset(Array(atr.prefix(Int(atrLength))))
    }

    private static func allowsExtendedLength(_ policy: ExtendedLength, atr: AnswerToReset, card: SCARDHANDLE) -> Bool {
        switch policy {
        case .enabled: return true
        case .disabled: return false
        case .automatic:
            guard atr.supportsExtendedLength == true else { return false }
            // CCID readers report their largest message; 0 or an error means "not stated".
            var value: UInt32 = 0
            var length = DWORD(MemoryLayout<UInt32>.size)
            let status = withUnsafeMutableBytes(of: &value) { raw in
                pcscStatus { SCardGetAttrib(card, PCSCConstant.attributeMaxInput, raw.bindMemory(to: UInt8.self).baseAddress, &length) }
            }
            guard status == PCSCStatus.success, value > 0 else { return true }
            return value >= 4 + 3 + 256 + 2
        }
    }

    /// Sends `command`, following `61xx` with GET RESPONSE and `6Cxx` with a corrected Le.
    /// Throws ``SmartCardError/cardRemoved(call:status:)`` when the card has left the reader.
    public func transmit(_ command: CommandAPDU) async throws(SmartCardError) -> ResponseAPDU {
        if command.requiresExtendedLength && maximumResponseLength == CommandAPDU.maximumShortLe {
            throw .invalidCommand("extended length is not available on \(readerName)")
        }
        return try await onQueue { () throws(SmartCardError) in
            try ResponseChaining.run(command) { (apdu) throws(SmartCardError) in
                try ResponseAPDU(bytes: self.exchange(apdu.encoded()))
            }
        }
    }

    /// Sends already encoded bytes as they are, without `61xx`/`6Cxx` handling.
    public func transmitRaw(_ bytes: [UInt8]) async throws(SmartCardError) -> [UInt8] {
        try await onQueue { () throws(SmartCardError) in try self.exchange(bytes) }
    }

    /// True while the card is still in the reader and this connection is usable (`SCardStatus`).
    public func isCardPresent() async -> Bool {
        let card = handle.withLock { $0 }
        guard let card else { return false }
        return await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: (try? Self.readATR(card)) != nil) }
        }
    }

    /// Closes the connection (`SCardDisconnect`). Later calls throw ``SmartCardError/connectionClosed``.
    public func disconnect(_ disposition: Disposition = .leave) async throws(SmartCardError) {
        try await onQueue { () throws(SmartCardError) in
            guard let card = self.handle.withLock({ value in
                defer { value = nil }
                return value
            }) else { return }
            let status = pcscStatus { SCardDisconnect(card, disposition.value) }
            // A card that already left cannot be "left" or reset; the handle is gone either way.
            if status != PCSCStatus.success && !SmartCardError(call: "SCardDisconnect", status: status).isCardRemoved
                && status != PCSCStatus.invalidHandle {
                throw SmartCardError(call: "SCardDisconnect", status: status)
            }
        }
    }

    /// One `SCardTransmit`; call on `queue` only.
    private func exchange(_ command: [UInt8]) throws(SmartCardError) -> [UInt8] {
        guard let card = handle.withLock({ $0 }) else { throw .connectionClosed }
        var response = [UInt8](repeating: 0, count: maximumResponseLength + 2)
        var responseLength = DWORD(response.count)
        var pci = SCARD_IO_REQUEST(dwProtocol: activeProtocol.mask, cbPciLength: UInt(MemoryLayout<SCARD_IO_REQUEST>.size))
        let status = pcscStatus {
            SCardTransmit(card, &pci, command, DWORD(command.count), nil, &response, &responseLength)
        }
        guard status == PCSCStatus.success, responseLength >= 2 else {
            let error: SmartCardError = status == PCSCStatus.success
                ? .malformedResponse("\(responseLength) bytes from SCardTransmit")
                : SmartCardError(call: "SCardTransmit", status: status)
            if error.isCardRemoved { throw error }
            // A card pulled mid-exchange shows up as a link failure first; pcscd notices the
            // empty slot at its next presence poll.
            if let removal = Self.waitForRemoval(card, within: .milliseconds(1500)) {
                throw .cardRemoved(call: "SCardTransmit", status: removal)
            }
            throw error
        }
        return Array(response.prefix(Int(responseLength)))
    }

    /// Polls `SCardStatus` until it reports the card gone (its status) or `limit` passes (`nil`).
    private static func waitForRemoval(_ card: SCARDHANDLE, within limit: Duration) -> UInt32? {
        let deadline = ContinuousClock.now + limit
        while true {
            var nameLength: DWORD = 0
            var state: DWORD = 0
            var proto: DWORD = 0
            var atrLength: DWORD = 0
            let status = pcscStatus { SCardStatus(card, nil, &nameLength, &state, &proto, nil, &atrLength) }
            if SmartCardError(call: "SCardStatus", status: status).isCardRemoved { return status }
            if status == PCSCStatus.success, state & PCSCConstant.cardAbsent != 0 { return PCSCStatus.removedCard }
            guard ContinuousClock.now < deadline else { return nil }
            usleep(50_000)
        }
    }

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable () throws(SmartCardError) -> T) async throws(SmartCardError) -> T {
        let result: Result<T, SmartCardError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(SmartCardError) in try body() })
            }
        }
        return try result.get()
    }
}
