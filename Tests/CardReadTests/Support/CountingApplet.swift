import Synchronization
import SmartCard
import VirtualCard

/// Counts the instructions a wrapped applet receives, by INS byte, for assertions such as
/// "exactly one PACE attempt".
final class InstructionLog: Sendable {
    private let counts = Mutex<[UInt8: Int]>([:])

    func record(_ ins: UInt8) { counts.withLock { $0[ins, default: 0] += 1 } }

    func count(_ ins: UInt8) -> Int { counts.withLock { $0[ins] ?? 0 } }
}

/// An applet that forwards to `inner` and logs each command's INS.
struct CountingApplet<Inner: CardApplet>: CardApplet {
    var inner: Inner
    let log: InstructionLog

    var answerToReset: [UInt8] { inner.answerToReset }

    mutating func reset() { inner.reset() }

    mutating func handle(_ command: CommandAPDU) -> ResponseAPDU {
        log.record(command.ins)
        return inner.handle(command)
    }
}
