import Synchronization

/// Tells systemd `READY=1` once every service the daemon starts has reported that it is up,
/// and not before: a unit that depends on kioskd then finds the control socket bound.
public final class ReadinessGate: Sendable {
    private let pending: Mutex<Set<String>>
    private let onReady: @Sendable () -> Void

    public init(waitingFor services: Set<String>, onReady: @escaping @Sendable () -> Void) {
        pending = Mutex(services)
        self.onReady = onReady
    }

    /// Marks `service` as up; the last one to arrive triggers `onReady` once.
    public func arrived(_ service: String) {
        let fire = pending.withLock { set -> Bool in
            guard set.remove(service) != nil else { return false }
            return set.isEmpty
        }
        if fire { onReady() }
    }
}
