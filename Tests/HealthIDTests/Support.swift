import Foundation
import HealthID
import Store

/// A fresh directory under the system temporary directory, removed afterwards.
final class ScratchDirectory: Sendable {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("healthid-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` inside the directory and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The database in `<path>/state`.
    func openDatabase() throws -> KioskDatabase {
        try KioskDatabase(stateDirectory: stateDirectory)
    }

    var stateDirectory: String { (path as NSString).appendingPathComponent("state") }
}

/// 2026-11-29, the "today" of the tests.
let testToday = try! BirthDate("2026-11-29")
