/// The data objects of one template by tag, with the checks the parser makes on them; every failure
/// names the dotted tag path and the byte offset.
struct ObjectTable {
    private let objects: [String: EMVDataObject]
    private let parent: String
    /// Offset reported for a missing tag: the end of the enclosing template.
    private let end: Int

    init(_ list: [EMVDataObject], parent: String, end: Int) {
        self.objects = Dictionary(list.map { ($0.tag, $0) }, uniquingKeysWith: { first, _ in first })
        self.parent = parent
        self.end = end
    }

    subscript(tag: String) -> EMVDataObject? { objects[tag] }

    func path(_ tag: String) -> String { VietQRTag.path(parent, tag) }

    func invalid(_ tag: String, expected: String) -> PaymentsError {
        .vietQRPayload(.invalidValue(expected: expected), tag: path(tag), offset: objects[tag]?.offset ?? end)
    }

    func requireObject(_ tag: String) throws(PaymentsError) -> EMVDataObject {
        guard let object = objects[tag] else { throw .vietQRPayload(.missing, tag: path(tag), offset: end) }
        return object
    }

    func requireText(_ tag: String) throws(PaymentsError) -> String {
        try text(requireObject(tag))
    }

    func optionalText(_ tag: String) throws(PaymentsError) -> String? {
        guard let object = objects[tag] else { return nil }
        guard !object.value.isEmpty else { throw .vietQRPayload(.empty, tag: path(tag), offset: object.offset) }
        return try text(object)
    }

    func require(_ tag: String, equals expected: String) throws(PaymentsError) {
        guard try requireObject(tag).value.elementsEqual(expected.utf8) else { throw invalid(tag, expected: expected) }
    }

    func checkLength(_ tag: String, maximum: Int) throws(PaymentsError) {
        guard let object = objects[tag] else { return }
        guard object.value.count <= maximum else {
            throw .vietQRPayload(.tooLong(maximum: maximum, actual: object.value.count), tag: path(tag), offset: object.offset)
        }
        guard !object.value.isEmpty else { throw .vietQRPayload(.empty, tag: path(tag), offset: object.offset) }
    }

    /// The data objects inside the template `tag`.
    func requireTemplate(_ tag: String, in bytes: [UInt8]) throws(PaymentsError) -> ObjectTable {
        let object = try requireObject(tag)
        let range = object.value.startIndex..<object.value.endIndex
        let inner = try EMVDataObject.objects(in: bytes, range: range, parent: path(tag))
        return ObjectTable(inner, parent: path(tag), end: range.upperBound)
    }

    /// Every data object whose tag is not in `known`, as text.
    func others(except known: Set<String>) throws(PaymentsError) -> [String: String] {
        var result: [String: String] = [:]
        for (tag, object) in objects where !known.contains(tag) {
            result[tag] = try text(object)
        }
        return result
    }

    private func text(_ object: EMVDataObject) throws(PaymentsError) -> String {
        guard let text = String(validating: object.value, as: UTF8.self) else {
            throw .vietQRPayload(.notUTF8, tag: path(object.tag), offset: object.offset)
        }
        return text
    }
}
