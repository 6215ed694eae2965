public import USBDevices

/// A simulated QR scanner: turns scanned content into the reports or bytes each mode sends.
public struct SimulatedScanner: SimulatedPeripheral {
    public init() {}

    public mutating func received(_ bytes: [UInt8], on endpoint: UInt8) -> [(endpoint: UInt8, bytes: [UInt8])] { [] }

    /// Boot keyboard reports (press, release) typing `text` in US layout, then Enter. Characters
    /// outside ASCII are sent as Alt + keypad Unicode code points.
    public static func keyboardReports(_ text: String) -> [[UInt8]] {
        var reverse: [Character: (UInt8, Bool)] = [:]
        for usage in UInt8(0x04)...UInt8(0x38) {
            if let c = KeyboardLayout.us.character(usage: usage, shift: false), reverse[c] == nil { reverse[c] = (usage, false) }
            if let c = KeyboardLayout.us.character(usage: usage, shift: true), reverse[c] == nil { reverse[c] = (usage, true) }
        }
        var reports: [[UInt8]] = []
        let release: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]
        for character in text {
            if let (usage, shift) = reverse[character] {
                reports.append([shift ? 0x02 : 0, 0, usage, 0, 0, 0, 0, 0])
                reports.append(release)
            } else if let scalar = character.unicodeScalars.first {
                reports.append([0x04, 0, 0, 0, 0, 0, 0, 0])
                // 128–255 with a leading 0 (Windows-1252, Latin-1 from A0h), above 255 the code point.
                let code = scalar.value < 256 ? "0" + String(scalar.value) : String(scalar.value)
                for digit in code {
                    let d = UInt8(String(digit))!
                    reports.append([0x04, 0, d == 0 ? 0x62 : 0x58 + d, 0, 0, 0, 0, 0])
                    reports.append([0x04, 0, 0, 0, 0, 0, 0, 0])
                }
                reports.append(release)
            }
        }
        reports.append([0, 0, 0x28, 0, 0, 0, 0, 0])
        reports.append(release)
        return reports
    }

    /// HID-POS input reports (Honeywell-style layout) carrying `bytes` with AIM identifier `aim`.
    public static func hidPOSReports(_ bytes: [UInt8], aim: String = "]Q1", layout: HIDPOSDecoder.Layout = .honeywell) -> [[UInt8]] {
        var reports: [[UInt8]] = []
        var offset = 0
        repeat {
            let end = min(offset + layout.dataCapacity, bytes.count)
            var report = [UInt8](repeating: 0, count: layout.reportLength)
            report[0] = layout.reportID
            report[layout.lengthOffset] = UInt8(end - offset)
            for (i, b) in aim.utf8.prefix(layout.symbologyLength).enumerated() { report[layout.symbologyOffset + i] = b }
            for (i, b) in bytes[offset..<end].enumerated() { report[layout.dataOffset + i] = b }
            if end < bytes.count { report[layout.continuationOffset] |= layout.continuationMask }
            reports.append(report)
            offset = end
        } while offset < bytes.count
        return reports
    }

    /// The CDC byte stream: the content and CR LF.
    public static func cdcBytes(_ bytes: [UInt8]) -> [UInt8] { bytes + [0x0D, 0x0A] }
}
