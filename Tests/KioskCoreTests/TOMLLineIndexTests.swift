import Testing
@testable import KioskCore

/// Key paths map to the lines they are written on, for config error messages.
@Suite struct TOMLLineIndexTests {
    @Test func tablesKeysAndArraysOfTables() {
        let index = TOMLLineIndex(text: """
            # comment
            top = 1
            [station]
              name = "x"
            "quoted key" = 2
            [[usb.devices]]
            id = "a"
            [[usb.devices]]
            id = "b"
            family = "c"
            [a.b]
            c.d = 1
            """)
        #expect(index.line(of: "top") == 2)
        #expect(index.line(of: "station") == 3)
        #expect(index.line(of: "station.name") == 4)
        #expect(index.line(of: "station.quoted key") == 5)
        #expect(index.line(of: "usb.devices[0].id") == 7)
        #expect(index.line(of: "usb.devices[1]") == 8)
        #expect(index.line(of: "usb.devices[1].family") == 10)
        #expect(index.line(of: "a.b.c.d") == 12)
        // Unknown keys fall back to the nearest known table.
        #expect(index.line(of: "station.missing") == 3)
        #expect(index.line(of: "nowhere") == nil)
    }
}
