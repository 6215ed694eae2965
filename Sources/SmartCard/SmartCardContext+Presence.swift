extension SmartCardContext {
    /// Opens a connection to the card in `reader`, or nil when the reader holds no card.
    public func connectIfPresent(reader: String, options: CardConnection.Options = .init()) async throws(SmartCardError) -> CardConnection? {
        do {
            return try await connect(reader: reader, options: options)
        } catch where error.isCardRemoved {
            return nil
        }
    }

    /// Opens a connection to the card in `reader`, waiting up to `timeout` for one that pcscd has
    /// not seen arrive yet; throws the card-removed error when none came.
    public func connect(reader: String, options: CardConnection.Options = .init(), waitingUpTo timeout: Duration) async throws -> CardConnection {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let connection = try await connectIfPresent(reader: reader, options: options) { return connection }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await connect(reader: reader, options: options)
    }

    /// Waits until pcscd reports `reader` empty (a card that is still there is connected to and
    /// released, so that pcscd notices its removal); false when a card is still there after `timeout`.
    public func waitUntilEmpty(reader: String, timeout: Duration = .seconds(10)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let connection = try await connectIfPresent(reader: reader) else { return true }
            try await connection.disconnect()
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Why `reader` cannot be used (pcscd unreachable, or the reader not attached), nil when
    /// pcscd lists it.
    public static func problem(reader: String) -> String? {
        do {
            let readers = try SmartCardContext().readers()
            return readers.contains(reader) ? nil
                : "pcscd runs but does not list \"\(reader)\" (readers: \(readers.joined(separator: ", ")))"
        } catch {
            return "pcscd is not reachable (\(error))"
        }
    }
}
