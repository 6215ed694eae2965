import DeviceSim
import KioskBase
import Testing
@testable import USBDevices

@Suite("QR scanner decoding")
struct ScannerDecodingTests {
    // A made-up resident in the CCCD front-QR layout: ID|old ID|name|DOB|sex|address|issue date.
    static let cccdQR = "001199012345|123456789|Nguyễn Thị Hoa|01021990|Nữ|Thôn 1, Xã A, Huyện B, Tỉnh C|15082021"

    @Test("keyboard wedge: US layout with Shift, Enter ends the scan")
    func keyboardUS() throws {
        var decoder = KeyboardWedgeDecoder()
        var scans: [ScanEvent] = []
        for report in SimulatedScanner.keyboardReports("Ab1-?") { scans += try decoder.feed(report) }
        #expect(scans.count == 1)
        #expect(scans.first?.text?.unredacted == "Ab1-?")
    }

    @Test("keyboard wedge: Alt+keypad codes give Vietnamese letters; the CCCD QR is classified with its ID")
    func keyboardAltCodes() throws {
        var decoder = KeyboardWedgeDecoder()
        var scans: [ScanEvent] = []
        for report in SimulatedScanner.keyboardReports(Self.cccdQR) { scans += try decoder.feed(report) }
        let scan = try #require(scans.first)
        #expect(scan.text?.unredacted == Self.cccdQR)
        #expect(scan.kind == .cccdFrontQR(citizenID: Redacted("001199012345")))
        #expect(!"\(scan)".contains("001199012345") && !"\(scan)".contains("Hoa"), "personal data in \(scan)")
    }

    @Test("keyboard wedge: Alt+0nnn is Windows-1252, Alt+nnn is code page 437; Tab terminates")
    func altCodePages() throws {
        var decoder = KeyboardWedgeDecoder()
        let alt: [UInt8] = [0x04, 0, 0, 0, 0, 0, 0, 0]
        func key(_ usage: UInt8, _ mod: UInt8 = 0) -> [UInt8] { [mod, 0, usage, 0, 0, 0, 0, 0] }
        var reports: [[UInt8]] = [alt, key(0x62, 4), alt, key(0x59, 4), alt, key(0x5B, 4), alt, key(0x5F, 4), alt, [0, 0, 0, 0, 0, 0, 0, 0]]  // Alt 0 1 3 7 → 0x89 ‰
        reports += [alt, key(0x59, 4), alt, key(0x5D, 4), alt, key(0x5F, 4), alt, [0, 0, 0, 0, 0, 0, 0, 0]]  // Alt 1 5 7 → 157 = ¥ in CP437
        reports += [key(0x2B), [0, 0, 0, 0, 0, 0, 0, 0]]
        var scans: [ScanEvent] = []
        for report in reports { scans += try decoder.feed(report) }
        #expect(scans.map { $0.text?.unredacted } == ["‰¥"])
    }

    @Test("keyboard wedge: a report of the wrong size is a clear error")
    func keyboardBadReport() {
        var decoder = KeyboardWedgeDecoder()
        #expect(throws: USBError.malformedInput(where: "keyboard report", problem: "5 bytes, expected 8 (boot keyboard report)")) {
            _ = try decoder.feed([0, 0, 4, 0, 0])
        }
    }

    @Test("HID-POS: continued reports are joined, UTF-8 kept, AIM identifier reported")
    func hidPOS() throws {
        let content = Array(Self.cccdQR.utf8)
        let reports = SimulatedScanner.hidPOSReports(content)
        #expect(reports.count == (content.count + 55) / 56 && reports.count > 1)
        var decoder = HIDPOSDecoder()
        var scans: [ScanEvent] = []
        for report in reports { if let scan = try decoder.feed(report) { scans.append(scan) } }
        #expect(scans.count == 1)
        #expect(scans.first?.bytes == content)
        #expect(scans.first?.symbology == "]Q1")
    }

    @Test("HID-POS: a length byte larger than the report's data field is rejected")
    func hidPOSBadLength() {
        var report = SimulatedScanner.hidPOSReports(Array("x".utf8))[0]
        report[1] = 57
        var decoder = HIDPOSDecoder()
        #expect(throws: USBError.self) { _ = try decoder.feed(report) }
        #expect(throws: USBError.self) { _ = try decoder.feed([0x02, 0x01]) }
        #expect((try? decoder.feed([0x04] + [UInt8](repeating: 0, count: 63))) == .some(nil), "other report ids are ignored")
    }

    @Test("CDC: lines split on CR, LF and CR LF; VietQR recognised")
    func cdcLines() throws {
        var decoder = CDCLineDecoder()
        let vietQR = "00020101021138570010A00000072701270006970436011300110123456780208QRIBFTTA53037045802VN6304ABCD"
        var scans = try decoder.feed(Array("first\r\nsec".utf8))
        scans += try decoder.feed(Array("ond\n\(vietQR)\r".utf8))
        #expect(scans.map { $0.text?.unredacted } == ["first", "second", vietQR])
        #expect(scans.last?.kind == .vietQR)
        #expect(scans.first?.kind == .other)
    }

    @Test("scanner driver over the in-memory link: HID-POS scans arrive as events; unplug ends it with a typed error")
    func driverOverFakeLink() async throws {
        let link = SimulatedLink(SimulatedScanner())
        let input = USBEndpoint(address: 0x81, kind: .interrupt, maxPacketSize: 64)
        let plan = ClaimPlan(interfaces: [0], input: input, output: nil, cdcControlInterface: nil, scannerMode: .hidPOS)
        let entry = DeviceTable.standard().match(vendorID: 0x1EAB, productID: 0x1D10, serial: nil)!
        let device = ClaimedDevice(description: USBDeviceDescription(vendorID: 0x1EAB, productID: 0x1D10, bus: 1, address: 2, deviceClass: 0, interfaces: []),
                                   entry: entry, plan: plan, transport: link)
        for report in SimulatedScanner.hidPOSReports(Array("HELLO".utf8)) { await link.push(report, on: 0x81) }
        let (stream, continuation) = AsyncStream.makeStream(of: ScanEvent.self)
        let task = Task { await ScannerDriver().run(device) { continuation.yield($0) } }
        var iterator = stream.makeAsyncIterator()
        let scan = await iterator.next()
        #expect(scan?.text?.unredacted == "HELLO")
        let requests = await link.controlRequests
        #expect(requests.first?.setup.request == 0x09, "the HID-POS enable feature report is sent first")
        await link.unplug()
        let end = await task.value
        #expect(end.isDisconnect)
    }
}
