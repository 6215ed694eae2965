import Foundation
import Testing
@testable import USBDevices

/// The device table in code agrees with hardware-docs/devices.tsv and udev/ (ARCHITECTURE.md convention 3).
@Suite("device table")
struct DeviceTableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Row { var family: String; var id: String; var model: String; var status: String }

    static func rows() throws -> [Row] {
        let text = try String(contentsOf: root.appendingPathComponent("hardware-docs/devices.tsv"), encoding: .utf8)
        var header: [String]?
        var rows: [Row] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let names = header else { header = cells; continue }
            let f = Dictionary(uniqueKeysWithValues: zip(names, cells))
            rows.append(Row(family: f["family"] ?? "", id: "\(f["vid"] ?? ""):\(f["pid"] ?? "")", model: f["model"] ?? "", status: f["status"] ?? ""))
        }
        return rows
    }

    @Test("every USB row of devices.tsv is in the table with its family, model and usability, and nothing else is")
    func agreesWithDevicesTSV() throws {
        let usbFamilies = Set(DeviceFamily.allCases.map(\.rawValue))
        let rows = try Self.rows().filter { usbFamilies.contains($0.family) }
        #expect(!rows.isEmpty)
        let table = DeviceTable.standard()
        for row in rows {
            guard let entry = table.entries.first(where: { $0.id == row.id }) else {
                Issue.record("devices.tsv \(row.id) (\(row.model)) is missing from DeviceTable.builtIn")
                continue
            }
            #expect(entry.family.rawValue == row.family, "\(row.id): family")
            #expect(entry.model == row.model, "\(row.id): model")
            #expect((entry.driver == .unsupported) == (row.status == "unsupported"), "\(row.id): status \(row.status) vs driver \(entry.driver.name)")
        }
        for entry in table.entries where !rows.contains(where: { $0.id == entry.id }) {
            Issue.record("DeviceTable.builtIn has \(entry.id) (\(entry.model)), which devices.tsv does not list")
        }
    }

    @Test("every usable table entry has a udev rule in its family's file")
    func agreesWithUdev() throws {
        for entry in DeviceTable.standard().entries where entry.driver != .unsupported {
            let file = Self.root.appendingPathComponent("udev/60-health-kiosk-\(entry.family.rawValue).rules")
            let text = try String(contentsOf: file, encoding: .utf8)
            let vid = String(entry.id.prefix(4)), pid = String(entry.id.suffix(4))
            #expect(text.contains("ATTR{idVendor}==\"\(vid)\", ATTR{idProduct}==\"\(pid)\""), "\(file.lastPathComponent) has no rule for \(entry.id)")
        }
    }

    @Test("config overrides: parsed with clear errors, and matched before the built-in rows (serial first)")
    func overrides() throws {
        let o = try DeviceTable.override(id: "1eab:1d10:SN42", family: "qr-scanner", driver: "cdc-acm")
        let table = DeviceTable.standard(overrides: [o])
        #expect(table.match(vendorID: 0x1EAB, productID: 0x1D10, serial: "SN42")?.driver == .scanner(.cdc))
        #expect(table.match(vendorID: 0x1EAB, productID: 0x1D10, serial: "other")?.driver == .scanner(.hidPOS))
        #expect(throws: USBError.invalidRequest("device id '1eab': expected vvvv:pppp[:serial] with 4 hex digits each")) {
            _ = try DeviceTable.override(id: "1eab", family: "qr-scanner", driver: "auto")
        }
        #expect(throws: USBError.self) { _ = try DeviceTable.override(id: "1eab:1d10", family: "receipt-printer", driver: "hid-pos") }
    }

    @Test("claim plans: HID-POS interrupt IN, CDC comm + data, printer bulk OUT; missing endpoints named")
    func claimPlans() throws {
        typealias I = USBDeviceDescription.Interface
        typealias E = USBDeviceDescription.Endpoint
        func device(_ interfaces: [I]) -> USBDeviceDescription {
            USBDeviceDescription(vendorID: 1, productID: 2, bus: 1, address: 2, deviceClass: 0, interfaces: interfaces)
        }
        let hid = I(number: 0, interfaceClass: 3, subclass: 0, interfaceProtocol: 0, endpoints: [E(address: 0x81, transferType: 3, maxPacketSize: 64)])
        let plan = try ClaimPlan.make(for: .scanner(.auto), device: device([hid]))
        #expect(plan.scannerMode == .hidPOS && plan.input?.address == 0x81 && plan.interfaces == [0])
        let comm = I(number: 0, interfaceClass: 2, subclass: 2, interfaceProtocol: 1, endpoints: [E(address: 0x83, transferType: 3, maxPacketSize: 8)])
        let data = I(number: 1, interfaceClass: 10, subclass: 0, interfaceProtocol: 0,
                     endpoints: [E(address: 0x82, transferType: 2, maxPacketSize: 64), E(address: 0x02, transferType: 2, maxPacketSize: 64)])
        let terminal = try ClaimPlan.make(for: .paymentTerminal, device: device([comm, data]))
        #expect(terminal.interfaces == [0, 1] && terminal.cdcControlInterface == 0 && terminal.output?.address == 0x02)
        #expect(throws: USBError.unsuitableDevice("0001:0002: no printer-class (7) or vendor (255) interface with a bulk OUT endpoint")) {
            _ = try ClaimPlan.make(for: .escposPrinter, device: device([hid]))
        }
    }

    @Test("open retry backs off by doubling up to the cap and stays within the total wait")
    func retry() {
        let delays = OpenRetry(firstDelay: .milliseconds(50), maxDelay: .milliseconds(400), maxWait: .seconds(2)).delays
        #expect(Array(delays.prefix(5)) == [.milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(400)])
        #expect(delays.reduce(.zero, +) <= .seconds(2))
    }
}
