import SmartCard
import Foundation
import Synchronization

/// Puts a ``CardApplet`` into pcscd's vpcd reader: connecting to vpcd's TCP port is inserting
/// the card, closing the connection is pulling it out. A dedicated thread answers vpcd's
/// control messages (power off/on, reset, ATR) and command APDUs.
public final class VPCDClient: Sendable {
    /// Where to connect and how the card misbehaves.
    public struct Options: Sendable, Hashable {
        public var host: String
        /// 35963 is reader `Virtual PCD 00 00`, 35964 is `Virtual PCD 00 01`.
        public var port: UInt16
        /// On the first insertion, answer this many command APDUs, then leave the reader when
        /// the next one arrives (the card is pulled while the reader waits for its answer).
        public var removeAfter: Int?
        /// After leaving because of ``removeAfter``, come back after this long; `nil` stays out.
        public var reinsertAfter: Duration?

        public init(host: String = "127.0.0.1", port: UInt16 = VPCDClient.firstReaderPort,
                    removeAfter: Int? = nil, reinsertAfter: Duration? = nil) {
            self.host = host
            self.port = port
            self.removeAfter = removeAfter
            self.reinsertAfter = reinsertAfter
        }
    }

    /// vpcd's port for reader `Virtual PCD 00 00`.
    public static let firstReaderPort: UInt16 = 35963
    /// vpcd's port for reader `Virtual PCD 00 01`.
    public static let secondReaderPort: UInt16 = 35964

    /// The PC/SC reader name vpcd gives the slot behind `port`.
    public static func readerName(port: UInt16) -> String {
        "Virtual PCD 00 0\(Int(port) - Int(firstReaderPort))"
    }

    public let options: Options

    private struct State {
        var socket: VPCDSocket?
        var stopRequested = false
        var serving = false
        var answered = 0
        var insertions = 0
        var removalTriggered = false
    }

    private let applet: Mutex<any CardApplet>
    private let state = Mutex(State())
    private let done = Mutex<DispatchSemaphore?>(nil)

    public init(applet: sending any CardApplet, options: Options = Options()) {
        self.applet = Mutex(applet)
        self.options = options
    }

    deinit {
        remove()
    }

    /// The PC/SC reader this card goes into.
    public var readerName: String { Self.readerName(port: options.port) }

    /// True while connected to vpcd.
    public var isInserted: Bool { state.withLock { $0.socket != nil } }

    /// Command APDUs answered since the client was created.
    public var answeredCommands: Int { state.withLock { $0.answered } }

    /// How many times the card has been put into the reader.
    public var insertions: Int { state.withLock { $0.insertions } }

    /// Connects to vpcd (the card enters the reader) and starts answering.
    public func insert() throws(VirtualCardError) {
        let socket = try VPCDSocket.connect(host: options.host, port: options.port)
        let accepted = state.withLock { state -> Bool in
            guard !state.serving else { return false }
            state.serving = true
            state.stopRequested = false
            state.socket = socket
            state.insertions += 1
            return true
        }
        guard accepted else {
            socket.close()
            throw .alreadyInserted
        }
        applet.withLock { $0.reset() }
        let finished = DispatchSemaphore(value: 0)
        done.withLock { $0 = finished }
        let thread = Thread { [self] in
            self.serve(socket)
            finished.signal()
        }
        thread.name = "VirtualCard.VPCDClient"
        thread.start()
    }

    /// Closes the connection (the card leaves the reader) and waits for the serving thread.
    /// Also cancels a pending re-insertion.
    public func remove() {
        state.withLock { state in
            state.stopRequested = true
            state.socket?.shutdown()
        }
        if let finished = done.withLock({ value in
            defer { value = nil }
            return value
        }) {
            finished.wait()
        }
    }

    // MARK: - Serving thread

    private func serve(_ first: VPCDSocket) {
        var socket = first
        while true {
            let pulled = answer(on: socket)
            state.withLock { state in
                state.socket = nil
                socket.close()
            }
            guard pulled, let delay = options.reinsertAfter, sleep(delay),
                  let next = try? VPCDSocket.connect(host: options.host, port: options.port) else { break }
            let registered = state.withLock { state -> Bool in
                guard !state.stopRequested else { return false }
                state.socket = next
                state.insertions += 1
                return true
            }
            guard registered else {
                next.close()
                break
            }
            applet.withLock { $0.reset() }
            socket = next
        }
        state.withLock { $0.serving = false }
    }

    /// Answers frames until vpcd closes the link or the card pulls itself; true for the latter.
    private func answer(on socket: VPCDSocket) -> Bool {
        while let payload = socket.receive() {
            if payload.count == 1 {
                handleControl(payload[0], on: socket)
                continue
            }
            let pull = state.withLock { state -> Bool in
                guard let limit = options.removeAfter, !state.removalTriggered, state.answered >= limit else { return false }
                state.removalTriggered = true
                return true
            }
            if pull { return true }
            let response: ResponseAPDU
            do {
                let command = try CommandAPDU(bytes: payload)
                response = applet.withLock { $0.handle(command) }
            } catch {
                response = ResponseAPDU(statusWord: .wrongLength)
            }
            var bytes = response.bytes
            if bytes.count > 0xFFFF { bytes = ResponseAPDU(statusWord: .noPreciseDiagnosis).bytes }
            state.withLock { $0.answered += 1 }
            guard socket.send(bytes) else { return false }
        }
        return false
    }

    private func handleControl(_ code: UInt8, on socket: VPCDSocket) {
        switch code {
        case 0x00, 0x01, 0x02:
            applet.withLock { $0.reset() }
        case 0x04:
            let atr = applet.withLock { $0.answerToReset }
            socket.send(atr)
        default:
            break
        }
    }

    /// Sleeps `delay` in short steps; false if ``remove()`` was called meanwhile.
    private func sleep(_ delay: Duration) -> Bool {
        let deadline = ContinuousClock.now + delay
        while ContinuousClock.now < deadline {
            if state.withLock({ $0.stopRequested }) { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return !state.withLock { $0.stopRequested }
    }
}
