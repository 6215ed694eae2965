import Foundation

/// Repeats `step` until `done` holds or `seconds` pass; returns whether it held.
func eventually(seconds: Double = 20, step: () async throws -> Void, done: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        try await step()
        if try await done() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await done()
}
