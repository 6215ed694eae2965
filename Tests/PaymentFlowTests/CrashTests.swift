import DeviceSim
import Foundation
import KioskCore
import Payments
import Store
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SIGKILL in the middle of a payment, then a restart: exactly one paid record, books balanced.
/// The kiosk side runs in a `payment-crash-peer` process that the test starts and kills; the
/// terminal and the station server live in the test process and outlive it.
@Suite("payments survive SIGKILL", .serialized)
struct CrashTests {
    static let binDirectory: URL = {
        if let dir = ProcessInfo.processInfo.environment["KIOSK_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }()

    /// Starts the peer with `arguments`; its output goes to a pipe the caller may read.
    static func peer(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = binDirectory.appendingPathComponent("payment-crash-peer")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return (process, output)
    }

    /// Runs the peer to its end; its output line.
    static func finish(_ arguments: [String]) throws -> String {
        let (process, output) = try peer(arguments)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func waitUntil(_ what: String, seconds: Double = 20, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { throw CrashTestFailure("timed out waiting for \(what)") }
            usleep(1_000)
        }
    }

    static func kill9(_ process: Process) {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    @Test("killed while the terminal is charging: on restart the terminal is asked, one sale, one paid record, books balanced")
    func killDuringTerminalSale() async throws {
        let directory = try StateDirectory()
        let database = try KioskDatabase(stateDirectory: directory.path)
        let visit = try await database.records.openVisit(NewVisit(stationID: "s", residentKey: ResidentKey("resident-1"), service: "kham-benh"))
        let desk = PaymentDesk(database: database, fees: testFees, vietQRAccount: nil, terminal: nil)
        let payment = try await desk.start(visit: visit.id, method: .card, amount: .fee(service: "kham-benh"), attemptKey: "crash-1")
        // The terminal takes the sale and approves it, but its answer never reaches the killed process.
        let socket = directory.path + "/terminal.sock"
        let terminal = try PeripheralSocketServer(path: socket, peripheral: SimulatedTerminal(outcome: .approved, withheldAnswers: 1))
        defer { terminal.stop() }

        let (charging, _) = try Self.peer(["charge", directory.path, socket, payment.id.rawValue])
        try Self.waitUntil("the sale on the terminal") { terminal.peripheral.requestTypes.contains("0") || !charging.isRunning }
        #expect(charging.isRunning, "the peer must still be waiting for the terminal's answer")
        Self.kill9(charging)
        #expect(charging.terminationReason == .uncaughtSignal)
        #expect(try await database.records.payment(id: payment.id)?.status == .presented)

        #expect(try Self.finish(["recover", directory.path, socket]) == "recover: 0 unresolved")
        // A second restart and a retried charge change nothing.
        #expect(try Self.finish(["recover", directory.path, socket]) == "recover: 0 unresolved")
        #expect(try Self.finish(["charge", directory.path, socket, payment.id.rawValue]) == "charge: paid")

        #expect(terminal.peripheral.requestTypes.filter { $0 == "0" }.count == 1, "exactly one sale reached the terminal")
        try await Self.expectBalanced(database, paid: [payment.id], terminalSales: 1)
    }

    @Test("killed at random moments while polling the station server: every transfer confirmed once, books balanced")
    func killDuringVietQRConfirmation() async throws {
        let directory = try StateDirectory()
        let database = try KioskDatabase(stateDirectory: directory.path)
        let desk = PaymentDesk(database: database, fees: testFees, vietQRAccount: testAccount, terminal: nil)
        let server = try await StationServer()
        defer { Task { try? await server.stop() } }
        var paid: [PaymentID] = []
        var generator = SystemRandomNumberGenerator()
        for cycle in 0..<5 {
            let visit = try await database.records.openVisit(NewVisit(stationID: "s", residentKey: ResidentKey("resident-\(cycle)"), service: "kham-benh"))
            let payment = try await desk.start(visit: visit.id, method: .vietQR, amount: .fee(service: "kham-benh"), attemptKey: "qr-\(cycle)")
            _ = try await desk.presentVietQR(payment.id)
            paid.append(payment.id)
            // The server lists every transfer so far on every poll, as one that ignores the cursor would.
            var items: [String] = []
            for (n, id) in paid.enumerated() {
                let bill = try #require(try await database.records.payment(id: id)).billNumber
                items.append(#"{"bill_number": "\#(bill)", "amount_vnd": 30000, "bank_reference": "FT\#(n)"}"#)
            }
            server.set(.ok, #"{"transfers": [\#(items.joined(separator: ", "))]}"#)
            let before = server.requests.withLock { $0.count }
            let (polling, _) = try Self.peer(["poll", directory.path, server.url, "--forever"])
            try Self.waitUntil("a poll") { server.requests.withLock { $0.count } > before || !polling.isRunning }
            usleep(UInt32.random(in: 0...20_000, using: &generator))
            Self.kill9(polling)
        }
        #expect(try Self.finish(["poll", directory.path, server.url]) == "poll: 5 transfer(s)")
        try await Self.expectBalanced(database, paid: paid, terminalSales: 0)
        for id in paid {
            #expect(try await database.records.paymentEvents(id).filter { $0.to == .paid }.count == 1)
        }
    }

    /// Exactly the `paid` payments are paid, each with one paid event and one outbox record for
    /// it; the day's report collects their sum with no differences.
    static func expectBalanced(_ database: KioskDatabase, paid: [PaymentID], terminalSales: Int) async throws {
        let all = try await database.records.payments(in: [.paid])
        #expect(Set(all.map(\.id)) == Set(paid))
        let day = database.records.stationDay(of: Date())
        let desk = PaymentDesk(database: database, fees: testFees, vietQRAccount: nil, terminal: nil)
        let (report, _) = try await desk.report(day: day)
        #expect(report.collectedVND == Int64(paid.count) * 30_000)
        #expect(report.terminal.salesCount == terminalSales)
        #expect(report.differences.isEmpty, "\(report.differences)")
        let updates = try await database.outbox.list(state: nil, limit: 1000).filter { $0.kind == .paymentUpdated }
        let paidUpdates = updates.filter { String(decoding: $0.payload, as: UTF8.self).contains("\"state\":\"paid\"") }
        #expect(paidUpdates.count == paid.count)
    }
}

struct CrashTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
