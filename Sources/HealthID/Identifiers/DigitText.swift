/// Shape checks shared by the identifier validators.
enum DigitText {
    /// The 1-based position of the first character that is not an ASCII digit, if any.
    static func firstNonDigit(_ text: String) -> Int? {
        for (index, character) in text.enumerated() where !("0"..."9").contains(character) || !character.isASCII {
            return index + 1
        }
        return nil
    }

    /// "12 characters" / "1 character".
    static func count(_ n: Int) -> String { n == 1 ? "1 character" : "\(n) characters" }

    /// Characters `from`...`to` (1-based, inclusive) of `text`, which must be long enough.
    static func slice(_ text: String, _ from: Int, _ to: Int) -> Substring {
        let start = text.index(text.startIndex, offsetBy: from - 1)
        let end = text.index(text.startIndex, offsetBy: to)
        return text[start..<end]
    }
}
