/// The ENQ/ACK handshake over a byte link (CDC-ACM bulk endpoints): sending is ENQ → ACK →
/// frame → ACK (NAK: resend, at most `retries` more times) → EOT; receiving is the mirror
/// image. Each wait has a timeout; a silent or misbehaving terminal gives a typed error.
public actor ECRLink {
    /// Whether a message is announced with ENQ (Concert) or its frame is sent at once (POSLink).
    public enum Handshake: Sendable, Hashable { case enquiry, direct }

    public struct Timeouts: Sendable, Hashable {
        /// For an ACK/NAK after ENQ or a frame.
        public var acknowledge: Duration
        /// For the frame after our ACK of the terminal's ENQ, and for its EOT.
        public var frame: Duration
        public init(acknowledge: Duration = .seconds(2), frame: Duration = .seconds(3)) {
            self.acknowledge = acknowledge
            self.frame = frame
        }
    }

    private let transport: any USBTransport
    private let input: USBEndpoint
    private let output: USBEndpoint
    private let timeouts: Timeouts
    private let retries: Int
    private let handshake: Handshake
    private var reader = ECRFrameReader()
    private var pending: [ECRToken] = []

    public init(transport: any USBTransport, input: USBEndpoint, output: USBEndpoint, timeouts: Timeouts = Timeouts(), retries: Int = 3,
                handshake: Handshake = .enquiry) {
        self.handshake = handshake
        self.transport = transport
        self.input = input
        self.output = output
        self.timeouts = timeouts
        self.retries = retries
    }

    /// Sends one message with the full handshake.
    public func send(_ message: [UInt8]) async throws(USBError) {
        let frame = try ECRFrame.encode(message)
        if handshake == .enquiry {
            try await write([ECRFrame.enq])
            let answer = try await next(timeout: timeouts.acknowledge, waitingFor: "ACK to ENQ")
            guard answer == .ack else { throw .protocolViolation(where: "ECR link", problem: "answer to ENQ was \(answer), expected ACK") }
        }
        for attempt in 0...retries {
            try await write(frame)
            let reply = try await next(timeout: timeouts.acknowledge, waitingFor: "ACK to the frame")
            switch reply {
            case .ack:
                if handshake == .enquiry { try await write([ECRFrame.eot]) }
                return
            case .nak where attempt < retries:
                continue
            default:
                try? await write([ECRFrame.eot])
                throw .protocolViolation(where: "ECR link", problem: "frame not acknowledged after \(attempt + 1) attempts (last answer \(reply))")
            }
        }
    }

    /// Waits up to `timeout` for the terminal's ENQ (or, without the ENQ handshake, its frame),
    /// then receives one message.
    public func receive(timeout: Duration) async throws(USBError) -> [UInt8] {
        if handshake == .enquiry {
            while true {
                let token = try await next(timeout: timeout, waitingFor: "ENQ from the terminal")
                if token == .enq { break }
            }
            try await write([ECRFrame.ack])
        }
        var naks = 0
        var first = true
        while true {
            let wait = first && handshake == .direct ? timeout : timeouts.frame
            first = false
            let token = try await next(timeout: wait, waitingFor: "frame from the terminal")
            switch token {
            case .frame(let message):
                try await write([ECRFrame.ack])
                if handshake == .enquiry { _ = try? await next(timeout: timeouts.frame, waitingFor: "EOT") }
                return message
            case .badFrame(let why):
                naks += 1
                guard naks <= retries else {
                    throw .protocolViolation(where: "ECR link", problem: "\(naks) bad frames from the terminal (last: \(why))")
                }
                try await write([ECRFrame.nak])
            case .eot:
                throw .protocolViolation(where: "ECR link", problem: "EOT before a frame")
            default:
                continue
            }
        }
    }

    private func write(_ bytes: [UInt8]) async throws(USBError) {
        try await transport.write(bytes, to: output, timeout: timeouts.acknowledge)
    }

    private func next(timeout: Duration, waitingFor what: String) async throws(USBError) -> ECRToken {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while pending.isEmpty {
            let left = deadline - clock.now
            guard left > .zero else { throw .timeout(call: "ECR link waiting for \(what)") }
            do {
                let bytes = try await transport.read(input, maxLength: max(input.maxPacketSize, 64), timeout: left)
                pending += reader.feed(bytes)
            } catch {
                if case .timeout = error { throw .timeout(call: "ECR link waiting for \(what)") }
                throw error
            }
        }
        return pending.removeFirst()
    }
}
