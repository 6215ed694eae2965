import Foundation
import Store

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// 2026-11-28 09:00 in Hanoi (02:00 UTC).
    static let start = Date(timeIntervalSince1970: 1_795_831_200)

    init(_ start: Date = TestClock.start) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}

/// A fresh state directory under the system temporary directory, removed afterwards.
struct TemporaryDirectory: ~Copyable {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("store-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Opens a store on `directory` with `clock`.
func openStore(_ directory: borrowing TemporaryDirectory, clock: TestClock) throws -> KioskDatabase {
    var options = KioskDatabase.Options()
    options.clock = { clock.now }
    return try KioskDatabase(stateDirectory: directory.path, options: options)
}

/// A synthetic payload.
struct Probe: Codable, Sendable, Equatable {
    var n: Int
}

let stationA = "station-a"
let stationB = "station-b"

func resident(_ name: String) -> ResidentKey { ResidentKey("resident-\(name)") }
