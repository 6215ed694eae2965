import EMRTD
import Foundation
import SmartCard
import Testing
import VirtualCard

/// The live stack for the card-read tests: pcscd with the vpcd readers, this suite's reader
/// `Virtual PCD 00 01` (port 35964; the SmartCard live tests use `00 00`), and the fixtures.
///
/// Skipped when pcscd is not reachable, unless `KIOSK_REQUIRE_PCSCD=1`, where the tests run and
/// fail with ``unavailableReason``.
enum CardEnvironment {
    static let port = VPCDClient.secondReaderPort
    static let reader = VPCDClient.readerName(port: port)

    static let required = ProcessInfo.processInfo.environment["KIOSK_REQUIRE_PCSCD"] == "1"

    /// `nil` when pcscd lists the reader; otherwise why not.
    static let unavailableReason: String? = {
        do {
            let readers = try SmartCardContext().readers()
            return readers.contains(reader) ? nil
                : "pcscd runs but does not list \"\(reader)\" (readers: \(readers)); is /etc/reader.conf.d/vpcd installed?"
        } catch {
            return "pcscd is not reachable (\(error)); run the tests through scripts/with-pcscd.sh"
        }
    }()

    /// Trait condition: run when available, or when required (to fail loudly).
    static var shouldRun: Bool { unavailableReason == nil || required }

    /// Why a live test cannot run, reported as the test's failure.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// Fails the test with the reason when the stack is missing.
    static func requireAvailable() throws {
        if let reason = unavailableReason {
            throw Unavailable(description: "KIOSK_REQUIRE_PCSCD=1 but \(reason)")
        }
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/cccd")
    static let profileFile = fixtures.appendingPathComponent("resident-hoa.json")

    /// The test resident.
    static func profile() throws -> VirtualCCCDProfile {
        try VirtualCCCDProfile.load(from: profileFile)
    }

    /// The built executables: the folder of this test executable.
    static let binaries = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()

    /// Connects to the card in the reader, waiting for pcscd to notice the insertion.
    static func connectWhenPresent(timeout: Duration = .seconds(10)) async throws -> CardConnection {
        let context = try SmartCardContext()
        let deadline = ContinuousClock.now + timeout
        while true {
            switch await attemptConnect(context) {
            case .success(let connection):
                return connection
            case .failure(let error) where error.isCardRemoved && ContinuousClock.now < deadline:
                try await Task.sleep(for: .milliseconds(20))
            case .failure(let error):
                throw error
            }
        }
    }

    private static func attemptConnect(_ context: SmartCardContext) async -> Result<CardConnection, SmartCardError> {
        do {
            return .success(try await context.connect(reader: reader))
        } catch {
            return .failure(error)
        }
    }

    /// Waits until pcscd reports the reader empty, so the next test starts clean.
    static func waitUntilEmpty(timeout: Duration = .seconds(10)) async throws {
        let context = try SmartCardContext()
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            switch await attemptConnect(context) {
            case .success(let connection):
                try await connection.disconnect()
            case .failure(let error) where error.isCardRemoved:
                return
            case .failure(let error):
                throw error
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("\(reader) still holds a card after \(timeout)")
    }

    /// Inserts `client`, connects, runs `body` on the connection, and leaves the reader empty.
    static func withCard<T>(_ client: VPCDClient, _ body: (CardConnection) async throws -> T) async throws -> T {
        try client.insert()
        do {
            let connection = try await connectWhenPresent()
            let result: T
            do {
                result = try await body(connection)
            } catch {
                try? await connection.disconnect()
                throw error
            }
            try? await connection.disconnect()
            client.remove()
            try await waitUntilEmpty()
            return result
        } catch {
            client.remove()
            try await waitUntilEmpty()
            throw error
        }
    }
}
