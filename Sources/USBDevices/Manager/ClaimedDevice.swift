/// A device the manager has opened and claimed for its driver: what it is, how to reach it,
/// and where the driver reports a failure.
public struct ClaimedDevice: Sendable {
    public let description: USBDeviceDescription
    public let entry: DeviceTable.Entry
    public let plan: ClaimPlan
    public let transport: any USBTransport
    let reportError: @Sendable (USBError) -> Void

    public init(description: USBDeviceDescription, entry: DeviceTable.Entry, plan: ClaimPlan, transport: any USBTransport,
                reportError: @escaping @Sendable (USBError) -> Void = { _ in }) {
        self.description = description
        self.entry = entry
        self.plan = plan
        self.transport = transport
        self.reportError = reportError
    }

    /// Records `error` as the device's last error (shown by `kioskctl devices`).
    public func report(_ error: USBError) { reportError(error) }
}
