import DeviceSim
import Foundation
import KioskCore
import Payments
import Store
@testable import USBDevices

/// A fresh state directory under the system temporary directory, removed afterwards.
final class StateDirectory: Sendable {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("payments-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// The station's account in the tests (a NAPAS test bank BIN).
let testAccount = VietQRPayload(bankBIN: "970436", accountNumber: "0011001234567", service: .account,
                                merchantName: "TRAM Y TE P DIEN BIEN", merchantCity: "HA NOI")

let testFees = try! FeeTable(["kham-benh": 30_000, "xet-nghiem": 150_000])

/// A simulated Concert terminal behind the real ECR link and Protocol E message layer.
func simulatedTerminal(_ sim: SimulatedTerminal) -> (SimulatedLink<SimulatedTerminal>, PaymentTerminal) {
    let link = SimulatedLink(sim)
    let plan = ClaimPlan(interfaces: [0, 1], input: USBEndpoint(address: 0x81, kind: .bulk), output: USBEndpoint(address: 0x02, kind: .bulk),
                         cdcControlInterface: 0, scannerMode: nil)
    let entry = DeviceTable.Entry(vendorID: 0x0B00, productID: 0x0001, family: .paymentTerminal, driver: .paymentTerminal, model: "test terminal")
    let device = ClaimedDevice(description: USBDeviceDescription(vendorID: 0x0B00, productID: 0x0001, bus: 1, address: 4, deviceClass: 2, interfaces: []),
                               entry: entry, plan: plan, transport: link)
    let timeouts = ECRLink.Timeouts(acknowledge: .milliseconds(300), frame: .milliseconds(300))
    return (link, try! PaymentTerminal(device: device, messages: ConcertProtocolE(), timeouts: timeouts, answerTimeout: .milliseconds(600)))
}

/// A store, a visit in it and a desk over a simulated terminal.
struct Station {
    let directory: StateDirectory
    let database: KioskDatabase
    let desk: PaymentDesk
    let visit: Visit
    let link: SimulatedLink<SimulatedTerminal>?

    init(terminal: SimulatedTerminal? = nil, directory: StateDirectory? = nil, vietQRLifetime: TimeInterval = 900) async throws {
        self.directory = try directory ?? StateDirectory()
        database = try KioskDatabase(stateDirectory: self.directory.path)
        var link: SimulatedLink<SimulatedTerminal>?
        var payment: PaymentTerminal?
        if let terminal { (link, payment) = simulatedTerminal(terminal) }
        self.link = link
        desk = PaymentDesk(database: database, fees: testFees, vietQRAccount: testAccount, terminal: payment, vietQRLifetime: vietQRLifetime)
        visit = try await database.records.openVisit(NewVisit(stationID: "station-1", residentKey: ResidentKey("resident-1"), service: "kham-benh"))
    }

    /// Types of the requests the terminal received (`0` sale, `1` refund, `2` cancel, `4` duplicate).
    func requestTypes() async -> [String] { await link?.peripheral.requestTypes ?? [] }
}
