import DeviceSim
import Foundation
import KioskBase
import Testing
@testable import USBDevices

@Suite("ESC/POS receipt printer")
struct PrinterTests {
    @Test("QR code uses GS ( k functions 165, 167, 169, 180, 181 with the right lengths")
    func qrBytes() throws {
        var p = ESCPOS()
        try p.qrCode(Array("V-1".utf8), moduleSize: 6, errorCorrection: .medium)
        #expect(p.bytes == [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,
                            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06,
                            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31,
                            0x1D, 0x28, 0x6B, 0x06, 0x00, 0x31, 0x50, 0x30, 0x56, 0x2D, 0x31,
                            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30])
        #expect(throws: USBError.self) { try p.qrCode([]) }
    }

    @Test("raster image header GS v 0 and size checks")
    func raster() throws {
        var p = ESCPOS()
        try p.raster(widthBytes: 2, height: 3, dots: [UInt8](repeating: 0xFF, count: 6))
        #expect(Array(p.bytes.prefix(8)) == [0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00])
        #expect(throws: USBError.self) { try p.raster(widthBytes: 2, height: 3, dots: [0]) }
    }

    @Test("Windows-1258: base letters single bytes, tone marks as combining bytes")
    func cp1258() throws {
        // "Việt": V i ệ t → ệ = ê (EA) + dot below (F2).
        #expect(try CP1258.encode("Việt") == [0x56, 0x69, 0xEA, 0xF2, 0x74])
        // "Đường": Đ (D0) ư (FD) ờ = ơ (F5) + grave (CC) n g.
        #expect(try CP1258.encode("Đường") == [0xD0, 0xFD, 0xF5, 0xCC, 0x6E, 0x67])
        // Precomposed á stays one byte (E1); ả = a + hook above (D2).
        #expect(try CP1258.encode("áả") == [0xE1, 0x61, 0xD2])
        #expect(throws: USBError.self) { try CP1258.encode("日") }
        #expect(TextFolding.ascii("Nguyễn Đức") == Array("Nguyen Duc".utf8))
    }

    @Test("DLE EOT status: fixed bits checked, conditions decoded, alerts for staff")
    func status() throws {
        let ok = try PrinterStatus.parse([0x12, 0x12, 0x12])
        #expect(ok.canPrint && ok.alerts.isEmpty)
        let bad = try PrinterStatus.parse([0x1A, 0x16, 0x7E])
        #expect(bad.offline && bad.coverOpen && bad.paperEnd && bad.paperNearEnd)
        #expect(bad.alerts == ["printer.coverOpen", "printer.paperEnd"])
        #expect(throws: USBError.malformedInput(where: "printer status (DLE EOT 2)", problem: "byte 0xff does not have the fixed bits (bit 1 and 4 set, bit 0 and 7 clear)")) {
            _ = try PrinterStatus.parse([0x12, 0xFF, 0x12])
        }
        #expect(throws: USBError.self) { _ = try PrinterStatus.parse([0x12]) }
    }

    static let ticket = Ticket(stationName: "Trạm Y tế xã Hòa Bình", queueNumber: "A-017", service: "Khám bệnh",
                               time: Date(timeIntervalSince1970: 1_767_225_600), residentName: Redacted("Nguyễn Thị Hoa"),
                               visitReference: "V-2026-000017")

    @Test("ticket through the in-memory printer: status asked first, code page, masked name, QR, cut")
    func ticketOverFakeLink() async throws {
        let link = SimulatedLink(SimulatedPrinter())
        let plan = ClaimPlan(interfaces: [0], input: USBEndpoint(address: 0x81, kind: .bulk), output: USBEndpoint(address: 0x02, kind: .bulk),
                             cdcControlInterface: nil, scannerMode: nil)
        let entry = DeviceTable.standard().match(vendorID: 0x04B8, productID: 0x0E28, serial: nil)!
        let device = ClaimedDevice(description: USBDeviceDescription(vendorID: 0x04B8, productID: 0x0E28, bus: 1, address: 3, deviceClass: 0, interfaces: []),
                                   entry: entry, plan: plan, transport: link)
        let printer = ReceiptPrinter(device: device, chunkSize: 64)
        let status = try await printer.print(Self.ticket, profile: .epsonTM, masking: .initials)
        #expect(status?.canPrint == true)
        let events = await link.peripheral.events
        #expect(Array(events.prefix(3)) == [.statusRequest(1), .statusRequest(2), .statusRequest(4)])
        #expect(events.contains(.codePage(52)))
        #expect(events.contains(.line(try CP1258.encode("Nguyễn T. H."))))
        #expect(!events.contains(.line(try CP1258.encode("Nguyễn Thị Hoa"))))
        #expect(events.contains(.qrCode(Array("V-2026-000017".utf8))))
        #expect(events.contains(.line(Array("07:00 01/01/2026".utf8))))
        #expect(events.last == .cut)
        #expect(!events.contains { if case .unknown = $0 { true } else { false } })
    }

    @Test("a printer with the cover open refuses the ticket with the staff alert")
    func coverOpen() async throws {
        let link = SimulatedLink(SimulatedPrinter(status: PrinterStatus(coverOpen: true)))
        let plan = ClaimPlan(interfaces: [0], input: USBEndpoint(address: 0x81, kind: .bulk), output: USBEndpoint(address: 0x02, kind: .bulk),
                             cdcControlInterface: nil, scannerMode: nil)
        let entry = DeviceTable.standard().match(vendorID: 0x04B8, productID: 0x0E28, serial: nil)!
        let device = ClaimedDevice(description: USBDeviceDescription(vendorID: 0x04B8, productID: 0x0E28, bus: 1, address: 3, deviceClass: 0, interfaces: []),
                                   entry: entry, plan: plan, transport: link)
        await #expect(throws: USBError.protocolViolation(where: "printer 04b8:0e28", problem: "cannot print: printer.coverOpen")) {
            try await ReceiptPrinter(device: device).print(Self.ticket, profile: .epsonTM, masking: .hidden)
        }
    }

    @Test("without a Vietnamese code page: raster text with FreeType, ASCII folding only when allowed, else a clear error")
    func profileWithoutCodePage() throws {
        let raster = try Self.ticket.render(profile: .generic, masking: .full)
        let images = SimulatedPrinter.decode(raster).compactMap { if case .image(let w, let h) = $0 { (w, h) } else { nil } }
        #expect(images.count == 4, "station, service, queue number and name as images")
        #expect(images.allSatisfy { $0.0 == 72 }, "576 dots wide")
        #expect(!SimulatedPrinter.decode(raster).contains(.codePage(52)))
        let noFont = PrinterProfile(name: "clone", cp1258Page: nil, rasterFont: nil, allowASCIIFolding: false)
        #expect(throws: USBError.self) { _ = try Self.ticket.render(profile: noFont, masking: .full) }
        let folding = PrinterProfile(name: "clone", cp1258Page: nil, rasterFont: nil, allowASCIIFolding: true)
        #expect(SimulatedPrinter.decode(try Self.ticket.render(profile: folding, masking: .full)).contains(.line(Array("Nguyen Thi Hoa".utf8))))
    }

    @Test("raster text: diacritics reach the image (dot below adds ink under the letter, tone marks above)")
    func rasterDiacritics() throws {
        let raster = TextRaster(widthDots: 96)
        let plain = try raster.render("a", pixelHeight: 32)
        let dotBelow = try raster.render("ạ", pixelHeight: 32)
        let hookAbove = try raster.render("ả", pixelHeight: 32)
        func inkRows(_ image: TextRaster.Image) -> Set<Int> {
            Set((0..<image.height).filter { y in (0..<96).contains { image.isSet(x: $0, y: y) } })
        }
        #expect(!inkRows(plain).isEmpty)
        #expect(inkRows(dotBelow).max()! > inkRows(plain).max()!, "the dot below is under the a")
        #expect(inkRows(hookAbove).min()! < inkRows(plain).min()!, "the hook is above the a")
        // Decomposed input (a + U+0323) renders like the precomposed letter.
        #expect(try raster.render("a\u{0323}", pixelHeight: 32) == dotBelow)
        #expect(throws: USBError.self) { _ = try TextRaster(fontPath: "/nonexistent.ttf").render("a") }
    }
}
