import Foundation
public import KioskBase

/// File-system chores around the control socket: a missing parent directory, a stale socket
/// left by a crash, another daemon already answering, the mode and group of a fresh socket.
enum ControlSocketFile {
    /// Makes `path` free to bind, or says why it cannot be.
    static func prepare(path: String) throws(ControlSocketError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o750])
            } catch {
                throw ControlSocketError(code: "control.directory", detail: "cannot create \(directory): \(error.localizedDescription)")
            }
        }
        guard FileManager.default.fileExists(atPath: path) else { return }
        switch ControlSocketClient.probe(path: path) {
        case .answering:
            throw ControlSocketError(code: "control.inUse", detail: "another kioskd already answers on \(path)")
        case .stale, .notASocketOrUnreachable:
            guard unlink(path) == 0 || errno == ENOENT else {
                throw ControlSocketError(code: "control.stale", detail: "cannot remove the stale socket \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Sets mode 0660 and the group; returns a warning text when that was not fully possible.
    static func restrict(path: String, group: String) -> String? {
        chmod(path, 0o660)
        guard let entry = getgrnam(group) else { return "group \"\(group)\" does not exist; the socket keeps the daemon's group" }
        // Under systemd the service runs as group kiosk and the socket already has it; chown is
        // then neither needed nor allowed by the unit's system-call filter.
        var info = stat()
        if stat(path, &info) == 0, info.st_gid == entry.pointee.gr_gid { return nil }
        if chown(path, uid_t.max, entry.pointee.gr_gid) != 0 {
            return "cannot give the socket to group \"\(group)\": \(String(cString: strerror(errno)))"
        }
        return nil
    }
}

/// Errors of the control socket, on either side.
public struct ControlSocketError: KioskError {
    public let code: String
    public let detail: String

    public init(code: String, detail: String) {
        self.code = code
        self.detail = detail
    }
}
