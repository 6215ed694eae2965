/// Completes a command the way ISO/IEC 7816-3/-4 ask of the terminal: re-issues it with the
/// right Le on `6Cxx`, and collects `61xx` remainders with GET RESPONSE.
///
/// The exchange closure sends one APDU and returns the card's raw answer; it runs on the
/// connection's I/O queue, so the whole chain is one uninterrupted sequence.
enum ResponseChaining {
    /// Upper bound on GET RESPONSE rounds (65536 bytes in the smallest useful chunks, plus slack).
    static let maximumRounds = 1024

    static func run(
        _ command: CommandAPDU,
        exchange: (CommandAPDU) throws(SmartCardError) -> ResponseAPDU
    ) throws(SmartCardError) -> ResponseAPDU {
        var response = try exchange(command)
        if let exact = response.statusWord.exactLength {
            var corrected = command
            corrected.le = exact
            response = try exchange(corrected)
        }
        guard response.statusWord.remainingBytes != nil else { return response }

        var collected = response.data
        var rounds = 0
        while let remaining = response.statusWord.remainingBytes {
            rounds += 1
            guard rounds <= maximumRounds else {
                throw .malformedResponse("GET RESPONSE chain longer than \(maximumRounds) rounds")
            }
            var getResponse = CommandAPDU(cla: getResponseClass(for: command.cla), ins: 0xC0, p1: 0, p2: 0, le: remaining)
            response = try exchange(getResponse)
            if let exact = response.statusWord.exactLength {
                getResponse.le = exact
                response = try exchange(getResponse)
            }
            collected += response.data
        }
        return ResponseAPDU(data: collected, statusWord: response.statusWord)
    }

    /// The class byte for GET RESPONSE: same logical channel, no secure messaging, no chaining.
    static func getResponseClass(for cla: UInt8) -> UInt8 {
        if cla & 0x80 != 0 { return cla & ~0x10 }
        if cla & 0x40 != 0 { return cla & 0x4F }
        return cla & 0x03
    }
}
