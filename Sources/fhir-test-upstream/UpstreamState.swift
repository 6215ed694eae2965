import Foundation

/// What the test upstream has stored and counted, and its fault schedule; shared by all
/// connections behind a lock. Entries are conditional creates (deduplicated by their
/// `ifNoneExist`) or PUTs to `Type/id` (an existing id is updated: answered 200, counted as a duplicate).
final class UpstreamState: @unchecked Sendable {
    private let lock = NSLock()
    private var faults: [Fault]
    private var locations: [String: String] = [:]
    private var outboxIDs = Set<String>()
    private var createdByType: [String: Int] = [:]
    private var testTagged = 0
    private var duplicates = 0
    private var requests = 0
    private var nextID = 1

    init(faults: [Fault]) {
        self.faults = faults
    }

    /// The next fault, removed from the schedule.
    func takeFault() -> Fault? {
        lock.withLock { faults.isEmpty ? nil : faults.removeFirst() }
    }

    func addFaults(_ new: [Fault]) {
        lock.withLock { faults += new }
    }

    /// Stores a transaction atomically: every entry or none. Returns the HTTP status and body.
    func transaction(_ body: Data) -> (status: Int, body: Data) {
        guard let bundle = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              bundle["resourceType"] as? String == "Bundle", bundle["type"] as? String == "transaction" else {
            return (400, Self.outcome("request body is not a transaction Bundle"))
        }
        let entries = bundle["entry"] as? [[String: Any]] ?? []
        var parsed: [(type: String, condition: String?, clientID: String?, resource: [String: Any])] = []
        for (index, entry) in entries.enumerated() {
            guard let request = entry["request"] as? [String: Any], let resource = entry["resource"] as? [String: Any],
                  let type = resource["resourceType"] as? String else {
                return (400, Self.outcome("entry \(index): expected a request and a resource with its resourceType"))
            }
            switch request["method"] as? String {
            case "POST" where request["url"] as? String == type:
                parsed.append((type, request["ifNoneExist"] as? String, nil, resource))
            case "PUT":
                guard let id = resource["id"] as? String, request["url"] as? String == "\(type)/\(id)" else {
                    return (400, Self.outcome("entry \(index): expected a PUT to Type/id of a resource with that id"))
                }
                parsed.append((type, nil, id, resource))
            default:
                return (400, Self.outcome("entry \(index): expected a POST of a resource to its type, or a PUT to Type/id"))
            }
        }
        let responses: [[String: Any]] = lock.withLock {
            requests += 1
            return parsed.map { entry in
                if let id = entry.clientID {
                    let key = "\(entry.type)/\(id)"
                    if let existing = locations[key] {
                        duplicates += 1
                        return ["response": ["status": "200 OK", "location": existing]]
                    }
                    locations[key] = "\(key)/_history/1"
                    outboxIDs.insert(String(id.split(separator: ".").first ?? Substring(id)))
                    createdByType[entry.type, default: 0] += 1
                    if Self.isTest(entry.resource) { testTagged += 1 }
                    return ["response": ["status": "201 Created", "location": "\(key)/_history/1"]]
                }
                if let condition = entry.condition, let existing = locations[condition] {
                    duplicates += 1
                    return ["response": ["status": "200 OK", "location": existing]]
                }
                let location = "\(entry.type)/\(nextID)/_history/1"
                nextID += 1
                if let condition = entry.condition {
                    locations[condition] = location
                    if let id = Self.outboxID(condition) { outboxIDs.insert(id) }
                }
                createdByType[entry.type, default: 0] += 1
                if Self.isTest(entry.resource) { testTagged += 1 }
                return ["response": ["status": "201 Created", "location": location]]
            }
        }
        let answer: [String: Any] = ["resourceType": "Bundle", "type": "transaction-response", "entry": responses]
        return (200, (try? JSONSerialization.data(withJSONObject: answer)) ?? Data())
    }

    /// `GET /_stats`.
    func stats() -> Data {
        let value: [String: Any] = lock.withLock {
            ["distinctOutboxIDs": outboxIDs.count, "duplicates": duplicates, "requests": requests,
             "created": createdByType.values.reduce(0, +), "createdByResourceType": createdByType,
             "testTagged": testTagged, "faultsPending": faults.count]
        }
        return (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
    }

    /// `GET /_outbox-ids`: every outbox id received, sorted.
    func receivedOutboxIDs() -> Data {
        let ids = lock.withLock { outboxIDs.sorted() }
        return (try? JSONSerialization.data(withJSONObject: ids)) ?? Data()
    }

    /// The outbox id in `identifier=<system>|<id>[.role]`.
    static func outboxID(_ condition: String) -> String? {
        guard let bar = condition.lastIndex(of: "|") else { return nil }
        let value = condition[condition.index(after: bar)...]
        return String(value.split(separator: ".").first ?? value)
    }

    static func isTest(_ resource: [String: Any]) -> Bool {
        let tags = (resource["meta"] as? [String: Any])?["tag"] as? [[String: Any]] ?? []
        return tags.contains { $0["code"] as? String == "HTEST" }
    }

    static func outcome(_ diagnostics: String) -> Data {
        let value: [String: Any] = ["resourceType": "OperationOutcome",
                                    "issue": [["severity": "error", "code": "invalid", "diagnostics": diagnostics]]]
        return (try? JSONSerialization.data(withJSONObject: value)) ?? Data()
    }
}
