/// ICAO 9303-3 §4.9 check digits: weights 7, 3, 1 repeating; digits count as themselves,
/// A-Z as 10-35 and the filler `<` as 0; the sum modulo 10.
public enum MRZCheckDigit {
    /// The check digit of `field`, nil when it holds a character outside 0-9, A-Z and `<`.
    public static func compute(_ field: some StringProtocol) -> Character? {
        let weights = [7, 3, 1]
        var sum = 0
        for (i, ch) in field.enumerated() {
            guard let v = value(ch) else { return nil }
            sum += v * weights[i % 3]
        }
        return Character(String(sum % 10))
    }

    /// Whether `digit` is the check digit of `field`.
    public static func verify(_ field: some StringProtocol, _ digit: Character) -> Bool {
        compute(field) == digit
    }

    static func value(_ ch: Character) -> Int? {
        guard let ascii = ch.asciiValue else { return nil }
        switch ascii {
        case 0x30...0x39: return Int(ascii - 0x30)
        case 0x41...0x5A: return Int(ascii - 0x41) + 10
        case 0x3C: return 0
        default: return nil
        }
    }
}
