import Foundation
import SmartCard
import Testing
import VirtualCard

/// Whether the real stack (pcscd with the vpcd readers) is reachable, checked once.
///
/// Live tests are skipped when it is not, unless `KIOSK_REQUIRE_PCSCD=1` (CI), where they run
/// and fail with ``unavailableReason``.
enum PCSCEnvironment {
    static let reader = VPCDClient.readerName(port: VPCDClient.firstReaderPort)

    static let required = ProcessInfo.processInfo.environment["KIOSK_REQUIRE_PCSCD"] == "1"

    /// `nil` when pcscd lists the vpcd reader; otherwise why not.
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

    /// Connects to the card in `reader`, waiting for pcscd to notice the insertion.
    static func connectWhenPresent(reader: String = reader, options: CardConnection.Options = .init(),
                                   timeout: Duration = .seconds(10)) async throws -> CardConnection {
        try await SmartCardContext().connect(reader: reader, options: options, waitingUpTo: timeout)
    }

    /// Waits until pcscd reports the reader empty again, so the next test starts clean.
    static func waitUntilEmpty(reader: String = reader, timeout: Duration = .seconds(10)) async throws {
        if try await !SmartCardContext().waitUntilEmpty(reader: reader, timeout: timeout) {
            Issue.record("\(reader) still holds a card after \(timeout)")
        }
    }
}

extension CommandAPDU {
    static func selectFile(_ fid: UInt16) -> CommandAPDU {
        CommandAPDU(cla: 0x00, ins: 0xA4, p1: 0x02, p2: 0x0C, data: [UInt8(fid >> 8), UInt8(fid & 0xFF)])
    }

    static func readBinary(offset: Int, le: Int) -> CommandAPDU {
        CommandAPDU(cla: 0x00, ins: 0xB0, p1: UInt8(offset >> 8), p2: UInt8(offset & 0xFF), le: le)
    }
}
