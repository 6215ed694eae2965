import Crypto
import Foundation

/// The test portal's account, scripted residents, issued tokens, fault schedule and counters;
/// shared by all connections behind a lock.
final class PortalState: @unchecked Sendable {
    /// What a card check should answer.
    enum CheckAnswer {
        case json(status: Int, body: Data)
        case fault(PortalFault)
    }

    private let lock = NSLock()
    private let username: String
    private let passwordDigest: String
    private let staffID: String?
    private let tokenLifetime: TimeInterval
    private var residents: [[String: Any]]
    private var tokens: [String: (idToken: String, expires: Date)] = [:]
    private var faults: [PortalFault]
    private var logins = 0
    private var checks = 0
    private var refusedTokens = 0
    private var lastCheck: [String: Any] = [:]
    private var nextToken = 1

    init(username: String, password: String, staffID: String?, tokenLifetime: TimeInterval, residents: [[String: Any]], faults: [PortalFault]) {
        self.username = username
        passwordDigest = Insecure.MD5.hash(data: Data(password.utf8)).map { String(format: "%02X", $0) }.joined()
        self.staffID = staffID
        self.tokenLifetime = tokenLifetime
        self.residents = residents
        self.faults = faults
    }

    func addFaults(_ new: [PortalFault]) { lock.withLock { faults += new } }
    func addResidents(_ new: [[String: Any]]) { lock.withLock { residents += new } }
    func revokeTokens() { lock.withLock { tokens.removeAll() } }

    /// The next scheduled fault for a login (`forLogin`) or a card check, removed from the schedule.
    func takeFault(forLogin: Bool) -> PortalFault? {
        lock.withLock {
            guard let index = faults.firstIndex(where: { $0.isForLogin == forLogin }) else { return nil }
            return faults.remove(at: index)
        }
    }

    /// `POST /api/token/take`.
    func login(form: [String: String]) -> Data {
        lock.withLock {
            logins += 1
            guard form["username"] == username, form["password"] == passwordDigest else {
                return Self.json(["maKetQua": "401", "ghiChu": "Sai tên đăng nhập hoặc mật khẩu"])
            }
            let access = "access-\(nextToken)+/=", id = "id-\(nextToken)"
            nextToken += 1
            let expires = Date().addingTimeInterval(tokenLifetime)
            tokens[access] = (id, expires)
            return Self.json(["maKetQua": "200", "APIKey": [
                "access_token": access, "id_token": id, "token_type": "Bearer", "username": username,
                "expires_in": Self.portalDate(expires),
            ]])
        }
    }

    /// `POST /api/egw/KQNhanLichSuKCB2024`.
    func check(query: [String: String], body: Data, fault: PortalFault?) -> CheckAnswer {
        lock.withLock {
            checks += 1
            let request = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
            lastCheck = ["query": query, "body": request ?? [:]]
            if case .revokeTokens(let inBody)? = fault {
                tokens.removeAll()
                refusedTokens += 1
                return inBody ? .json(status: 200, body: Self.json(["maKetQua": "401"])) : .json(status: 401, body: Data())
            }
            guard let access = query["token"], let token = tokens[access], token.expires > Date(), query["id_token"] == token.idToken,
                  query["username"] == username, query["password"] == passwordDigest else {
                refusedTokens += 1
                return .json(status: 401, body: Data())
            }
            if let fault { return .fault(fault) }
            guard let request, let identifier = request["maThe"] as? String else {
                return .json(status: 200, body: Self.json(["maKetQua": "205", "ghiChu": "Sai định dạng tham số"]))
            }
            if let staffID, request["cccdCb"] as? String != staffID {
                return .json(status: 200, body: Self.json(["maKetQua": "054"]))
            }
            return .json(status: 200, body: Self.json(answer(identifier: identifier, request: request)))
        }
    }

    private func answer(identifier: String, request: [String: Any]) -> [String: Any] {
        let match = residents.first { resident in
            ["maThe", "maSoBHXH", "cccd"].contains { resident[$0] as? String == identifier }
        }
        guard let resident = match else { return ["maKetQua": "050", "ghiChu": "Không có thông tin thẻ"] }
        var answer = resident
        answer["cccd"] = nil
        answer["dsLichSuKCB2018"] = resident["dsLichSuKCB2018"] ?? []
        answer["dsLichSuKT2018"] = resident["dsLichSuKT2018"] ?? []
        if resident["maKetQua"] == nil {
            let name = (request["hoTen"] as? String ?? "").lowercased()
            if name != (resident["hoTen"] as? String ?? "").lowercased() {
                answer["maKetQua"] = "060"
            } else if request["ngaySinh"] as? String != resident["ngaySinh"] as? String {
                answer["maKetQua"] = "070"
            } else {
                answer["maKetQua"] = "000"
            }
        }
        return answer
    }

    /// `GET /_stats`.
    func stats() -> Data {
        lock.withLock {
            Self.json(["logins": logins, "checks": checks, "refusedTokens": refusedTokens, "faultsPending": faults.count])
        }
    }

    /// `GET /_last-check`: the query parameters and JSON body of the last card check.
    func lastCheckReceived() -> Data { lock.withLock { Self.json(lastCheck) } }

    static func json(_ value: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
    }

    /// `2026-11-29T10:00:00.1234567+07:00`, the portal's own style of date-time.
    static func portalDate(_ date: Date) -> String {
        let shifted = date.addingTimeInterval(7 * 3600)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: shifted)
        func pad(_ n: Int, _ width: Int = 2) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(c.year ?? 0, 4))-\(pad(c.month ?? 0))-\(pad(c.day ?? 0))T\(pad(c.hour ?? 0)):\(pad(c.minute ?? 0)):\(pad(c.second ?? 0))"
            + ".\(pad((c.nanosecond ?? 0) / 100, 7))+07:00"
    }
}
