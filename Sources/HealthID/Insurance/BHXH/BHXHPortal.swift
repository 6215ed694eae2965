import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// The card check of the BHXH (Vietnam Social Security) portal over async-http-client.
///
/// Logs in with `POST {portal}/api/token/take` (form `username`, `password` = upper-case MD5
/// hex) and keeps the tokens until they expire; checks with `POST
/// {portal}/api/egw/KQNhanLichSuKCB2024` (tokens and account as query parameters, the person and
/// the staff member as JSON). On HTTP 401 or `maKetQua` 401 it logs in again once and repeats
/// the check. The whole check, logins included, ends within ``BHXHConfiguration/timeLimit``.
/// Tokens, the password and the person's data never reach an error detail.
public final class BHXHPortal: InsuranceProvider {
    /// The settings it was made with.
    public let configuration: BHXHConfiguration
    private let client: HTTPClient
    private let now: @Sendable () -> Date
    private let token = Mutex<BHXHToken?>(nil)
    private let base: String

    /// Prepares a client; throws `portalConfiguration` when the URL is not http(s)://host/….
    /// `now` is the clock used for token expiry.
    public init(configuration: BHXHConfiguration, now: @escaping @Sendable () -> Date = { Date() }) throws(HealthIDError) {
        guard let url = URL(string: configuration.portalURL), let scheme = url.scheme?.lowercased(),
              scheme == "https" || scheme == "http", url.host != nil else {
            throw HealthIDError(.portalConfiguration, what: "insurance portal URL", expected: "http(s)://host[/path]",
                                found: "\"\(configuration.portalURL)\"")
        }
        self.configuration = configuration
        self.now = now
        var base = configuration.portalURL
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        let limit = Self.amount(configuration.timeLimit)
        var settings = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: limit, read: limit),
                                                decompression: .disabled)
        settings.httpVersion = .http1Only
        settings.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 4)
        // A refused or failed connection fails the check at once (the kiosk then shows the last
        // answer, marked stale) instead of being retried until the time limit.
        settings.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: settings)
    }

    public var identifierKind: InsuranceIdentifierKind { configuration.identifierKind }
    public var timeLimit: Duration { configuration.timeLimit }

    public func check(_ subject: InsuranceSubject) async throws(HealthIDError) -> InsuranceCardAnswer {
        let identifier = try subject.identifier(configuration.identifierKind)
        let body = try Self.checkBody(subject, identifier: identifier, credentials: configuration.credentials)
        let expiry = HealthIDError(.portalTimeout, what: "insurance portal card check",
                                   expected: "an answer within \(Self.milliseconds(configuration.timeLimit)) ms", found: "none in time")
        let deadline = NIODeadline.now() + Self.amount(configuration.timeLimit)
        return try await TimeLimit.run(configuration.timeLimit, onExpiry: expiry) { () async throws(HealthIDError) in
            try await self.checkWithRelogin(body, deadline: deadline)
        }
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Forgets the cached tokens; the next check logs in first.
    public func forgetToken() {
        token.withLock { $0 = nil }
    }

    private func checkWithRelogin(_ body: Data, deadline: NIODeadline) async throws(HealthIDError) -> InsuranceCardAnswer {
        var current = try await usableToken(deadline: deadline)
        var reloggedIn = false
        while true {
            let (status, answerBody) = try await post(checkURL(current), body: body, contentType: "application/json; charset=utf-8",
                                                      deadline: deadline, what: "insurance portal card check")
            let answer: InsuranceCardAnswer? = status == 200 ? try InsuranceCardAnswer(json: answerBody) : nil
            if status == 401 || answer?.result.code == "401" {
                forgetToken()
                guard !reloggedIn else {
                    throw HealthIDError(.portalAuthentication, what: "insurance portal card check",
                                        expected: "the tokens of a fresh login to be accepted", found: "authentication refused twice")
                }
                reloggedIn = true
                current = try await login(deadline: deadline)
                continue
            }
            guard let answer else {
                throw HealthIDError(.portalFailed, what: "insurance portal card check", expected: "HTTP 200", found: "HTTP \(status)")
            }
            return answer
        }
    }

    private func usableToken(deadline: NIODeadline) async throws(HealthIDError) -> BHXHToken {
        let instant = now()
        if let cached = token.withLock({ $0 }), cached.isUsable(at: instant) { return cached }
        return try await login(deadline: deadline)
    }

    private func login(deadline: NIODeadline) async throws(HealthIDError) -> BHXHToken {
        let credentials = configuration.credentials
        let form = FormEncoding.encode([("username", credentials.username), ("password", credentials.passwordDigest)])
        let (status, body) = try await post(base + "/api/token/take", body: Data(form.utf8),
                                            contentType: "application/x-www-form-urlencoded", deadline: deadline,
                                            what: "insurance portal login")
        guard status == 200 else {
            let reason: HealthIDError.Reason = status == 401 || status == 403 ? .portalAuthentication : .portalFailed
            throw HealthIDError(reason, what: "insurance portal login", expected: "HTTP 200 with tokens", found: "HTTP \(status)")
        }
        let fresh = try BHXHToken.parse(body, now: now(), fallbackLifetime: configuration.fallbackTokenLifetime,
                                        username: credentials.username)
        token.withLock { $0 = fresh }
        return fresh
    }

    private func checkURL(_ token: BHXHToken) -> String {
        base + "/api/egw/KQNhanLichSuKCB2024?" + FormEncoding.encode([
            ("token", token.accessToken), ("id_token", token.idToken),
            ("username", token.username), ("password", configuration.credentials.passwordDigest),
        ])
    }

    private func post(_ url: String, body: Data, contentType: String, deadline: NIODeadline,
                      what: String) async throws(HealthIDError) -> (Int, Data) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, deadline: deadline)
            let collected = try await response.body.collect(upTo: configuration.maximumResponseBytes)
            return (Int(response.status.code), Data(collected.readableBytesView))
        } catch {
            throw BHXHTransportError.classify(error, what: what, timeLimit: configuration.timeLimit,
                                              maximumBytes: configuration.maximumResponseBytes)
        }
    }

    static func checkBody(_ subject: InsuranceSubject, identifier: String, credentials: BHXHCredentials) throws(HealthIDError) -> Data {
        let birth = subject.dateOfBirth
        let day = birth.day < 10 ? "0\(birth.day)" : "\(birth.day)"
        let month = birth.month < 10 ? "0\(birth.month)" : "\(birth.month)"
        let fields = ["maThe": identifier, "hoTen": subject.fullName, "ngaySinh": "\(day)/\(month)/\(birth.year)",
                      "hoTenCb": credentials.staffName, "cccdCb": credentials.staffIDNumber]
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else {
            throw HealthIDError(.invalidField, what: "insurance check", expected: "text fields that encode as JSON")
        }
        return data
    }

    static func amount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
