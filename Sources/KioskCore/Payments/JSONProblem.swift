/// Says in a sentence what is wrong with a JSON body that did not decode: the field at fault (a
/// dotted path with `[index]`s, or "the body") and what was expected there. Used for the station
/// server's transfer lists and the local API's request bodies; the sentence quotes no values.
public enum JSONProblem {
    /// The sentence for `error`; `shape` shows the expected document for a missing key.
    public static func describe(_ error: DecodingError, shape: String) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the body" : String(text.drop(while: { $0 == "." }))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context)): missing key \"\(key.stringValue)\" (expected \(shape))"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(path(context)): expected \(name(of: type))"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.codingPath.isEmpty ? "not JSON" : "expected a whole number of đồng or text") (\(context.debugDescription.prefix(80)))"
        @unknown default:
            return "undecodable JSON"
        }
    }

    private static func name(of type: Any.Type) -> String {
        if type == Int64.self || type == Int.self { return "a whole number of đồng" }
        if type == String.self { return "text" }
        if type == Bool.self { return "true or false" }
        return "\(type)"
    }
}

extension KeyedDecodingContainer {
    /// A whole number of đồng at `key`. Foundation reports a fraction or an out-of-range number
    /// as damaged JSON without a place; this reports it on the key, like a wrong type.
    public func decodeWholeNumber(forKey key: Key) throws -> Int64 {
        guard let value = try? decode(Int64.self, forKey: key) else {
            if !contains(key) { _ = try decode(Int64.self, forKey: key) }
            throw DecodingError.typeMismatch(Int64.self, .init(codingPath: codingPath + [key], debugDescription: "not a whole number"))
        }
        return value
    }
}
