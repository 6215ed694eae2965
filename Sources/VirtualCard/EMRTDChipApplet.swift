public import EMRTD
public import SmartCard

/// An ``EMRTDChip`` in the vpcd reader: a contactless ISO/IEC 14443-4 eMRTD as a PC/SC reader
/// presents it, answering PACE, BAC, secure messaging and extended-length READ BINARY.
public struct EMRTDChipApplet: CardApplet {
    /// The ATR a PC/SC reader builds for a 14443-4 card (PC/SC part 3 §3.1.3.2.3): `3B 8n 80 01`,
    /// then historical bytes announcing direct application selection and extended Lc/Le.
    public static let contactlessAnswerToReset: [UInt8] = {
        let historical: [UInt8] = [0x80, 0x31, 0x80, 0x73, 0x00, 0x00, 0x40]
        let body: [UInt8] = [0x3B, 0x80 | UInt8(historical.count), 0x80, 0x01] + historical
        return body + [body.dropFirst().reduce(0, ^)]
    }()

    public var answerToReset: [UInt8] { Self.contactlessAnswerToReset }

    private var chip: EMRTDChip

    /// Serves `chip`.
    public init(chip: EMRTDChip) {
        self.chip = chip
    }

    public mutating func reset() {
        chip.reset()
    }

    public mutating func handle(_ command: CommandAPDU) -> ResponseAPDU {
        chip.handle(command)
    }
}
