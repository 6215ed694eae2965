import CPCSCLite
import Foundation
import Synchronization

/// Watches readers and cards through `SCardGetStatusChange`, including the
/// `\\?PnP?\Notification` pseudo-reader for readers plugged in or out, on a dedicated thread.
///
/// ``events`` first reports the readers and cards already present, then every change. If pcscd
/// stops, all cards and readers are reported removed and the monitor reconnects when it is back.
/// ``stop()`` (or dropping the stream) cancels the wait with `SCardCancel` and ends the stream.
public final class ReaderMonitor: Sendable {
    /// The event stream; it has a single consumer.
    public let events: AsyncStream<ReaderEvent>

    private struct Shared {
        var stopped = false
        var context: SCARDCONTEXT?
    }

    private let shared = Mutex(Shared())
    private let continuation: AsyncStream<ReaderEvent>.Continuation
    private let pollInterval: UInt

    /// Starts watching.
    /// - Parameters:
    ///   - pollInterval: longest single wait, which bounds how late a stop is noticed if it races
    ///     the start of a wait, how often pcscd is retried while it is down, and how often the
    ///     reader list is re-read when the pseudo-reader is not supported.
    ///   - waitForService: when pcscd is not running yet, keep retrying instead of throwing.
    /// - Throws: ``SmartCardError/serviceUnavailable(call:status:)`` when pcscd cannot be reached
    ///   and `waitForService` is false. Later outages are ridden out either way.
    public init(pollInterval: Duration = .seconds(1), waitForService: Bool = false) throws(SmartCardError) {
        var established: SCARDCONTEXT = 0
        let status = pcscStatus { SCardEstablishContext(PCSCConstant.scopeSystem, nil, nil, &established) }
        if status != PCSCStatus.success && !waitForService {
            throw SmartCardError(call: "SCardEstablishContext", status: status)
        }
        let context: SCARDCONTEXT? = status == PCSCStatus.success ? established : nil
        let (stream, continuation) = AsyncStream.makeStream(of: ReaderEvent.self, bufferingPolicy: .unbounded)
        self.events = stream
        self.continuation = continuation
        let milliseconds = pollInterval.components.seconds * 1000 + pollInterval.components.attoseconds / 1_000_000_000_000_000
        self.pollInterval = UInt(max(10, milliseconds))
        shared.withLock { $0.context = context }
        continuation.onTermination = { [weak self] _ in self?.stop() }
        let thread = Thread { [self] in self.run(context: context) }
        thread.name = "SmartCard.ReaderMonitor"
        thread.start()
    }

    deinit {
        stop()
    }

    /// Cancels the wait and ends ``events``. Safe to call more than once, from any thread.
    public func stop() {
        shared.withLock { state in
            state.stopped = true
            if let context = state.context { _ = SCardCancel(context) }
        }
    }

    private var isStopped: Bool { shared.withLock { $0.stopped } }

    // MARK: - The monitoring thread

    private func run(context initial: SCARDCONTEXT?) {
        guard var context = initial ?? reconnect() else {
            continuation.finish()
            return
        }
        var tracker = ReaderStateTracker()
        while !isStopped {
            let outcome = watch(context: context, tracker: &tracker)
            releaseContext(context)
            guard outcome == .serviceLost, !isStopped else { break }
            emit(tracker.removeAll())
            guard let next = reconnect() else { break }
            context = next
        }
        continuation.finish()
    }

    private enum Outcome { case stopped, serviceLost }

    /// Waits for changes until stopped or until pcscd goes away.
    private func watch(context: SCARDCONTEXT, tracker: inout ReaderStateTracker) -> Outcome {
        var pnpState = PCSCConstant.stateUnaware
        var pnpSupported = true
        var relist = true
        while !isStopped {
            if relist {
                do {
                    emit(tracker.update(readers: try SmartCardContext.listReaders(context)))
                } catch {
                    return .serviceLost
                }
                relist = false
            }
            let names = tracker.order
            var states = makeStates(names: names, tracker: tracker, pnpState: pnpState, pnp: pnpSupported)
            let timeout = pnpSupported ? pollInterval : min(pollInterval, 1000)
            let status = pcscStatus { SCardGetStatusChange(context, timeout, &states, DWORD(states.count)) }
            defer { for index in states.indices { free(UnsafeMutableRawPointer(mutating: states[index].szReader)) } }
            switch status {
            case PCSCStatus.success:
                break
            case PCSCStatus.timeout:
                if !pnpSupported { relist = true }
                continue
            case PCSCStatus.cancelled:
                return .stopped
            case PCSCStatus.unknownReader, PCSCStatus.readerUnavailable:
                relist = true
                continue
            default:
                return .serviceLost
            }
            var offset = 0
            if pnpSupported {
                let pnp = states[0]
                if pnp.dwEventState & PCSCConstant.stateUnknown != 0 {
                    pnpSupported = false
                } else if pnp.dwEventState & PCSCConstant.stateChanged != 0 {
                    relist = true
                }
                pnpState = pnp.dwEventState & ~PCSCConstant.stateChanged
                offset = 1
            }
            for (index, name) in names.enumerated() {
                let state = states[index + offset]
                if state.dwEventState & (PCSCConstant.stateUnknown | PCSCConstant.stateUnavailable) != 0 {
                    relist = true
                }
                guard state.dwEventState & PCSCConstant.stateChanged != 0 else { continue }
                let atr = withUnsafeBytes(of: state.rgbAtr) { Array($0.prefix(Int(min(state.cbAtr, 33)))) }
                emit(tracker.update(reader: name, eventState: state.dwEventState, atr: atr))
            }
        }
        return .stopped
    }

    private func makeStates(names: [String], tracker: ReaderStateTracker, pnpState: UInt, pnp: Bool) -> [SCARD_READERSTATE] {
        var states: [SCARD_READERSTATE] = []
        if pnp {
            var state = SCARD_READERSTATE()
            state.szReader = UnsafePointer(strdup(PCSCConstant.plugAndPlayReader))
            state.dwCurrentState = pnpState
            states.append(state)
        }
        for name in names {
            var state = SCARD_READERSTATE()
            state.szReader = UnsafePointer(strdup(name))
            state.dwCurrentState = tracker.slots[name]?.state ?? PCSCConstant.stateUnaware
            states.append(state)
        }
        return states
    }

    private func emit(_ events: [ReaderEvent]) {
        for event in events { continuation.yield(event) }
    }

    private func releaseContext(_ context: SCARDCONTEXT) {
        shared.withLock { state in
            state.context = nil
            _ = SCardReleaseContext(context)
        }
    }

    /// Re-establishes a context once pcscd is back, checking for a stop every interval.
    private func reconnect() -> SCARDCONTEXT? {
        while !isStopped {
            Thread.sleep(forTimeInterval: Double(pollInterval) / 1000)
            var context: SCARDCONTEXT = 0
            let status = pcscStatus { SCardEstablishContext(PCSCConstant.scopeSystem, nil, nil, &context) }
            guard status == PCSCStatus.success else { continue }
            let registered = shared.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.context = context
                return true
            }
            guard registered else {
                _ = SCardReleaseContext(context)
                return nil
            }
            return context
        }
        return nil
    }
}
