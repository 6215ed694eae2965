import Foundation
import Testing
import VirtualCard

/// `kioskctl card read` as the operator runs it: the real binary against pcscd, with the real
/// `virtual-cccd` process in the reader.
extension LiveCardTests {
@Suite("kioskctl card read with virtual-cccd")
struct KioskctlCardReadTests {
    init() throws { try CardEnvironment.requireAvailable() }

    struct Run {
        let status: Int32
        let stdout: Data
        let stderr: String
    }

    /// Runs `binary` with `arguments` to completion.
    static func run(_ binary: String, _ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = CardEnvironment.binaries.appendingPathComponent(binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Starts `virtual-cccd` in the reader, runs `body`, stops it (by its own PID) and waits for
    /// the reader to be empty.
    static func withVirtualCard<T>(_ extra: [String] = [], _ body: () async throws -> T) async throws -> T {
        let process = Process()
        process.executableURL = CardEnvironment.binaries.appendingPathComponent("virtual-cccd")
        process.arguments = ["--profile", CardEnvironment.profileFile.path, "--port", String(CardEnvironment.port)] + extra
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { stop(process) }
        let probe = try await CardEnvironment.connectWhenPresent()
        try await probe.disconnect()
        let result = try await body()
        stop(process)
        try await CardEnvironment.waitUntilEmpty()
        return result
    }

    /// SIGTERM, then SIGKILL if it has not ended within 5 s.
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    @Test("--can --json prints every key of the contract with the resident's values")
    func json() async throws {
        let profile = try CardEnvironment.profile()
        let run = try await Self.withVirtualCard {
            try Self.run("kioskctl", ["card", "read", "--reader", CardEnvironment.reader, "--can", profile.effectiveCAN, "--json"])
        }
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        for key in ["idNumber", "documentNumber", "fullName", "dateOfBirth", "sex", "nationality", "ethnicity", "religion",
                    "placeOfOrigin", "placeOfResidence", "identifyingMarks", "issueDate", "expiryDate", "fatherName",
                    "motherName", "spouseName", "oldIdNumber", "mrz", "access", "files", "stats"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["idNumber"] as? String == profile.idNumber)
        #expect(object["documentNumber"] as? String == String(profile.idNumber.suffix(9)))
        #expect(object["fullName"] as? String == profile.fullName)
        #expect(object["dateOfBirth"] as? String == profile.dateOfBirth)
        #expect(object["placeOfResidence"] as? String == profile.placeOfResidence)
        #expect(object["access"] as? String == "PACE-CAN")
        #expect((object["mrz"] as? [String])?.count == 3)
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(Set(files.compactMap { $0["name"] as? String }) == ["cardAccess", "com", "dg1", "dg2", "dg13", "dg14", "dg15", "sod"])
        let stats = try #require(object["stats"] as? [String: Any])
        #expect((stats["apdus"] as? Int ?? 0) > 0)
        #expect((stats["bytesRead"] as? Int ?? 0) > 10_000)
        #expect(stats["elapsedMs"] as? Int != nil)
        #expect(run.stderr.isEmpty)
    }

    @Test("--id with --dob opens by the CAN; --mrz opens by BAC or PACE-MRZ")
    func otherKeys() async throws {
        let profile = try CardEnvironment.profile()
        let card = try VirtualCCCD(profile: profile)
        let mrz = "\(card.mrzKey.documentNumber):\(card.mrzKey.dateOfBirth):\(card.mrzKey.dateOfExpiry)"
        let (byID, byMRZ) = try await Self.withVirtualCard {
            (try Self.run("kioskctl", ["card", "read", "--reader", CardEnvironment.reader, "--id", profile.idNumber, "--dob", profile.dateOfBirth, "--json"]),
             try Self.run("kioskctl", ["card", "read", "--reader", CardEnvironment.reader, "--mrz", mrz, "--json"]))
        }
        #expect(byID.status == 0, "stderr: \(byID.stderr)")
        #expect(byMRZ.status == 0, "stderr: \(byMRZ.stderr)")
        let id = try JSONSerialization.jsonObject(with: byID.stdout) as? [String: Any]
        #expect(id?["access"] as? String == "PACE-CAN")
        let viaMRZ = try JSONSerialization.jsonObject(with: byMRZ.stdout) as? [String: Any]
        #expect(viaMRZ?["fullName"] as? String == profile.fullName)
    }

    @Test("a wrong CAN: one clear line, exit 77, nothing on standard output")
    func wrongCAN() async throws {
        let run = try await Self.withVirtualCard {
            try Self.run("kioskctl", ["card", "read", "--reader", CardEnvironment.reader, "--can", "000000"])
        }
        #expect(run.status == 77)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("kioskctl: the card rejected the access key"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test("an empty reader: one clear line naming it")
    func noCard() async throws {
        try await CardEnvironment.waitUntilEmpty()
        let run = try Self.run("kioskctl", ["card", "read", "--reader", CardEnvironment.reader, "--can", "123456"])
        #expect(run.status == 69)
        #expect(run.stderr == "kioskctl: no card in reader \"\(CardEnvironment.reader)\"\n")
    }

    @Test("virtual-cccd --remove-after: the card leaves mid-read, one clear line, exit 74; back after a second it reads")
    func pulledMidRead() async throws {
        let profile = try CardEnvironment.profile()
        let arguments = ["card", "read", "--reader", CardEnvironment.reader, "--can", profile.effectiveCAN, "--json"]
        let (pulled, again) = try await Self.withVirtualCard(["--remove-after", "8", "--reinsert-after-ms", "1000"]) {
            let pulled = try Self.run("kioskctl", arguments)
            _ = try await CardEnvironment.connectWhenPresent().disconnect()
            return (pulled, try Self.run("kioskctl", arguments))
        }
        #expect(pulled.status == 74)
        #expect(pulled.stderr == "kioskctl: the card was removed during the read; put it back and try again\n")
        #expect(again.status == 0, "stderr: \(again.stderr)")
    }

    @Test("--photo writes the JPEG from DG2")
    func photo() async throws {
        let profile = try CardEnvironment.profile()
        let path = "/tmp/cccd-photo-\(UUID().uuidString.prefix(8)).jpg"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try await Self.withVirtualCard {
            try Self.run("kioskctl", ["card", "read", "--reader", CardEnvironment.reader, "--can", profile.effectiveCAN, "--photo", path])
        }
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        let fixture = try Data(contentsOf: CardEnvironment.fixtures.appendingPathComponent("photo.jpg"))
        #expect(written == fixture)
    }
}
}
