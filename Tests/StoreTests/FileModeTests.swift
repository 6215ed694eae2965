import Foundation
import Testing
@testable import Store

@Suite("Database file")
struct FileModeTests {
    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test func fileAndWALCompanionsAreOwnerOnly() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        try await store.outbox.enqueue(.syncProbe, subject: resident("a"), payload: Probe(n: 1))
        #expect(store.path == directory.path + "/kiosk.sqlite")
        for suffix in ["", "-wal", "-shm"] {
            #expect(FileManager.default.fileExists(atPath: store.path + suffix), "missing \(suffix)")
            #expect(try mode(store.path + suffix) == 0o600, "mode of kiosk.sqlite\(suffix)")
        }
    }

    @Test func widerModeIsNarrowedOnOpen() async throws {
        let directory = try TemporaryDirectory()
        let first = try openStore(directory, clock: TestClock())
        try first.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: first.path)
        let second = try openStore(directory, clock: TestClock())
        #expect(try mode(second.path) == 0o600)
    }

    @Test func createsMissingStateDirectory() async throws {
        let directory = try TemporaryDirectory()
        var options = KioskDatabase.Options()
        options.clock = { TestClock.start }
        let nested = directory.path + "/state/kiosk"
        let store = try KioskDatabase(stateDirectory: nested, options: options)
        #expect(FileManager.default.fileExists(atPath: store.path))
        #expect(try mode(nested) == 0o700)
    }
}
