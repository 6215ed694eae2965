import SmartCard
import Testing

@Suite("ReaderMonitor lifecycle (with or without pcscd)")
struct ReaderMonitorLifecycleTests {
    @Test("waiting for pcscd never throws, and stop() ends the stream promptly")
    func stopWhileWaiting() async throws {
        let monitor = try ReaderMonitor(pollInterval: .milliseconds(100), waitForService: true)
        try await Task.sleep(for: .milliseconds(150))
        let stoppedAt = ContinuousClock.now
        monitor.stop()
        for await _ in monitor.events {}
        // Ends at all, and well before a blocked SCardGetStatusChange would (the bound is loose
        // on purpose: a loaded machine may take a while to schedule the monitor thread).
        #expect(ContinuousClock.now - stoppedAt < .seconds(5))
        monitor.stop()
    }

    @Test("cancelling the consuming task stops the monitor")
    func cancelConsumer() async throws {
        let monitor = try ReaderMonitor(pollInterval: .milliseconds(100), waitForService: true)
        let consumer = Task {
            for await _ in monitor.events {}
        }
        try await Task.sleep(for: .milliseconds(50))
        consumer.cancel()
        await consumer.value
    }
}
