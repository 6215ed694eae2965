import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import HealthID
import Synchronization

/// A running `bhxh-test-portal` on 127.0.0.1, found next to the test executable.
final class PortalProcess: @unchecked Sendable {
    static let username = "tram-y-te-01820"
    static let password = "Mật khẩu 1!"
    static let staffID = "001085000123"

    let process = Process()
    /// The portal's standard input: when this process ends, it closes and the portal exits.
    let lifeline = Pipe()
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }

    static let binDirectory: URL = {
        if let dir = ProcessInfo.processInfo.environment["KIOSK_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }()

    init(residents: [[String: Any]] = PortalProcess.residents, faults: [String] = [], extra: [String] = []) throws {
        let file = (NSTemporaryDirectory() as NSString).appendingPathComponent("portal-residents-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: residents).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        process.executableURL = Self.binDirectory.appendingPathComponent("bhxh-test-portal")
        process.arguments = ["--exit-with-stdin", "--username", Self.username, "--password", Self.password,
                             "--staff-id", Self.staffID, "--residents", file]
            + (faults.isEmpty ? [] : ["--faults", faults.joined(separator: ",")]) + extra
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = lifeline
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening on 127.0.0.1:"),
              let port = Int(text.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") else {
            process.terminate()
            throw PortalTestFailure("bhxh-test-portal did not print its port (got '\(text)')")
        }
        self.port = port
    }

    deinit { stop() }

    /// Kills the portal; later connections are refused.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    struct Stats: Decodable {
        let logins: Int
        let checks: Int
        let refusedTokens: Int
        let faultsPending: Int
    }

    func stats() async throws -> Stats {
        try JSONDecoder().decode(Stats.self, from: try await get("/_stats"))
    }

    /// The query parameters and the JSON body of the last card check the portal received.
    func lastCheck() async throws -> (query: [String: String], body: [String: String]) {
        let object = try JSONSerialization.jsonObject(with: try await get("/_last-check")) as? [String: Any] ?? [:]
        return (object["query"] as? [String: String] ?? [:], object["body"] as? [String: String] ?? [:])
    }

    func addFaults(_ faults: [String]) async throws {
        try await post("/_faults", try JSONEncoder().encode(faults))
    }

    func expireTokens() async throws {
        try await post("/_expire-tokens", Data())
    }

    private func post(_ path: String, _ body: Data) async throws {
        var request = URLRequest(url: URL(string: "\(url)\(path)")!)
        request.httpMethod = "POST"
        request.httpBody = body
        _ = try await URLSession.shared.data(for: request)
    }

    private func get(_ path: String) async throws -> Data {
        try await URLSession.shared.data(from: URL(string: "\(url)\(path)")!).0
    }

    /// The scripted residents: An answers per name and date of birth; every documented result
    /// code has a card of its own, `DN40100000XXXX` with the code's digits at the end.
    static var residents: [[String: Any]] {
        var list: [[String: Any]] = [[
            "maThe": an.cardCode!.code, "maSoBHXH": "0123456789", "cccd": an.citizenID!.digits,
            "hoTen": "Nguyễn Văn An", "ngaySinh": "14/03/1990", "gioiTinh": "Nam", "diaChi": "Thôn Đông, xã Hòa Bình",
            "maDKBD": "01001", "cqBHXH": "BHXH quận Ba Đình", "gtTheTu": "01/01/2026", "gtTheDen": "31/12/2026",
            "maKV": "", "ngayDu5Nam": "01/01/2020", "maSoBHXH2": NSNull(), "maTheMoi": NSNull(),
            "dsLichSuKCB2018": [["maHoSo": "1"], ["maHoSo": "2"]], "dsLichSuKT2018": [["userKT": "x"]],
        ]]
        for code in InsuranceResultCode.documented {
            list.append(["maThe": codeCard(code), "hoTen": "Mã Kết Quả", "ngaySinh": "01/01/1980", "maKetQua": code,
                         "ghiChu": "scripted \(code)"])
        }
        return list
    }

    static func codeCard(_ code: String) -> String { "DN4010000000" + code }

    /// The resident the portal knows as valid.
    static let an = InsuranceSubject(citizenID: try! CitizenID("001090012345"), cardCode: try! InsuranceCardCode("DN4010123456789"),
                                     fullName: "Nguyễn Văn An", dateOfBirth: try! BirthDate("1990-03-14"))

    /// A subject whose card answers with `code`.
    static func scripted(_ code: String) -> InsuranceSubject {
        InsuranceSubject(cardCode: try! InsuranceCardCode(codeCard(code)), fullName: "Mã Kết Quả", dateOfBirth: try! BirthDate("1980-01-01"))
    }

    /// Settings for this portal with the right account. The time limit is generous: tests that
    /// are not about slowness must not fail on a loaded machine.
    func configuration(timeLimit: Duration = .seconds(20), kind: InsuranceIdentifierKind = .cardCode,
                       password: String = PortalProcess.password) -> BHXHConfiguration {
        var configuration = BHXHConfiguration(portalURL: url + "/", credentials: BHXHCredentials(
            username: Self.username, password: password, staffName: "Lê Thị Cán Bộ", staffIDNumber: Self.staffID))
        configuration.timeLimit = timeLimit
        configuration.identifierKind = kind
        return configuration
    }
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// `{ clock.now }` for the code under test.
    var source: @Sendable () -> Date { { [self] in self.now } }
}

/// A failed test precondition.
struct PortalTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A loopback port held bound but not listening: every connection to it is refused, and no
/// other test's server can take it meanwhile (as it could the port of a stopped server).
final class RefusingPort: Sendable {
    private let descriptor: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        descriptor = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw PortalTestFailure("cannot bind a loopback port") }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }

    var url: String { "http://127.0.0.1:\(port)" }
}
