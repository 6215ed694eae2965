import Foundation
import KioskCore
import Payments
import Store

/// End-of-day report over 100,000 payments of one station day (target < 1 s): the store's
/// query, the reconciliation and the CSV export, each the median of a few runs on a database
/// filled with a day's mix of VietQR, card and cash payments through the lifecycle.
enum PaymentReportBenchmark {
    static let payments = 100_000
    static let runs = 5

    static func run() async throws {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("kiosk-bench-payments-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // 2026-11-28 08:00 in Hanoi; the clock steps 1 ms per call so every row has its own time.
        let start = Date(timeIntervalSince1970: 1_795_827_600)
        let ticks = Ticks()
        var options = KioskDatabase.Options()
        options.clock = { start.addingTimeInterval(Double(ticks.next()) / 1000) }
        let database = try KioskDatabase(stateDirectory: directory, options: options)

        let fill = ContinuousClock.now
        try await fillDay(database)
        let filled = ContinuousClock.now - fill
        let desk = PaymentDesk(database: database, fees: try FeeTable(["kham-benh": 30_000]), vietQRAccount: nil, terminal: nil)
        let day = database.records.stationDay(of: start)

        var report: DayReport?
        var entries: [ReconciliationEntry] = []
        let whole = try await median { (report, entries) = try await desk.report(day: day) }
        let query = try await median { _ = try await database.records.paymentReport(day: day) }
        let unmatched = (report?.differences.count ?? 0)
        let reconcile = try await median { _ = Reconciliation.report(day: day, entries: entries, unmatched: []) }
        var csvBytes = 0
        let csv = try await median {
            csvBytes = ReconciliationCSV.payments(entries, report: report!).utf8.count + ReconciliationCSV.totals(report!).utf8.count
        }
        try database.close()

        print("filled \(payments) payments of \(day) with their lifecycle events and outbox rows in \(seconds(filled)) s")
        print("report over \(entries.count) payments: \(report?.totals.count ?? 0) totals, collected \(report?.collectedVND ?? 0) đồng, "
              + "\(report?.vietQRReferences.count ?? 0) VietQR references, terminal \(report?.terminal.salesCount ?? 0) sales, \(unmatched) differences")
        print(String(format: "store query %.0f ms, reconciliation %.0f ms, CSV export %.0f ms (%d bytes) — median of %d", query * 1e3, reconcile * 1e3,
                     csv * 1e3, csvBytes, runs))
        print(String(format: "end-of-day report (query + reconciliation) %.0f ms", whole * 1e3) + " (target < 1 s: \(whole < 1 ? "met" : "MISSED"))")
    }

    /// A day's payments in transactions of 5,000: 55 % VietQR paid, 25 % card paid (1 in 500 with
    /// a terminal amount that differs), 8 % card declined, 6 % VietQR expired, 3 % card voided,
    /// 2 % cash paid, 1 % still presented; 200 transfers that matched no bill.
    static func fillDay(_ database: KioskDatabase) async throws {
        let batch = 5_000
        for first in stride(from: 0, to: payments, by: batch) {
            try await database.write { tx in
                for n in first..<min(first + batch, payments) {
                    let visit = try tx.insertVisit(NewVisit(stationID: "bench", residentKey: ResidentKey("resident-\(n % 20_000)"), service: "kham-benh"))
                    let bucket = n % 100
                    let method: PaymentMethod = bucket < 55 || (61...66).contains(bucket) ? .vietQR : bucket >= 97 && bucket < 99 ? .cash : .card
                    let bill = String(format: "B%09d", n)
                    let payment = try tx.startPayment(NewPayment(visitID: visit.id, method: method, amountVND: 30_000, billNumber: bill, state: .created),
                                                      idempotencyKey: "start:\(n)", actor: "kiosk").payment
                    func step(_ to: PaymentState, _ from: PaymentState, _ key: String, bank: String? = nil, terminal: String? = nil, amount: Int64? = nil) throws {
                        _ = try tx.transitionPayment(PaymentTransition(paymentID: payment.id, to: to, allowedFrom: [from], idempotencyKey: "\(key):\(n)",
                                                                       actor: "kiosk", providerReference: bank, terminalReference: terminal,
                                                                       reportedAmountVND: amount))
                    }
                    try step(.presented, .created, "present")
                    switch bucket {
                    case 0..<55: try step(.paid, .presented, "pay", bank: "FT\(n)", amount: 30_000)
                    case 55..<61: try step(.failed, .presented, "card")
                    case 61..<67: try step(.expired, .presented, "expire")
                    case 67..<94: try step(.paid, .presented, "card", terminal: bill, amount: n % 500 == 70 ? 29_000 : 30_000)
                    case 94..<97:
                        try step(.paid, .presented, "card", terminal: bill, amount: 30_000)
                        try step(.voided, .paid, "void")
                    case 97..<99: try step(.paid, .presented, "cash")
                    default: break
                    }
                    if n % 500 == 1 {
                        _ = try tx.insertBankTransfer(BankTransfer(bankReference: "FTX\(n)", billNumber: "UNKNOWN\(n)", amountVND: 30_000,
                                                                   source: "station-server", outcome: "no payment has this bill number", paymentID: nil))
                    }
                }
            }
        }
    }

    static func median(_ body: () async throws -> Void) async throws -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            try await body()
            times.append(seconds(ContinuousClock.now - start))
        }
        return times.sorted()[runs / 2]
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// A counter the database clock reads from any thread.
private final class Ticks: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int64 = 0
    func next() -> Int64 { lock.withLock { count += 1; return count } }
}
