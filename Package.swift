// swift-tools-version:6.1
// HealthKiosk: the check-in kiosk daemon `kioskd` and its control tool `kioskctl`.
// The module map and the rules on who may import whom are in README.md ("Architecture").
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "HealthKiosk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kioskd", targets: ["kioskd"]),
        .executable(name: "kioskctl", targets: ["kioskctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // System libraries (Debian -dev packages named in `providers`).
        .systemLibrary(name: "CPCSCLite", pkgConfig: "libpcsclite", providers: [.apt(["libpcsclite-dev"])]),
        .systemLibrary(name: "CLibUSB", pkgConfig: "libusb-1.0", providers: [.apt(["libusb-1.0-0-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),

        // Shared by every module: error protocol, personal-data redaction, log output.
        .target(name: "KioskBase", dependencies: [.product(name: "Logging", package: "swift-log")], swiftSettings: strict),

        // Domain modules.
        .target(name: "SmartCard", dependencies: ["CPCSCLite", "KioskBase"], swiftSettings: strict),
        .target(name: "EMRTD", dependencies: [
            "SmartCard", "COpenSSL", "KioskBase",
            .product(name: "SwiftASN1", package: "swift-asn1"),
        ], swiftSettings: strict),
        .target(name: "USBDevices", dependencies: ["CLibUSB", "CFreeType", "KioskBase", .product(name: "Logging", package: "swift-log")], swiftSettings: strict),
        .target(name: "Payments", dependencies: ["CQREncode", "KioskBase"], swiftSettings: strict),
        .target(name: "Store", dependencies: ["KioskBase", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
        .target(name: "HealthID", dependencies: [
            "Store", "KioskBase",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        .target(name: "Sync", dependencies: [
            "Store", "KioskBase",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        .target(name: "KioskCore", dependencies: [
            "KioskBase", "Store", "Sync", "HealthID", "EMRTD", "Payments", "USBDevices", "COpenSSL",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ], swiftSettings: strict),
        .target(name: "LocalAPI", dependencies: [
            "KioskCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: strict),

        // Test and demo peers: a virtual CCCD for vpcd, simulated USB peripherals.
        .target(name: "VirtualCard", dependencies: ["EMRTD", "SmartCard", "KioskBase", "COpenSSL"], swiftSettings: strict),
        .target(name: "DeviceSim", dependencies: ["USBDevices", "KioskBase"], swiftSettings: strict),

        // Executables: argument parsing and start-up only.
        .executableTarget(name: "kioskd", dependencies: [
            "KioskCore", "KioskBase", "LocalAPI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: strict),
        .executableTarget(name: "kioskctl", dependencies: [
            "KioskCore", "KioskBase", "Payments", "SmartCard", "EMRTD", "HealthID", "Store", "USBDevices",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),

        // The virtual CCCD in pcscd's vpcd reader, for the live tests, the benchmark and the demo.
        .executableTarget(name: "virtual-cccd", dependencies: [
            "VirtualCard",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),

        // Benchmarks: `make bench` prints the figures.
        .executableTarget(name: "kiosk-bench", dependencies: ["KioskCore", "KioskBase", "Sync", "Store", "Payments", "SmartCard", "EMRTD", "VirtualCard", "HealthID", "USBDevices", "DeviceSim"], swiftSettings: strict),

        // Test support: a loopback FHIR server with a fault schedule, for the sync tests and benchmark.
        .executableTarget(name: "fhir-test-upstream", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ], swiftSettings: strict),

        // Test support: a loopback BHXH card-check portal with scripted residents and faults.
        .executableTarget(name: "bhxh-test-portal", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),

        // Test support: the kiosk side of the payment crash tests (killed with SIGKILL and restarted).
        .executableTarget(name: "payment-crash-peer", dependencies: ["KioskCore", "Store", "Payments", "USBDevices", "DeviceSim"], swiftSettings: strict),

        .testTarget(name: "KioskBaseTests", dependencies: ["KioskBase"], swiftSettings: strict),
        .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore", "KioskBase", "EMRTD", "Store", "Sync"], swiftSettings: strict),
        .testTarget(name: "SmartCardTests", dependencies: ["SmartCard", "VirtualCard"], swiftSettings: strict),
        .testTarget(name: "EMRTDTests", dependencies: ["EMRTD", "VirtualCard", "KioskBase"], resources: [.copy("Vectors")], swiftSettings: strict),
        .testTarget(name: "StoreTests", dependencies: ["Store"], swiftSettings: strict),
        .testTarget(name: "HealthIDTests", dependencies: ["HealthID", "Store", "KioskBase"], swiftSettings: strict),
        .testTarget(name: "SyncTests", dependencies: [
            "Sync", "Store",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: strict),
        .testTarget(name: "PaymentsTests", dependencies: ["Payments", "KioskBase"], swiftSettings: strict),
        .testTarget(name: "PaymentFlowTests", dependencies: [
            "KioskCore", "KioskBase", "Store", "Payments", "USBDevices", "DeviceSim",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], swiftSettings: strict),
        .testTarget(name: "CardReadTests", dependencies: ["SmartCard", "EMRTD", "VirtualCard", "KioskCore", "Store"], swiftSettings: strict),
        .testTarget(name: "IntegrationTests", dependencies: [
            "KioskCore", "Store",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], swiftSettings: strict),
        .testTarget(name: "LocalAPITests", dependencies: [
            "LocalAPI", "KioskCore", "Store", "Payments", "DeviceSim", "USBDevices",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: strict),
        .testTarget(name: "USBDevicesTests", dependencies: ["USBDevices", "DeviceSim", "KioskBase"], swiftSettings: strict),
    ]
)
