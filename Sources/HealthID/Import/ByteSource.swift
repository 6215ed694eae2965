import Foundation

/// A file read front to back in 1 MiB chunks, one byte at a time, counting what it consumed.
struct ByteSource {
    private let handle: FileHandle
    private let what: String
    private var buffer: [UInt8] = []
    private var index = 0
    private var exhausted = false
    /// Bytes handed out so far.
    private(set) var consumed: Int64 = 0
    /// Size of the file when it was opened.
    let totalBytes: Int64

    static let chunkSize = 1 << 20

    init(path: String) throws(HealthIDError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HealthIDError(.unreadableFile, what: "registry file \(path)", expected: "a readable file")
        }
        self.handle = handle
        self.what = "registry file \(path)"
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
        self.totalBytes = size ?? 0
    }

    /// The next byte without consuming it; nil at the end of the file.
    mutating func peek() throws(HealthIDError) -> UInt8? {
        if index == buffer.count {
            try refill()
            if index == buffer.count { return nil }
        }
        return buffer[index]
    }

    /// The next byte; nil at the end of the file.
    mutating func next() throws(HealthIDError) -> UInt8? {
        guard let byte = try peek() else { return nil }
        index += 1
        consumed += 1
        return byte
    }

    private mutating func refill() throws(HealthIDError) {
        guard !exhausted else { return }
        let data: Data?
        do {
            data = try handle.read(upToCount: Self.chunkSize)
        } catch {
            throw HealthIDError(.unreadableFile, what: what, expected: "a readable file",
                                found: "a read error after \(consumed) bytes")
        }
        guard let data, !data.isEmpty else {
            exhausted = true
            buffer = []
            index = 0
            return
        }
        buffer = [UInt8](data)
        index = 0
    }
}
