/// Runs an operation against a time limit: whichever ends first, the operation or the limit,
/// decides, and the other is cancelled. The operation must honour cancellation.
enum TimeLimit {
    static func run<T: Sendable>(_ limit: Duration, onExpiry: HealthIDError,
                                 _ operation: @escaping @Sendable () async throws(HealthIDError) -> T) async throws(HealthIDError) -> T {
        let result: Result<T, HealthIDError> = await withTaskGroup(of: Result<T, HealthIDError>?.self) { group in
            group.addTask {
                do throws(HealthIDError) { return .success(try await operation()) } catch { return .failure(error) }
            }
            group.addTask {
                do { try await Task.sleep(for: limit) } catch { return nil }
                return .failure(onExpiry)
            }
            var outcome: Result<T, HealthIDError> = .failure(onExpiry)
            for await next in group {
                guard let next else { continue }
                outcome = next
                break
            }
            group.cancelAll()
            return outcome
        }
        return try result.get()
    }
}
