public import USBDevices

/// An in-memory ``USBTransport`` with a ``SimulatedPeripheral`` on the other end: for unit tests
/// of decoding and protocols (below the seam), and the demo. Reads wait for queued IN data up
/// to their timeout; ``unplug()`` makes every call fail as an unplugged device does.
public actor SimulatedLink<Peripheral: SimulatedPeripheral>: USBTransport {
    public private(set) var peripheral: Peripheral
    private var inbound: [UInt8: [[UInt8]]] = [:]
    private var unplugged = false
    /// Every OUT transfer in order, with its endpoint.
    public private(set) var written: [(endpoint: UInt8, bytes: [UInt8])] = []
    /// Every control request in order.
    public private(set) var controlRequests: [(setup: USBControlSetup, data: [UInt8])] = []

    public init(_ peripheral: Peripheral) { self.peripheral = peripheral }

    /// Queues IN data as if the device had sent it.
    public func push(_ bytes: [UInt8], on endpoint: UInt8) { inbound[endpoint, default: []].append(bytes) }

    /// The device leaves: pending and later calls fail with ``USBError/disconnected(call:)``.
    public func unplug() { unplugged = true }

    public func read(_ endpoint: USBEndpoint, maxLength: Int, timeout: Duration?) async throws(USBError) -> [UInt8] {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        while true {
            if unplugged { throw .disconnected(call: "read \(endpoint)") }
            if var queue = inbound[endpoint.address], !queue.isEmpty {
                var chunk = queue.removeFirst()
                if chunk.count > maxLength {
                    queue.insert(Array(chunk[maxLength...]), at: 0)
                    chunk = Array(chunk[..<maxLength])
                }
                inbound[endpoint.address] = queue
                return chunk
            }
            if let deadline, clock.now >= deadline { throw .timeout(call: "read \(endpoint)") }
            do { try await Task.sleep(for: .milliseconds(1)) } catch { throw .cancelled(call: "read \(endpoint)") }
        }
    }

    public func write(_ bytes: [UInt8], to endpoint: USBEndpoint, timeout: Duration?) async throws(USBError) {
        if unplugged { throw .disconnected(call: "write \(endpoint)") }
        written.append((endpoint.address, bytes))
        for answer in peripheral.received(bytes, on: endpoint.address) { push(answer.bytes, on: answer.endpoint) }
    }

    public func control(_ setup: USBControlSetup, data: [UInt8], length: Int, timeout: Duration?) async throws(USBError) -> [UInt8] {
        if unplugged { throw .disconnected(call: "control") }
        controlRequests.append((setup, data))
        return []
    }
}
