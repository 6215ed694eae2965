import Foundation
import KioskCore
import Logging
import LocalAPI
import ServiceLifecycle
import Testing

/// `GET /api/health` and `GET /metrics`.
@Suite("local API: health and metrics")
struct StatusEndpointTests {
    @Test("health needs no login, lists the services' states only, and answers 503 when one failed")
    func health() async throws {
        let api = try await APIHarness()
        defer { Task { await api.stop() } }
        api.state.set("store", .running, detail: "/var/lib/health-kiosk/kiosk.sqlite")
        let healthy = try await api.send(.GET, "/api/health")
        #expect(healthy.status == 200 && healthy.json?["status"] as? String == "ok", "\(healthy.body)")
        let services = try #require(healthy.json?["services"] as? [[String: Any]])
        #expect(services.map { $0["name"] as? String } == ["local_api", "store"])
        #expect(services.allSatisfy { $0["state"] as? String == "running" })
        #expect(!healthy.body.contains("/var/lib"), "details stay out")
        api.state.set("usb", .degraded, detail: "libusb")
        #expect(try await api.send(.GET, "/api/health").json?["status"] as? String == "degraded")
        api.state.set("sync", .failed, detail: "x")
        let failed = try await api.send(.GET, "/api/health")
        #expect(failed.status == 503 && failed.json?["status"] as? String == "failed")
    }

    @Test("metrics: the provider's text, or 404 without a provider")
    func metrics() async throws {
        let with = try await APIHarness(metrics: { "# TYPE kiosk_up gauge\nkiosk_up 1\n" })
        defer { Task { await with.stop() } }
        let text = try await with.send(.GET, "/metrics")
        #expect(text.status == 200 && text.body == "# TYPE kiosk_up gauge\nkiosk_up 1\n")
        #expect(text.headers.first(name: "Content-Type") == "text/plain; version=0.0.4; charset=utf-8")

        let without = try await APIHarness()
        defer { Task { await without.stop() } }
        let missing = try await without.send(.GET, "/metrics")
        #expect(missing.status == 404 && missing.code == "api.metricsDisabled")
    }
}

/// The server as a kioskd service: a taken port and a graceful stop.
@Suite("local API: as a service")
struct ServiceTests {
    @Test("a port already taken: local_api shows failed and is retried, without stopping; a graceful stop ends it")
    func portTaken() async throws {
        let first = try await APIHarness()
        defer { Task { await first.stop() } }
        let second = LocalAPIServer(context: first.context, host: "127.0.0.1", port: first.port)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [second], logger: Logger(label: "test.local-api")))
        let running = Task { try await group.run() }
        var state: DaemonState.ServiceState?
        for _ in 0..<1000 {
            state = first.state.state(of: "local_api")
            if state == .failed { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(state == .failed)
        #expect(first.state.serviceStates.first { $0.name == "local_api" }?.detail?.contains("127.0.0.1:\(first.port)") == true)
        let health = try await first.send(.GET, "/api/health")
        #expect(health.status == 503 && health.json?["status"] as? String == "failed", "the first server still answers, and tells")
        await group.triggerGracefulShutdown()
        let result = await running.result
        #expect((try? result.get()) != nil, "a graceful stop during the retry pause ends the service without an error")
        #expect(first.state.state(of: "local_api") == .stopped)
    }
}
