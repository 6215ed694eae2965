import Foundation

/// kiosk-bench: measures HealthKiosk's speed targets and prints the figures (`make bench`).
/// Each benchmark is a function of its own file; `kiosk-bench NAME…` runs some, no name runs all.
@main
enum KioskBench {
    static let benchmarks: [(name: String, run: @Sendable () async throws -> Void)] = [
        ("startup", StartupBenchmark.run),
        ("sync", SyncBenchmark.run),
        ("sync-daemon", SyncDaemonBenchmark.run),
        ("vietqr", VietQRBenchmark.run),
        ("card-read", CardReadBenchmark.run),
        ("card-verify", CardVerifyBenchmark.run),
        ("secure-messaging", SecureMessagingCost.run),
        ("registry", RegistryBenchmark.run),
        ("bhxh-lookup", BHXHLookupBenchmark.run),
        ("usb", USBBenchmark.run),
        ("payment-report", PaymentReportBenchmark.run),
    ]

    static func main() async throws {
        let wanted = Set(CommandLine.arguments.dropFirst())
        for benchmark in benchmarks where wanted.isEmpty || wanted.contains(benchmark.name) {
            print("== \(benchmark.name)")
            try await benchmark.run()
        }
    }
}
