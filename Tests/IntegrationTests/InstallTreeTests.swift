import Foundation
import Testing

/// `make install DESTDIR=…` lays out the files a Debian kiosk needs, with the right modes, and
/// the installed example config passes the installed daemon's check.
@Suite struct InstallTreeTests {
    @Test func installedTreeIsComplete() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let root = dir.path("root")
        let make = try await RunningProcess.run(URL(fileURLWithPath: "/usr/bin/make"),
                                                ["-C", Binaries.repositoryRoot.path, "install-files", "DESTDIR=\(root)", "BIN_DIR=\(Binaries.directory.path)"],
                                                in: dir)
        #expect(make.status == 0, "make install-files failed: \(make.stderr)")

        let expected: [(String, Int)] = [
            ("usr/bin/kioskd", 0o755), ("usr/bin/kioskctl", 0o755),
            ("usr/lib/systemd/system/kioskd.service", 0o644),
            ("usr/lib/sysusers.d/health-kiosk.conf", 0o644),
            ("usr/lib/tmpfiles.d/health-kiosk.conf", 0o644),
            ("usr/share/polkit-1/rules.d/50-health-kiosk-pcscd.rules", 0o644),
            ("usr/share/doc/health-kiosk/kioskd.example.toml", 0o644),
            ("etc/health-kiosk", 0o750),
            ("etc/health-kiosk/csca", 0o755),
            ("etc/health-kiosk/kioskd.toml", 0o640),
        ]
        for (path, mode) in expected {
            let attributes = try? FileManager.default.attributesOfItem(atPath: "\(root)/\(path)")
            #expect(attributes != nil, "\(path) is missing")
            #expect((attributes?[.posixPermissions] as? Int) == mode, "mode of \(path)")
        }
        let rules = try FileManager.default.contentsOfDirectory(atPath: "\(root)/usr/lib/udev/rules.d")
        let shipped = try FileManager.default.contentsOfDirectory(atPath: Binaries.repositoryRoot.appendingPathComponent("udev").path)
            .filter { $0.hasSuffix(".rules") }
        #expect(Set(rules) == Set(shipped))
        #expect(!rules.isEmpty)

        // The installed daemon accepts the installed config.
        let check = try await RunningProcess.run(URL(fileURLWithPath: "\(root)/usr/bin/kioskd"),
                                                 ["--check-config", "--config", "\(root)/etc/health-kiosk/kioskd.toml"], in: dir)
        #expect(check.status == 0, "\(check.stderr)")

        // A second install keeps an edited config.
        try "# edited\n".write(toFile: "\(root)/etc/health-kiosk/kioskd.toml", atomically: false, encoding: .utf8)
        let again = try await RunningProcess.run(URL(fileURLWithPath: "/usr/bin/make"),
                                                 ["-C", Binaries.repositoryRoot.path, "install-files", "DESTDIR=\(root)", "BIN_DIR=\(Binaries.directory.path)"],
                                                 in: dir)
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: "\(root)/etc/health-kiosk/kioskd.toml", encoding: .utf8) == "# edited\n")
    }
}
