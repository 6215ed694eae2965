/// The device side of a ``SimulatedLink``: gets every OUT transfer and control request and
/// answers by queueing IN data.
public protocol SimulatedPeripheral: Sendable {
    /// Handles bytes the host wrote to `endpoint`; returns IN data to queue (endpoint, bytes).
    mutating func received(_ bytes: [UInt8], on endpoint: UInt8) -> [(endpoint: UInt8, bytes: [UInt8])]
}
