/// A change seen by ``ReaderMonitor``.
public enum ReaderEvent: Sendable, Hashable {
    /// A reader was plugged in (or was already there when monitoring started).
    case readerAdded(String)
    /// A reader was unplugged, or pcscd went away.
    case readerRemoved(String)
    /// A card was put on the reader (or was already there when monitoring started).
    case cardInserted(reader: String, atr: AnswerToReset)
    /// The card left the reader.
    case cardRemoved(reader: String)
}
