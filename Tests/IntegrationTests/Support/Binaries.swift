import Foundation

/// Where the built executables and the repository are, for tests that run them for real.
enum Binaries {
    /// The build products folder: `$KIOSK_BIN_DIR`, else the folder of this test executable.
    static let directory: URL = {
        if let dir = ProcessInfo.processInfo.environment["KIOSK_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }()

    static var kioskd: URL { directory.appendingPathComponent("kioskd") }
    static var kioskctl: URL { directory.appendingPathComponent("kioskctl") }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var exampleConfig: URL { repositoryRoot.appendingPathComponent("config/kioskd.example.toml") }
}

/// A fresh temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        // Short path: Unix socket paths are limited to 107 bytes.
        url = URL(fileURLWithPath: "/tmp/hk-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
