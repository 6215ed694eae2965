import Foundation
@testable import KioskCore
import Logging
import Payments
import Store
import Synchronization
import Testing

@Suite("payment service following the config")
struct PaymentSettingsTests {
    /// `[payments]` of a config with `lines` (confirmation keys and fees).
    static func payments(_ lines: String) throws -> KioskConfig.Payments? {
        try ConfigLoader.parse(text: """
            [station]
            facility_code = "01820"
            name = "Trạm Y tế"
            kiosk_id = "kiosk-01"
            [upstream]
            fhir_base_url = "https://fhir.example.invalid/fhir"
            [payments]
            bank_bin = "970436"
            account = "0011001234567"
            merchant_name = "TRAM Y TE"
            merchant_city = "HA NOI"
            \(lines)
            """, file: "test.toml").payments
    }

    @Test("a reload switches polling on and off, changes the interval and the fee table; the desk takes the new fees")
    func reload() async throws {
        let station = try await Station()
        let server = try await StationServer()
        defer { Task { try? await server.stop() } }
        let current = Mutex(try Self.payments("[[payments.fees]]\ncode = \"kham-benh\"\nlabel = \"Khám\"\namount = 30000\n"))
        let service = PaymentService(desk: station.desk, settings: { current.withLock { $0 } }, logger: Logger(label: "test"))
        let qr = try await TransferConfirmationTests.presented(station)
        server.set(.ok, TransferConfirmationTests.list([(qr.billNumber, 30_000, "FT77")]))

        #expect(await service.round() == .seconds(10))
        #expect(server.requests.withLock { $0 }.isEmpty, "manual confirmation: the station server is not asked")
        #expect(station.desk.fees.fees == ["kham-benh": 30_000], "the config's fee table replaced the desk's")
        #expect(throws: PaymentsError.self) { try station.desk.fees.amount(for: "sieu-am") }

        current.withLock { $0 = try? Self.payments("""
            confirmation = "poll"
            station_server_url = "\(server.url)"
            poll_interval_seconds = 5
            [[payments.fees]]
            code = "kham-benh"
            label = "Khám"
            amount = 30000
            [[payments.fees]]
            code = "sieu-am"
            label = "Siêu âm"
            amount = 200000
            """) }
        #expect(await service.round() == .seconds(5))
        #expect(try await station.database.records.payment(id: qr.id)?.status == .paid)
        #expect(try station.desk.fees.amount(for: "sieu-am") == 200_000)
        let started = try await station.desk.start(visit: station.visit.id, method: .vietQR, amount: .fee(service: "sieu-am"), attemptKey: "s")
        #expect(started.amountVND == 200_000)

        current.withLock { $0 = try? Self.payments("confirmation = \"manual\"\n") }
        #expect(await service.round() == .seconds(10))
        #expect(server.requests.withLock { $0 }.count == 1, "polling stopped with the reload")
        #expect(station.desk.fees.fees.isEmpty, "a config without fees leaves staff-entered amounts only")
    }
}
