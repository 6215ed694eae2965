import DeviceSim
import Testing
@testable import USBDevices

@Suite("payment terminal link: ECR framing and Concert Protocol E")
struct TerminalTests {
    @Test("LRC is the XOR of the bytes after STX up to and including ETX")
    func lrc() throws {
        #expect(try ECRFrame.encode(Array("AB".utf8)) == [0x02, 0x41, 0x42, 0x03, 0x41 ^ 0x42 ^ 0x03])
        #expect(throws: USBError.self) { try ECRFrame.encode([0x41, 0x03]) }
    }

    @Test("frame reader: control bytes, good frame, bad LRC, noise")
    func reader() {
        var reader = ECRFrameReader()
        var bytes: [UInt8] = [0x05, 0x99, 0x06]
        bytes += [0x02, 0x31, 0x03, 0x31 ^ 0x03]
        bytes += [0x02, 0x31, 0x03, 0x00, 0x04]
        let tokens = reader.feed(Array(bytes[0..<4])) + reader.feed(Array(bytes[4...]))
        #expect(tokens.count == 5)
        #expect(Array(tokens.prefix(3)) == [.enq, .ack, .frame([0x31])])
        if case .badFrame = tokens[3] {} else { Issue.record("expected a bad frame, got \(tokens[3])") }
        #expect(tokens[4] == .eot)
    }

    @Test("Protocol E request is 34 bytes with the fields in order; VND amounts are whole đồng")
    func request() throws {
        let bytes = try ConcertProtocolE(posNumber: 1).encode(TerminalRequest(kind: .sale, amount: 150_000, reference: "PAY42"))
        #expect(String(decoding: bytes, as: UTF8.self) == "01" + "00150000" + "1" + "1" + "0" + "704" + "PAY42     " + "A010" + "B010")
        #expect(bytes.count == 34)
        #expect(throws: USBError.self) { try ConcertProtocolE().encode(TerminalRequest(kind: .sale, amount: 100_000_000, reference: "")) }
        #expect(throws: USBError.self) { try ConcertProtocolE().encode(TerminalRequest(kind: .sale, amount: 1, reference: "ELEVEN-CHRS")) }
    }

    @Test("Protocol E answer: status 0/7/9, amount, reference; wrong length or status is a clear error")
    func answer() throws {
        let request = try ConcertProtocolE().encode(TerminalRequest(kind: .sale, amount: 150_000, reference: "PAY42"))
        let answer = SimulatedTerminal.answer(to: request, outcome: .rejected)
        #expect(answer.count == 80)
        let result = try ConcertProtocolE().decode(answer)
        #expect(result == TerminalResult(outcome: .rejected, amount: 150_000, reference: "PAY42", report: "SIMULATED TERMINAL"))
        #expect(throws: USBError.malformedInput(where: "Concert answer", problem: "79 bytes, expected 80")) {
            _ = try ConcertProtocolE().decode(Array(answer.dropLast()))
        }
        var badStatus = answer
        badStatus[2] = UInt8(ascii: "5")
        #expect(throws: USBError.malformedInput(where: "Concert answer byte 2 (status)", problem: "'5', expected 0, 7 or 9")) {
            _ = try ConcertProtocolE().decode(badStatus)
        }
    }

    static func terminal(_ sim: SimulatedTerminal) -> (SimulatedLink<SimulatedTerminal>, PaymentTerminal) {
        let link = SimulatedLink(sim)
        let plan = ClaimPlan(interfaces: [0, 1], input: USBEndpoint(address: 0x81, kind: .bulk), output: USBEndpoint(address: 0x02, kind: .bulk),
                             cdcControlInterface: 0, scannerMode: nil)
        let entry = DeviceTable.Entry(vendorID: 0x0B00, productID: 0x0001, family: .paymentTerminal, driver: .paymentTerminal, model: "test terminal")
        let device = ClaimedDevice(description: USBDeviceDescription(vendorID: 0x0B00, productID: 0x0001, bus: 1, address: 4, deviceClass: 2, interfaces: []),
                                   entry: entry, plan: plan, transport: link)
        let timeouts = ECRLink.Timeouts(acknowledge: .milliseconds(300), frame: .milliseconds(300))
        return (link, try! PaymentTerminal(device: device, messages: ConcertProtocolE(), timeouts: timeouts, answerTimeout: .seconds(2)))
    }

    @Test("a full sale over the in-memory terminal: line coding, ENQ/ACK, frame, EOT, answer")
    func sale() async throws {
        let (link, terminal) = Self.terminal(SimulatedTerminal(outcome: .approved))
        try await terminal.open()
        let result = try await terminal.perform(TerminalRequest(kind: .sale, amount: 30_000, reference: "P-7"))
        #expect(result.outcome == .approved && result.amount == 30_000 && result.reference == "P-7")
        let coding = await link.controlRequests.first
        #expect(coding?.setup.request == 0x20 && coding?.data == [0x80, 0x25, 0, 0, 0, 2, 7])
        let written = await link.written.map(\.bytes)
        #expect(written.first == [ECRFrame.enq])
        #expect(written.last == [ECRFrame.ack], "the ECR acknowledges the answer last")
        #expect(written.contains([ECRFrame.eot]))
    }

    @Test("a corrupted answer frame is NAKed and the resent one accepted")
    func nakAndResend() async throws {
        let (link, terminal) = Self.terminal(SimulatedTerminal(outcome: .notVerified, corruptFirstAnswer: true))
        let result = try await terminal.perform(TerminalRequest(kind: .refund, amount: 5_000, reference: "R1"))
        #expect(result.outcome == .notVerified)
        #expect(await link.written.map(\.bytes).contains([ECRFrame.nak]))
    }

    @Test("a terminal that never answers ENQ gives a timeout naming the wait")
    func silentTerminal() async throws {
        struct Silent: SimulatedPeripheral {
            mutating func received(_ bytes: [UInt8], on endpoint: UInt8) -> [(endpoint: UInt8, bytes: [UInt8])] { [] }
        }
        let link = SimulatedLink(Silent())
        let ecr = ECRLink(transport: link, input: USBEndpoint(address: 0x81, kind: .bulk), output: USBEndpoint(address: 0x02, kind: .bulk),
                          timeouts: ECRLink.Timeouts(acknowledge: .milliseconds(50), frame: .milliseconds(50)))
        await #expect(throws: USBError.timeout(call: "ECR link waiting for ACK to ENQ")) { try await ecr.send(Array("x".utf8)) }
    }
}

@Suite("payment terminal link: PAX POSLink")
struct POSLinkTests {
    @Test("T00 request: command, version and fields separated by FS; VND in whole đồng")
    func request() throws {
        let bytes = try PAXPOSLink().encode(TerminalRequest(kind: .sale, amount: 150_000, reference: "PAY42"))
        let fs = "\u{1C}"
        #expect(String(decoding: bytes, as: UTF8.self) == ["T00", "1.28", "01", "150000", "", "PAY42", "", "", "", "", ""].joined(separator: fs))
        #expect(String(decoding: try PAXPOSLink().encode(TerminalRequest(kind: .cancel, amount: 1, reference: "R")), as: UTF8.self).hasPrefix("T00\(fs)1.28\(fs)16\(fs)"))
        #expect(PAXPOSLink().batchClose() == Array("B00\u{1C}1.28".utf8))
        #expect(throws: USBError.self) { try PAXPOSLink().encode(TerminalRequest(kind: .sale, amount: 5, reference: "bad ref!")) }
    }

    @Test("T01 answer: response code, amount and the ECR reference from the trace field; other commands rejected")
    func answer() throws {
        let request = try PAXPOSLink().encode(TerminalRequest(kind: .refund, amount: 20_000, reference: "R-9"))
        let approved = try PAXPOSLink().decode(SimulatedPOSLinkTerminal.answer(to: request, responseCode: "000000"))
        #expect(approved == TerminalResult(outcome: .approved, amount: 20_000, reference: "R-9", report: "OK"))
        #expect(try PAXPOSLink().decode(SimulatedPOSLinkTerminal.answer(to: request, responseCode: "000100")).outcome == .rejected)
        #expect(throws: USBError.malformedInput(where: "POSLink answer field 2 (command)", problem: "'B01', expected T01")) {
            _ = try PAXPOSLink().decode(Array("0\u{1C}B01\u{1C}1.28\u{1C}000000\u{1C}OK".utf8))
        }
        #expect(throws: USBError.self) { _ = try PAXPOSLink().decode(Array("0\u{1C}T01".utf8)) }
    }

    @Test("a sale over the in-memory PAX terminal: the frame goes without ENQ, the answer is acknowledged")
    func sale() async throws {
        let link = SimulatedLink(SimulatedPOSLinkTerminal())
        let plan = ClaimPlan(interfaces: [0], input: USBEndpoint(address: 0x81, kind: .bulk), output: USBEndpoint(address: 0x02, kind: .bulk),
                             cdcControlInterface: nil, scannerMode: nil)
        let entry = DeviceTable.Entry(vendorID: 0x1234, productID: 0x0001, family: .paymentTerminal, driver: .paymentTerminal, model: "test PAX")
        let device = ClaimedDevice(description: USBDeviceDescription(vendorID: 0x1234, productID: 0x0001, bus: 1, address: 5, deviceClass: 0, interfaces: []),
                                   entry: entry, plan: plan, transport: link)
        let terminal = try PaymentTerminal(device: device, messages: PAXPOSLink(),
                                           timeouts: ECRLink.Timeouts(acknowledge: .milliseconds(300), frame: .milliseconds(300)), answerTimeout: .seconds(2))
        let result = try await terminal.perform(TerminalRequest(kind: .sale, amount: 45_000, reference: "P-1"))
        #expect(result.outcome == .approved && result.amount == 45_000 && result.reference == "P-1")
        let written = await link.written.map(\.bytes)
        #expect(written.first?.first == ECRFrame.stx, "no ENQ before the frame")
        #expect(written.last == [ECRFrame.ack])
        #expect(!written.contains([ECRFrame.enq]) && !written.contains([ECRFrame.eot]))
    }
}
