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
    static let unavailableReason: String? = SmartCardContext.problem(reader: reader).map {
        "\($0); run the tests through scripts/with-pcscd.sh (vsmartcard-vpcd installed by make setup)"
    }

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
        try await SmartCardContext().connect(reader: reader, waitingUpTo: timeout)
    }

    /// Waits until pcscd reports the reader empty, so the next test starts clean.
    static func waitUntilEmpty(timeout: Duration = .seconds(10)) async throws {
        if try await !SmartCardContext().waitUntilEmpty(reader: reader, timeout: timeout) {
            Issue.record("\(reader) still holds a card after \(timeout)")
        }
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
