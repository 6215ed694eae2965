import Sync

extension ConfigField where Value == [SPKIPin] {
    /// `[upstream] spki_pins`: an array of `"sha256/<base64 of 32 bytes>"`.
    static var spkiPins: Self {
        Self(expected: "an array of \"sha256/<base64 of the 32-byte SHA-256 of a SubjectPublicKeyInfo>\"") { value in
            guard case .array(let items) = value else { return .wrongType }
            var pins: [SPKIPin] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item else { return .invalid("element \(index) is \(item.typeDescription), not a string") }
                do throws(SyncError) {
                    pins.append(try SPKIPin(text))
                } catch {
                    return .invalid("element \(index): \(error.detail)")
                }
            }
            return .accepted(pins)
        }
    }
}
