/// Decodes a scanner in HID keyboard ("keyboard wedge") mode: 8-byte boot keyboard reports
/// (modifier byte, reserved byte, up to 6 key usages), key presses turned into characters
/// through a ``KeyboardLayout``, Alt + keypad sequences into the characters they stand for, and
/// Enter or Tab ending a scan.
public struct KeyboardWedgeDecoder: Sendable {
    public var layout: KeyboardLayout
    /// Usages that end a scan: Enter (28h), keypad Enter (58h), Tab (2Bh) by default.
    public var terminators: Set<UInt8>
    /// Longest scan accepted before a terminator; longer input is an error, not a scan.
    public var maxLength: Int
    /// Strip a leading AIM symbology identifier (`]Q1`) when the scanner is set to send one.
    public var aimPrefix: Bool

    private var previousKeys: [UInt8] = []
    private var previousAlt = false
    private var altDigits: [UInt8] = []
    private var text = ""

    public init(layout: KeyboardLayout = .us, terminators: Set<UInt8> = [0x28, 0x58, 0x2B], maxLength: Int = 4096, aimPrefix: Bool = false) {
        self.layout = layout
        self.terminators = terminators
        self.maxLength = maxLength
        self.aimPrefix = aimPrefix
    }

    /// Feeds one input report; returns the scans it completed.
    public mutating func feed(_ report: [UInt8]) throws(USBError) -> [ScanEvent] {
        guard report.count == 8 else {
            throw .malformedInput(where: "keyboard report", problem: "\(report.count) bytes, expected 8 (boot keyboard report)")
        }
        let keys = report[2...].filter { $0 != 0 }
        if keys.contains(0x01) { return [] }  // ErrorRollOver: keep the previous state
        let modifiers = report[0]
        let alt = modifiers & 0x04 != 0
        let shift = modifiers & 0x22 != 0
        var scans: [ScanEvent] = []
        if previousAlt && !alt { try flushAlt() }
        for usage in keys where !previousKeys.contains(usage) {
            if terminators.contains(usage) {
                altDigits = []
                if !text.isEmpty { scans.append(ScanEvent.terminated(Array(text.utf8), aimPrefix: aimPrefix)) }
                text = ""
            } else if alt, let digit = Self.keypadDigit(usage) {
                altDigits.append(digit)
            } else if let character = layout.character(usage: usage, shift: shift) {
                try append(character)
            }
        }
        previousKeys = Array(keys)
        previousAlt = alt
        return scans
    }

    private mutating func flushAlt() throws(USBError) {
        defer { altDigits = [] }
        guard !altDigits.isEmpty else { return }
        guard let character = AltCodes.character(digits: altDigits) else {
            throw .malformedInput(where: "keyboard report", problem: "Alt+keypad code \(altDigits.map(String.init).joined()) is not a character")
        }
        try append(character)
    }

    private mutating func append(_ character: Character) throws(USBError) {
        text.append(character)
        if text.utf8.count > maxLength {
            text = ""
            throw .malformedInput(where: "keyboard scanner", problem: "more than \(maxLength) bytes without Enter or Tab")
        }
    }

    /// Keypad 1–9 are 59h–61h, keypad 0 is 62h.
    static func keypadDigit(_ usage: UInt8) -> UInt8? {
        switch usage {
        case 0x59...0x61: usage - 0x58
        case 0x62: 0
        default: nil
        }
    }
}

extension ScanEvent {
    /// A scan from a line- or key-based mode, with an optional leading AIM identifier (`]` + code + modifier).
    static func terminated(_ bytes: [UInt8], aimPrefix: Bool) -> ScanEvent {
        if aimPrefix, bytes.count >= 3, bytes[0] == UInt8(ascii: "]") {
            return ScanEvent(symbology: String(decoding: bytes[0..<3], as: UTF8.self), bytes: Array(bytes[3...]))
        }
        return ScanEvent(symbology: nil, bytes: bytes)
    }
}
