import DeviceSim
import Foundation
import Testing
@testable import USBDevices

/// The real libusb code path (kioskctl → USBDevices → libusb → usbdevfs) against devices that
/// umockdev simulates: enumeration, hot-plug, scans from interrupt IN, the ticket bytes on bulk
/// OUT, DLE EOT answers, a Protocol E sale over CDC-ACM, unplug in the middle of a transfer.
@Suite("USB devices through libusb under umockdev", .serialized,
       .enabled(if: UMockdevHarness.shouldRun, "umockdev with python3-gi is not available (set KIOSK_REQUIRE_UMOCKDEV=1 to fail instead)"))
struct UMockdevTests {
    /// Pushes `reports` `ms` milliseconds after kioskctl first claims the device.
    static func pushAt(_ ms: Int, _ reports: [[UInt8]], endpoint: Int = 0x81) -> [String: Any] {
        ["at_ms": ms, "after": "claim", "do": "push", "endpoint": endpoint, "reports": reports.map(hex)]
    }

    /// Does `action` `ms` milliseconds after kioskctl first claims the device.
    static func at(_ ms: Int, _ action: String) -> [String: Any] { ["at_ms": ms, "after": "claim", "do": action] }

    @Test("enumeration reads the descriptors and matches the device table")
    func enumeration() throws {
        let run = try UMockdevHarness.run(devices: [["kind": "scanner-hidpos"], ["kind": "printer"], ["kind": "terminal"], ["kind": "unknown"]],
                                          kioskctl: ["devices", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let data = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
        let devices = try #require(data)
        #expect(devices.map { $0["id"] as? String } == ["1eab:1d10", "04b8:0e28", "11ca:0220", "1234:5678"])
        #expect(devices.map { $0["state"] as? String } == ["detected", "detected", "detected", "unknown"])
        #expect(devices.map { $0["family"] as? String } == ["qr-scanner", "receipt-printer", "payment-terminal", nil])
    }

    @Test("devices pinned in the kioskd config are matched first and listed as missing when absent")
    func pinnedDevices() throws {
        let config = UMockdevHarness.repositoryRoot.appendingPathComponent("config/kioskd.example.toml").path
        let run = try UMockdevHarness.run(devices: [["kind": "printer"]], kioskctl: ["devices", "--json", "--config", config])
        #expect(run.status == 0, "\(run.stderr)")
        let devices = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        // The example config pins the printer 04b8:0e28 and the scanner 0c2e:0b61.
        #expect(devices.map { "\($0["id"] ?? "") \($0["state"] ?? "")" } == ["04b8:0e28 detected", "0c2e:0b61 missing"])
        #expect((devices.first?["model"] as? String)?.hasPrefix("pinned in ") == true)
    }

    @Test("a bound kernel driver is detached before the claim and re-attached after the release")
    func kernelDriverDetach() throws {
        let run = try UMockdevHarness.run(devices: [["kind": "scanner-hidpos", "name": "scanner", "kernel_driver": "usbhid"]],
                                          kioskctl: ["devices", "--watch", "1", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let steps = run.events.compactMap { event -> String? in
            guard let kind = event["kind"] as? String, ["detach", "claim", "claim-refused", "release", "attach"].contains(kind) else { return nil }
            return kind
        }
        #expect(steps == ["detach", "claim", "release", "attach"])
        #expect(run.events("detach").first?["driver"] as? String == "usbhid")
    }

    @Test("when the driver check cannot tell (as under plain umockdev) the claim decides, and its real error is reported")
    func kernelDriverUnknown() throws {
        let free = try UMockdevHarness.run(devices: [["kind": "scanner-hidpos", "name": "scanner", "getdriver_error": true]],
                                           kioskctl: ["devices", "--watch", "1", "--json"])
        #expect(free.lines("status").contains { $0["state"] == "ready" }, "no driver bound: claimed although the check failed")
        let held = try UMockdevHarness.run(devices: [["kind": "scanner-hidpos", "name": "scanner", "kernel_driver": "usbhid", "getdriver_error": true]],
                                           kioskctl: ["devices", "--watch", "1", "--json"])
        let failed = try #require(held.lines("status").first { $0["state"] == "failed" }, "\(held.lines)")
        #expect(failed["error"]?.hasPrefix("usb.busy: libusb_claim_interface(0) after libusb_kernel_driver_active could not tell") == true, "\(failed)")
    }

    @Test("a configuration row for one unit (VID:PID:serial) is matched by the serial number read from the device")
    func serialOverride() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("usb-serial-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // The example config with one more pinned device: a CDC scanner unit whose VID:PID is in no table.
        var config = try String(contentsOf: UMockdevHarness.repositoryRoot.appendingPathComponent("config/kioskd.example.toml"), encoding: .utf8)
        config = config.replacingOccurrences(of: "[payments]", with: "[[usb.devices]]\nfamily = \"qr-scanner\"\nid = \"1234:0001\"\nserial = \"FM430-0042\"\n\n[payments]")
        let file = dir.appendingPathComponent("kioskd.toml")
        try config.write(to: file, atomically: true, encoding: .utf8)
        let pinned = try UMockdevHarness.run(devices: [["kind": "cdc-unlisted", "name": "scanner", "serial": "FM430-0042"]],
                                             kioskctl: ["devices", "--watch", "1", "--json", "--config", file.path])
        #expect(pinned.status == 0, "\(pinned.stderr)")
        #expect(pinned.events("control", device: "scanner").contains { ($0["setup"] as? String)?.hasPrefix("80060303") == true },
                "GET_DESCRIPTOR(string 3)")
        #expect(pinned.lines("status").last { $0["location"] == "001/002" }?["state"] == "ready", "\(pinned.lines)")
        #expect(pinned.stderr.contains("usb.serial=FM430-0042"), "the log names the unit")
        let other = try UMockdevHarness.run(devices: [["kind": "cdc-unlisted", "name": "scanner", "serial": "FM430-0043"]],
                                            kioskctl: ["devices", "--watch", "1", "--json", "--config", file.path])
        #expect(other.lines("status").last { $0["location"] == "001/002" }?["state"] == "unknown", "another unit: \(other.lines)")
        #expect(other.events("claim", device: "scanner").isEmpty)
    }

    @Test("hot-plug: a HID-POS scan arrives, unplug mid-read is a typed error, the scanner comes back and scans again")
    func hotplugAndScan() throws {
        let first = SimulatedScanner.hidPOSReports(Array("HELLO KIOSK".utf8))
        let second = SimulatedScanner.hidPOSReports(Array("AGAIN".utf8))
        let scanner: [String: Any] = [
            "kind": "scanner-hidpos", "name": "scanner",
            "actions": [Self.pushAt(100, first), Self.at(500, "unplug"), Self.at(600, "replug")],
            "after_replug": [Self.pushAt(200, second)],
        ]
        let run = try UMockdevHarness.run(devices: [scanner], kioskctl: ["devices", "--watch", "2.5", "--json", "--show-content"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines("scan").map { $0["content"] } == ["HELLO KIOSK", "AGAIN"])
        #expect(run.lines("scan").first?["symbology"] == "]Q1")
        #expect(run.lines("status").contains { $0["location"] == "001/002" && $0["error"]?.hasPrefix("usb.disconnected: read interrupt IN 0x81") == true },
                "the read in flight ends with a typed disconnect: \(run.lines("status"))")
        let states = run.lines("status").map { "\($0["location"] ?? "") \($0["state"] ?? "")" }
        let gone = try #require(states.firstIndex(of: "001/002 gone"), "\(states)")
        #expect(states[gone...].contains { $0.hasSuffix(" ready") && !$0.hasPrefix("001/002") },
                "the scanner is claimed again at its new address after it comes back: \(states)")
        #expect(run.events("control", device: "scanner").first?["data"] as? String == "0401", "HID-POS enable feature report")
    }

    @Test("a scanner whose endpoint stalls is opened and claimed again, and scans after that")
    func restartAfterStall() throws {
        let scanner: [String: Any] = ["kind": "scanner-hidpos", "name": "scanner",
                                      "actions": [Self.at(200, "stall"),
                                                  Self.pushAt(1200, SimulatedScanner.hidPOSReports(Array("AFTER STALL".utf8)))]]
        let run = try UMockdevHarness.run(devices: [scanner], kioskctl: ["devices", "--watch", "2.2", "--json", "--show-content"])
        #expect(run.lines("status").contains { $0["error"]?.hasPrefix("usb.stall") == true }, "\(run.lines("status"))")
        #expect(run.events("claim", device: "scanner").count == 2, "claimed again after the stall")
        #expect(run.lines("scan").map { $0["content"] } == ["AFTER STALL"])
        let states = run.lines("status").map { $0["state"] ?? "" }
        #expect(states.contains("failed") && states.last == "ready", "\(states)")
    }

    @Test("keyboard-wedge scanner: boot protocol set, CCCD front QR with Vietnamese letters decoded and classified")
    func keyboardScan() throws {
        let text = "001199012345|123456789|Nguyễn Thị Hoa|01021990|Nữ|Thôn 1, Xã A|15082021"
        let scanner: [String: Any] = ["kind": "scanner-keyboard", "name": "scanner",
                                      "actions": [Self.pushAt(100, SimulatedScanner.keyboardReports(text))]]
        let run = try UMockdevHarness.run(devices: [scanner], kioskctl: ["devices", "--watch", "1.5", "--json", "--show-content"])
        let scan = try #require(run.lines("scan").first, "\(run.stderr)")
        #expect(scan["content"] == text)
        #expect(scan["kind"] == "cccd-front-qr")
        #expect(run.events("control", device: "scanner").first?["setup"] as? String == "210b000000000000", "SET_PROTOCOL(boot)")
    }

    @Test("printer: DLE EOT 1/2/4 answered, then exactly the ticket's bytes on bulk OUT")
    func ticketBytes() throws {
        let time = 1_767_225_600.0
        let run = try UMockdevHarness.run(devices: [["kind": "printer", "name": "printer"]],
                                          kioskctl: ["devices", "--watch", "1.5", "--json", "--print-test", "--ticket-time", "\(Int(time))"])
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.outTransfers("printer", endpoint: 0x02)
        #expect(Array(out.prefix(3)) == [[0x10, 0x04, 0x01], [0x10, 0x04, 0x02], [0x10, 0x04, 0x04]])
        #expect(run.events("in", device: "printer").count == 3, "one status byte per request")
        let expected = try DeviceWatcherTicket.bytes(time: time)
        #expect(Array(out.dropFirst(3)).flatMap { $0 } == expected)
        let printed = try #require(run.lines("printed").first)
        #expect(printed["bytes"] == String(expected.count) && printed["status"] == "ok")
        let events = SimulatedPrinter.decode(expected)
        #expect(events.contains(.qrCode(Array("TEST-0001".utf8))) && events.last == .cut)
    }

    @Test("the config's [usb] printer keys apply: printer_text = raster sends the text as GS v 0 images; a bad value is refused")
    func configuredRasterPrinter() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("usb-config-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let example = try String(contentsOf: UMockdevHarness.repositoryRoot.appendingPathComponent("config/kioskd.example.toml"), encoding: .utf8)
        let raster = dir.appendingPathComponent("raster.toml")
        try example.replacingOccurrences(of: "printer_text = \"code-page\"", with: "printer_text = \"raster\"").write(to: raster, atomically: true, encoding: .utf8)
        let run = try UMockdevHarness.run(devices: [["kind": "printer", "name": "printer"]],
                                          kioskctl: ["devices", "--watch", "1.5", "--json", "--print-test", "--config", raster.path])
        #expect(run.status == 0, "\(run.stderr)")
        let ticket = Array(run.outTransfers("printer", endpoint: 0x02).dropFirst(3)).flatMap { $0 }
        let events = SimulatedPrinter.decode(ticket)
        #expect(events.filter { if case .image(72, _) = $0 { true } else { false } }.count == 3, "station, service and queue number as 576-dot images")
        #expect(!events.contains(.codePage(52)))
        let bad = dir.appendingPathComponent("bad.toml")
        try example.replacingOccurrences(of: "printer_text = \"code-page\"", with: "printer_text = \"bitmap\"").write(to: bad, atomically: true, encoding: .utf8)
        let refused = try UMockdevHarness.run(devices: [], kioskctl: ["devices", "--config", bad.path])
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("usb.printer_text"), "\(refused.stderr)")
    }

    @Test("printer with the cover open: the alert is reported and nothing is printed")
    func coverOpen() throws {
        let run = try UMockdevHarness.run(devices: [["kind": "printer", "name": "printer", "status": ["cover_open": true]]],
                                          kioskctl: ["devices", "--watch", "1.5", "--json", "--print-test"])
        #expect(run.lines("printer-status").first?["alerts"] == "printer.coverOpen", "\(run.lines)")
        #expect(run.outTransfers("printer", endpoint: 0x02).count == 3, "only the three status requests")
    }

    @Test("printer unplugged during the status exchange: a typed disconnect, no ticket bytes sent, the printer comes back and prints")
    func printerUnpluggedMidPrint() throws {
        let printer: [String: Any] = ["kind": "printer", "name": "printer",
                                      "on_out": [["after_out_bytes": 9, "do": "unplug"]],
                                      "actions": [Self.at(500, "replug")]]
        let run = try UMockdevHarness.run(devices: [printer], kioskctl: ["devices", "--watch", "1.5", "--json", "--print-test"])
        let error = try #require(run.lines("error").first, "\(run.lines)")
        #expect(error["error"]?.hasPrefix("usb.disconnected: ") == true, "\(error)")
        let beforeUnplug = run.events.prefix { $0["kind"] as? String != "unplug" }
        #expect(beforeUnplug.filter { $0["kind"] as? String == "out" }.count == 3, "only the status requests reached the printer")
        #expect(run.lines("printed").count == 1, "the test ticket is printed once the printer is back: \(run.lines)")
        let states = run.lines("status").map { "\($0["location"] ?? "") \($0["state"] ?? "")" }
        let gone = try #require(states.firstIndex(of: "001/002 gone"), "\(states)")
        #expect(states[gone...].contains { $0.hasSuffix(" ready") && !$0.hasPrefix("001/002") }, "\(states)")
    }

    @Test("payment terminal: SET_LINE_CODING 9600 7E1 and a full Protocol E sale over CDC-ACM")
    func terminalSale() throws {
        let run = try UMockdevHarness.run(devices: [["kind": "terminal", "name": "terminal", "outcome": "approved"]],
                                          kioskctl: ["devices", "--watch", "3", "--json", "--pay", "150000"])
        #expect(run.status == 0, "\(run.stderr)")
        let payment = try #require(run.lines("payment").first, "\(run.lines) \(run.stderr)")
        #expect(payment["outcome"] == "approved" && payment["amount"] == "150000" && payment["reference"] == "KIOSKCTL")
        let controls = run.events("control", device: "terminal")
        #expect(controls.first?["setup"] as? String == "2120000000000700" && controls.first?["data"] as? String == "8025000000020" + "7")
        #expect(run.events("terminal-request", device: "terminal").first?["message"] as? String
                == "01" + "00150000" + "110" + "704" + "KIOSKCTL  " + "A010" + "B010")
        let out = run.outTransfers("terminal", endpoint: 0x02)
        #expect(out.first == [ECRFrame.enq] && out.last == [ECRFrame.ack])
    }

    @Test("payment terminal unplugged while the ECR waits for the answer: a typed disconnect")
    func terminalUnplugged() throws {
        let run = try UMockdevHarness.run(devices: [["kind": "terminal", "name": "terminal", "unplug_before_answer": true]],
                                          kioskctl: ["devices", "--watch", "2", "--json", "--pay", "1000"])
        let error = try #require(run.lines("error").first, "\(run.lines)")
        #expect(error["error"]?.hasPrefix("usb.disconnected") == true, "\(error)")
        #expect(run.lines("status").contains { $0["state"] == "gone" })
    }
}

/// The test ticket kioskctl prints, rendered here for the byte-exact comparison.
enum DeviceWatcherTicket {
    static func bytes(time: Double) throws -> [UInt8] {
        let ticket = Ticket(stationName: "Trạm Y tế - bản in thử", queueNumber: "A-001", service: "Kiểm tra máy in",
                            time: Date(timeIntervalSince1970: time), residentName: nil, visitReference: "TEST-0001")
        return try ticket.render(profile: .epsonTM, masking: .hidden)
    }
}
