import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates and secures the database file and its WAL companions.
///
/// The main file is created with mode 0600 before SQLite opens it. SQLite's unix VFS gives the
/// `-wal` and `-shm` files it creates the permissions of the main file, so they follow; files
/// left from an earlier run with a wider mode are narrowed to 0600 here as well.
enum DatabaseFile {
    static let mode: mode_t = 0o600
    static let directoryMode: mode_t = 0o700
    static let companionSuffixes = ["-wal", "-shm"]

    /// Creates `directory` (0700) when missing; an existing directory keeps its mode, which the
    /// service manager owns.
    static func ensureDirectory(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError(.filesystem, "state directory path exists and is not a directory: \(directory)")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: Int(directoryMode)])
        } catch {
            throw StoreError(.filesystem, "cannot create state directory \(directory): \(type(of: error))")
        }
    }

    /// Creates `path` with mode 0600 if it does not exist, then narrows it and any existing
    /// companions to 0600.
    static func prepare(_ path: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw StoreError(.filesystem, "cannot create \(path): errno \(errno)")
        }
        try secure(path)
    }

    /// Sets mode 0600 on `path` and on its `-wal`/`-shm` files where they exist.
    static func secure(_ path: String) throws {
        try restrict(path)
        for suffix in companionSuffixes where FileManager.default.fileExists(atPath: path + suffix) {
            try restrict(path + suffix)
        }
    }

    private static func restrict(_ path: String) throws {
        guard chmod(path, mode) == 0 else {
            throw StoreError(.filesystem, "cannot chmod 0600 \(path): errno \(errno)")
        }
    }
}
