import AsyncHTTPClient
import DeviceSim
import Foundation
import KioskCore
import LocalAPI
import Logging
import NIOCore
import NIOHTTP1
import Payments
import ServiceLifecycle
import Store
import Synchronization
import USBDevices

/// A real local API on a free loopback port, over a payment desk on a fresh SQLite file, asked
/// over real HTTP with AsyncHTTPClient.
final class APIHarness: Sendable {
    /// "correct horse", salt 00…0F, 100 000 iterations (Python's hashlib.pbkdf2_hmac).
    static let thuHash = "pbkdf2-sha256$100000$AAECAwQFBgcICQoLDA0ODw==$V/LC8HOXSNUWQZsGKohGZjI8WD6krhZVBKgfe1PGKgk="
    static let secret = "4f6b0c1e9a2d7b3c8e5f1a0d6c2b9e7f"

    let directory: String
    let database: KioskDatabase
    let desk: PaymentDesk
    let visit: Visit
    let port: Int
    let state: DaemonState
    let context: DaemonContext
    private let group: ServiceGroup
    private let server: Task<Void, any Error>

    /// Starts the API. `terminal`: the card terminal (nil: none configured); `confirmation`
    /// `callback` writes the secret file; `payments` false: a kiosk without `[payments]`.
    init(terminal: (any CardTerminalLink)? = nil, confirmation: String = "callback", payments: Bool = true,
         metrics: (@Sendable () async -> String)? = nil, bodyLimit: Int = 64 * 1024) async throws {
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("local-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let secretFile = (directory as NSString).appendingPathComponent("callback.secret")
        try Data((Self.secret + "\n").utf8).write(to: URL(fileURLWithPath: secretFile))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secretFile)
        let mode = confirmation == "callback" ? "confirmation = \"callback\"\ncallback_secret_file = \"\(secretFile)\"" : "confirmation = \"\(confirmation)\""
        let text = """
            [station]
            facility_code = "01820"
            name = "Trạm Y tế"
            kiosk_id = "kiosk-01"
            [upstream]
            fhir_base_url = "https://fhir.example.invalid/fhir"
            \(payments ? "[payments]\nbank_bin = \"970436\"\naccount = \"0011001234567\"\nmerchant_name = \"TRAM Y TE\"\nmerchant_city = \"HA NOI\"\n\(mode)" : "")
            [local_api]
            bind = "127.0.0.1:8080"
            [[local_api.staff]]
            username = "thu"
            password_hash = "\(Self.thuHash)"
            """
        let config = try ConfigLoader.parse(text: text, file: "test.toml")
        database = try KioskDatabase(stateDirectory: (directory as NSString).appendingPathComponent("state"))
        desk = PaymentDesk(database: database, fees: try FeeTable(["kham-benh": 30_000, "xet-nghiem": 150_000]),
                           vietQRAccount: VietQRPayload(bankBIN: "970436", accountNumber: "0011001234567", service: .account,
                                                        merchantName: "TRAM Y TE", merchantCity: "HA NOI"),
                           terminal: terminal)
        visit = try await database.records.openVisit(NewVisit(stationID: "station-1", residentKey: ResidentKey("resident-1"), service: "kham-benh"))
        let state = DaemonState(configPath: "test.toml", config: config)
        self.state = state
        let commands = payments ? PaymentCommands(desk: desk, staff: StaffAuthenticator(staff: { state.currentConfig.localAPI.staff })) : nil
        let context = DaemonContext(state: state, payments: commands,
                                    transferCallback: TransferCallbackGate(settings: { state.currentConfig.payments }), logger: Logger(label: "test.local-api"))
        self.context = context
        let bound = Mutex<Int?>(nil)
        let api = LocalAPIServer(context: context, host: "127.0.0.1", port: 0, metrics: metrics, bodyLimit: bodyLimit) { port in
            bound.withLock { $0 = port }
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [api], logger: Logger(label: "test.local-api")))
        self.group = group
        server = Task { try await group.run() }
        var port: Int?
        for _ in 0..<1000 where port == nil {
            port = bound.withLock { $0 }
            if port == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        guard let port else {
            server.cancel()
            throw HarnessError("the local API did not start listening within 10 s")
        }
        self.port = port
    }

    /// Stops the server as kioskd does (graceful shutdown) and removes the files.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await server.result
        try? database.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// One HTTP exchange.
    func send(_ method: HTTPMethod, _ path: String, body: String? = nil, bytes: [UInt8]? = nil,
              headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        if let bytes { request.body = .bytes(ByteBuffer(bytes: bytes)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let data = try await response.body.collect(upTo: 16 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: data))
    }

    /// An exchange as staff member `user` with `password` (HTTP Basic).
    func staff(_ method: HTTPMethod, _ path: String, body: String? = nil, user: String = "thu", password: String = "correct horse",
               headers: [(String, String)] = []) async throws -> Reply {
        let login = Data("\(user):\(password)".utf8).base64EncodedString()
        return try await send(method, path, body: body, headers: [("Authorization", "Basic \(login)")] + headers)
    }

    /// Starts a payment as staff and returns its id.
    func start(method: String, fee: String? = "kham-benh", amount: Int? = nil, key: String) async throws -> (Reply, String?) {
        var fields = ["\"visit_id\": \"\(visit.id.rawValue)\"", "\"method\": \"\(method)\"", "\"attempt_key\": \"\(key)\""]
        if let fee { fields.append("\"fee\": \"\(fee)\"") }
        if let amount { fields.append("\"amount_vnd\": \(amount)") }
        let reply = try await staff(.POST, "/api/payments", body: "{" + fields.joined(separator: ", ") + "}")
        return (reply, (reply.json?["payment"] as? [String: Any])?["id"] as? String)
    }

    /// The rows the payment table has.
    func paymentCount() async throws -> Int {
        try await database.records.paymentReport(day: database.records.stationDay(of: Date())).count
    }
}

/// An HTTP answer.
struct Reply: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: String

    /// The body as a JSON object, nil when it is not one.
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] }
    var code: String? { json?["code"] as? String }
    var message: String? { json?["message"] as? String }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A simulated Concert terminal behind the real ECR link and Protocol E message layer.
func simulatedCardLink(_ outcome: TerminalResult.Outcome) -> ECRCardLink {
    let link = ECRLink(transport: SimulatedLink(SimulatedTerminal(outcome: outcome)), input: USBEndpoint(address: 0x81, kind: .bulk),
                       output: USBEndpoint(address: 0x02, kind: .bulk), timeouts: ECRLink.Timeouts(acknowledge: .seconds(2), frame: .seconds(2)))
    return ECRCardLink(link: link, answerTimeout: .seconds(10))
}
