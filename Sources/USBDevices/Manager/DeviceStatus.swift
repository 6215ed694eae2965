/// What `kioskctl devices` shows for one device: where it is, what it is, how it is doing.
public struct DeviceStatus: Sendable, Hashable, Codable {
    /// Lifecycle of a device from arrival to departure.
    public enum State: String, Sendable, Hashable, Codable {
        /// Seen on the bus, not in the device table.
        case unknown
        /// In the table as a known but unsupported model.
        case unsupported
        /// In the table and on the bus, not opened (a listing without the manager).
        case detected
        /// Pinned in the configuration but not on the bus.
        case missing
        /// Being opened (waiting for udev permissions) and claimed.
        case opening
        /// Claimed; its driver runs.
        case ready
        /// Opening, claiming or the driver failed; see `lastError`.
        case failed
        /// Unplugged.
        case gone
    }

    public var id: String
    public var location: String
    public var family: DeviceFamily?
    public var model: String?
    public var driver: String?
    public var state: State
    public var lastError: String?

    public init(id: String, location: String, family: DeviceFamily?, model: String?, driver: String?, state: State, lastError: String? = nil) {
        self.id = id
        self.location = location
        self.family = family
        self.model = model
        self.driver = driver
        self.state = state
        self.lastError = lastError
    }
}
