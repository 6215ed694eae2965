/// Drives a claimed ESC/POS printer: real-time status (`DLE EOT 1/2/4` on bulk OUT, one answer
/// byte each on bulk IN) and printing in chunks of the endpoint's size.
public struct ReceiptPrinter: Sendable {
    public let device: ClaimedDevice
    public var chunkSize: Int
    public var statusTimeout: Duration

    public init(device: ClaimedDevice, chunkSize: Int = 4096, statusTimeout: Duration = .milliseconds(500)) {
        self.device = device
        self.chunkSize = chunkSize
        self.statusTimeout = statusTimeout
    }

    /// Asks `DLE EOT 1`, `2` and `4`. A printer without bulk IN (or one that does not answer
    /// status, as some clones) gives nil: status must never block printing.
    public func status() async throws(USBError) -> PrinterStatus? {
        guard let input = device.plan.input, let output = device.plan.output else { return nil }
        var answers: [UInt8] = []
        for n: UInt8 in [1, 2, 4] {
            try await device.transport.write(ESCPOS.statusRequest(n), to: output, timeout: .seconds(2))
            do {
                let answer = try await device.transport.read(input, maxLength: max(input.maxPacketSize, 64), timeout: statusTimeout)
                guard let byte = answer.last else { return nil }
                answers.append(byte)
            } catch {
                if case .timeout = error { return nil }
                throw error
            }
        }
        return try PrinterStatus.parse(answers)
    }

    /// Sends `bytes` in chunks; returns the number of bulk transfers used.
    @discardableResult
    public func print(_ bytes: [UInt8]) async throws(USBError) -> Int {
        guard let output = device.plan.output else { throw .unsuitableDevice("printer has no bulk OUT endpoint") }
        var transfers = 0
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            try await device.transport.write(Array(bytes[offset..<end]), to: output, timeout: .seconds(10))
            transfers += 1
            offset = end
        }
        return transfers
    }

    /// Checks status, then prints the ticket; a printer that cannot print now is an error
    /// naming its alerts (for the staff screen).
    @discardableResult
    public func print(_ ticket: Ticket, profile: PrinterProfile, masking: Ticket.NameMasking) async throws(USBError) -> PrinterStatus? {
        let status = try await status()
        if let status, !status.canPrint {
            throw .protocolViolation(where: "printer \(device.description.id)", problem: "cannot print: \(status.alerts.joined(separator: ", "))")
        }
        try await print(try ticket.render(profile: profile, masking: masking))
        return status
    }
}
