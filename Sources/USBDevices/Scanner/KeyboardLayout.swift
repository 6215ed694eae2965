/// Maps HID keyboard usages (HID Usage Tables, page 07h) to characters, without and with Shift.
/// US English is the default; other layouts are given as overrides of the usages that differ.
public struct KeyboardLayout: Sendable, Hashable {
    public var name: String
    private var plain: [UInt8: Character]
    private var shifted: [UInt8: Character]

    public init(name: String, plain: [UInt8: Character], shifted: [UInt8: Character]) {
        self.name = name
        self.plain = plain
        self.shifted = shifted
    }

    /// The character for `usage`, or nil for keys that type nothing.
    public func character(usage: UInt8, shift: Bool) -> Character? {
        shift ? shifted[usage] : plain[usage]
    }

    /// This layout with some usages remapped (for `[usb.scanner] layout` overrides).
    public func overriding(name: String, plain extraPlain: [UInt8: Character], shifted extraShifted: [UInt8: Character]) -> KeyboardLayout {
        KeyboardLayout(name: name, plain: plain.merging(extraPlain) { $1 }, shifted: shifted.merging(extraShifted) { $1 })
    }

    /// US English (the layout scanners assume unless set otherwise).
    public static let us: KeyboardLayout = {
        var plain: [UInt8: Character] = [:]
        var shifted: [UInt8: Character] = [:]
        for (i, letter) in "abcdefghijklmnopqrstuvwxyz".enumerated() {
            plain[UInt8(0x04 + i)] = letter
            shifted[UInt8(0x04 + i)] = Character(letter.uppercased())
        }
        for (i, (digit, symbol)) in zip("1234567890", "!@#$%^&*()").enumerated() {
            plain[UInt8(0x1E + i)] = digit
            shifted[UInt8(0x1E + i)] = symbol
        }
        let punctuation: [(UInt8, Character, Character)] = [
            (0x2C, " ", " "), (0x2D, "-", "_"), (0x2E, "=", "+"), (0x2F, "[", "{"), (0x30, "]", "}"),
            (0x31, "\\", "|"), (0x32, "#", "~"), (0x33, ";", ":"), (0x34, "'", "\""), (0x35, "`", "~"),
            (0x36, ",", "<"), (0x37, ".", ">"), (0x38, "/", "?"),
            (0x54, "/", "/"), (0x55, "*", "*"), (0x56, "-", "-"), (0x57, "+", "+"),
        ]
        for (usage, p, s) in punctuation {
            plain[usage] = p
            shifted[usage] = s
        }
        return KeyboardLayout(name: "us", plain: plain, shifted: shifted)
    }()

    /// French AZERTY: the letters and digits row that differ from US.
    public static let fr: KeyboardLayout = us.overriding(
        name: "fr",
        plain: [0x04: "q", 0x14: "a", 0x1D: "w", 0x1A: "z", 0x33: "m", 0x10: ",", 0x36: ";", 0x37: ":", 0x38: "!",
                0x1E: "&", 0x1F: "é", 0x20: "\"", 0x21: "'", 0x22: "(", 0x23: "-", 0x24: "è", 0x25: "_", 0x26: "ç", 0x27: "à"],
        shifted: [0x04: "Q", 0x14: "A", 0x1D: "W", 0x1A: "Z", 0x33: "M", 0x10: "?", 0x36: ".", 0x37: "/", 0x38: "§",
                  0x1E: "1", 0x1F: "2", 0x20: "3", 0x21: "4", 0x22: "5", 0x23: "6", 0x24: "7", 0x25: "8", 0x26: "9", 0x27: "0"])

    /// German QWERTZ: the letters and symbols that differ from US.
    public static let de: KeyboardLayout = us.overriding(
        name: "de",
        plain: [0x1C: "z", 0x1D: "y", 0x2D: "ß", 0x38: "-", 0x33: "ö", 0x34: "ä", 0x2F: "ü", 0x30: "+", 0x31: "#"],
        shifted: [0x1C: "Z", 0x1D: "Y", 0x1F: "\"", 0x20: "§", 0x23: "&", 0x24: "/", 0x25: "(", 0x26: ")", 0x27: "=",
                  0x2D: "?", 0x38: "_", 0x33: "Ö", 0x34: "Ä", 0x2F: "Ü", 0x30: "*", 0x36: ";", 0x37: ":"])

    /// The built-in layouts by name.
    public static func named(_ name: String) -> KeyboardLayout? {
        [us, fr, de].first { $0.name == name }
    }
}
