import SmartCard

/// The channel plus the current secure-messaging session and the counters of one read.
struct ChipLink {
    let channel: any CardChannel
    var session: SecureMessaging?
    var statistics = ReadStatistics()

    init(channel: any CardChannel) { self.channel = channel }

    /// Sends `command`, protected when a session is open; returns the plain response.
    mutating func send(_ command: CommandAPDU) async throws -> ResponseAPDU {
        var wire = command
        if var sm = session {
            wire = try sm.protect(command)
            session = sm
        }
        statistics.apdus += 1
        let encoded = try wire.wireBytes()
        let response = try await channel.transmit(wire)
        statistics.bytesTransferred += encoded.count + response.data.count + 2
        guard var sm = session else { return response }
        do {
            let plain = try sm.unprotect(response)
            session = sm
            return plain
        } catch {
            session = nil
            throw error
        }
    }

    /// Sends `command` and throws ``EMRTDError/status(sw:during:)`` unless the answer is 9000
    /// (or one of `accepting`).
    mutating func expect(_ command: CommandAPDU, _ step: String, accepting: Set<UInt16> = []) async throws -> ResponseAPDU {
        let response = try await send(command)
        guard response.sw == 0x9000 || accepting.contains(response.sw) else {
            throw EMRTDError.status(sw: response.sw, during: step)
        }
        return response
    }
}
