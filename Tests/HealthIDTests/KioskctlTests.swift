import Foundation
import Testing

/// `kioskctl registry import` and `kioskctl lookup` as an operator runs them: the real binary,
/// built beside the test bundle, on a database in a temporary state directory.
@Suite("kioskctl registry and lookup")
struct KioskctlTests {
    static let kioskctl: String = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return ((executable as NSString).deletingLastPathComponent as NSString).appendingPathComponent("kioskctl")
    }()

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kioskctl)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func importThenLookUpEveryWay() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.kioskctl), "build kioskctl first: \(Self.kioskctl)")
        let scratch = try ScratchDirectory()
        let file = try scratch.write("residents.csv", ImportTests.csv)
        let state = scratch.stateDirectory

        let imported = try Self.run(["registry", "import", file, "--state-dir", state])
        #expect(imported.status == 65, "\(imported.stderr)")
        let lines = imported.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("imported 4 new, 0 updated, 0 unchanged; rejected 5 of 9 rows in ") == true, "\(lines)")
        #expect(lines.contains("line 3: id number 0010990123: expected 12 digits, found 10 characters"))
        #expect(lines.count == 7)
        #expect(lines.contains("ignored columns: note"))
        #expect(!imported.stderr.contains("%"), "no progress bar when standard error is not a terminal")

        let again = try Self.run(["registry", "import", file, "--format", "csv", "--state-dir", state, "--show-rejections", "1"])
        #expect(again.stdout.hasPrefix("imported 0 new, 0 updated, 4 unchanged; rejected 5 of 9 rows"))
        #expect(again.stdout.contains("… and 4 more rejected rows"))

        let byID = try Self.run(["lookup", "--id", "001090012345", "--state-dir", state])
        #expect(byID.status == 0, "\(byID.stderr)")
        #expect(byID.stdout.contains("Name:                Nguyễn Văn An"))
        #expect(byID.stdout.contains("Insurance card:      DN4010123456789"))

        let byName = try Self.run(["lookup", "--name", "Nguyen Van An", "--dob", "1990-03-14", "--json", "--state-dir", state])
        #expect(byName.status == 0, "\(byName.stderr)")
        let decoded = try JSONSerialization.jsonObject(with: Data(byName.stdout.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 1)
        #expect(decoded?.first?["full_name"] as? String == "Nguyễn Văn An")
        #expect(decoded?.first?["household_id"] as? String == "HK-0042")

        let byCard = try Self.run(["lookup", "--card", "HT3790987654321", "--state-dir", state])
        #expect(byCard.stdout.contains("ID number:           079195000777"))

        let none = try Self.run(["lookup", "--id", "001090099999", "--state-dir", state])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no resident matches"))

        let invalid = try Self.run(["lookup", "--id", "12345", "--state-dir", state])
        #expect(invalid.status == 64)
        #expect(invalid.stderr == "kioskctl: id number: expected 12 digits, found 5 characters\n")

        let both = try Self.run(["lookup", "--id", "001090012345", "--card", "DN4010123456789", "--state-dir", state])
        #expect(both.status == 64)
    }

    @Test func lookupNeverCreatesADatabase() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.kioskctl))
        let scratch = try ScratchDirectory()
        let run = try Self.run(["lookup", "--id", "001090012345", "--state-dir", scratch.stateDirectory])
        #expect(run.status == 66)
        #expect(!FileManager.default.fileExists(atPath: scratch.stateDirectory))
    }

    @Test func importOfAnUnknownFormatIsAUsageError() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.kioskctl))
        let scratch = try ScratchDirectory()
        let file = try scratch.write("residents.txt", "x")
        let run = try Self.run(["registry", "import", file, "--state-dir", scratch.stateDirectory])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--format"))
    }
}
