/// The printer's condition from the `DLE EOT` real-time status answers (1: printer, 2: offline
/// cause, 4: roll paper sensor). Every answer byte has bit 1 and bit 4 set and bits 0 and 7
/// clear; anything else is not a status byte.
public struct PrinterStatus: Sendable, Hashable, Codable {
    public var offline = false
    public var coverOpen = false
    public var paperNearEnd = false
    public var paperEnd = false
    public var error = false

    public init(offline: Bool = false, coverOpen: Bool = false, paperNearEnd: Bool = false, paperEnd: Bool = false, error: Bool = false) {
        self.offline = offline
        self.coverOpen = coverOpen
        self.paperNearEnd = paperNearEnd
        self.paperEnd = paperEnd
        self.error = error
    }

    /// True when a ticket can be printed now.
    public var canPrint: Bool { !offline && !coverOpen && !paperEnd && !error }

    /// Alerts for staff, most urgent first (stable codes for the staff screen).
    public var alerts: [String] {
        var result: [String] = []
        if coverOpen { result.append("printer.coverOpen") }
        if paperEnd { result.append("printer.paperEnd") }
        if error { result.append("printer.error") }
        if offline && !coverOpen && !paperEnd && !error { result.append("printer.offline") }
        if paperNearEnd && !paperEnd { result.append("printer.paperNearEnd") }
        return result
    }

    /// Checks the fixed bits of one answer byte to `DLE EOT n`.
    public static func validate(_ byte: UInt8, request n: UInt8) throws(USBError) {
        guard byte & 0x93 == 0x12 else {
            throw .malformedInput(where: "printer status (DLE EOT \(n))",
                                  problem: "byte 0x\(String(byte, radix: 16)) does not have the fixed bits (bit 1 and 4 set, bit 0 and 7 clear)")
        }
    }

    /// Merges the answers to `DLE EOT 1`, `2` and `4` (each one byte).
    public static func parse(printer: UInt8, offlineCause: UInt8, paper: UInt8) throws(USBError) -> PrinterStatus {
        try validate(printer, request: 1)
        try validate(offlineCause, request: 2)
        try validate(paper, request: 4)
        return PrinterStatus(offline: printer & 0x08 != 0,
                             coverOpen: offlineCause & 0x04 != 0,
                             paperNearEnd: paper & 0x0C != 0,
                             paperEnd: paper & 0x60 != 0 || offlineCause & 0x20 != 0,
                             error: offlineCause & 0x40 != 0)
    }

    /// Parses the three answer bytes in request order (1, 2, 4) as they arrive on bulk IN.
    public static func parse(_ answers: [UInt8]) throws(USBError) -> PrinterStatus {
        guard answers.count == 3 else {
            throw .malformedInput(where: "printer status", problem: "\(answers.count) answer bytes, expected 3 (DLE EOT 1, 2, 4)")
        }
        return try parse(printer: answers[0], offlineCause: answers[1], paper: answers[2])
    }
}
