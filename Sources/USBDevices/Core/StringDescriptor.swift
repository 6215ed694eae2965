extension USBTransport {
    /// Reads string descriptor `index` (USB 2.0 §9.6.7) with GET_DESCRIPTOR on endpoint 0: the
    /// language table first, then the string in the device's first language, UTF-16LE.
    public func stringDescriptor(_ index: UInt8) async throws(USBError) -> String {
        func get(_ index: UInt8, language: UInt16) async throws(USBError) -> [UInt8] {
            let setup = USBControlSetup(requestType: 0x80, request: 0x06, value: 0x0300 | UInt16(index), index: language)
            let bytes = try await control(setup, data: [], length: 255, timeout: .seconds(1))
            guard bytes.count >= 2, bytes[1] == 0x03, Int(bytes[0]) <= bytes.count, bytes[0] >= 2 else {
                throw .malformedInput(where: "string descriptor \(index)", problem: "\(bytes.count) bytes without a valid length and type 03h")
            }
            return Array(bytes[2..<Int(bytes[0])])
        }
        let languages = try await get(0, language: 0)
        guard languages.count >= 2 else { throw .malformedInput(where: "string descriptor 0", problem: "no language id") }
        let text = try await get(index, language: UInt16(languages[0]) | UInt16(languages[1]) << 8)
        let units = stride(from: 0, to: text.count - 1, by: 2).map { UInt16(text[$0]) | UInt16(text[$0 + 1]) << 8 }
        return String(decoding: units, as: UTF16.self)
    }
}
