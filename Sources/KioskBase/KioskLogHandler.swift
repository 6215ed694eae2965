public import Logging
import Foundation

/// Writes log records to standard error, in the form the reader of that stream expects:
/// with `<N>` syslog priority prefixes when standard error is connected to journald
/// (`JOURNAL_STREAM` set), as readable timestamped lines otherwise.
///
/// Metadata keys are dotted (`reader.name`, `usb.vid`); personal data is passed wrapped in
/// ``Redacted`` and therefore prints as `<redacted>`.
public struct KioskLogHandler: LogHandler {
    /// Output style; chosen once from the environment by ``bootstrap(level:)``.
    public enum Style: Sendable { case journald, terminal }

    /// The level from ``LogLevelSource`` unless this handler's logger set its own.
    public var logLevel: Logger.Level {
        get { overrideLevel ?? levelSource.level }
        set { overrideLevel = newValue }
    }
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let levelSource: LogLevelSource
    private var overrideLevel: Logger.Level?
    private let style: Style
    private let sink: @Sendable (String) -> Void

    public init(label: String, levelSource: LogLevelSource, style: Style,
                sink: @escaping @Sendable (String) -> Void = KioskLogHandler.writeToStandardError) {
        self.label = label
        self.levelSource = levelSource
        self.style = style
        self.sink = sink
    }

    /// The style that fits this process's standard error.
    public static func detectStyle(environment: [String: String]? = nil) -> Style {
        (environment ?? ProcessInfo.processInfo.environment)["JOURNAL_STREAM"] != nil ? .journald : .terminal
    }

    /// Installs the handler for the whole process. Call once, from `main`; later changes of
    /// `levelSource` (a config reload) apply to every logger.
    public static func bootstrap(levelSource: LogLevelSource) {
        let style = detectStyle()
        LoggingSystem.bootstrap { label in KioskLogHandler(label: label, levelSource: levelSource, style: style) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = fields.isEmpty ? "\(event.message)" : "\(event.message) [\(fields)]"
        switch style {
        case .journald:
            sink("<\(Self.syslogPriority(event.level))>\(label): \(text)\n")
        case .terminal:
            sink("\(Self.timestamp()) \(event.level.rawValue.uppercased()) \(label): \(text)\n")
        }
    }

    /// syslog(3) priority of a swift-log level, as journald reads it from a `<N>` prefix.
    public static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    @Sendable public static func writeToStandardError(_ line: String) {
        FileHandle.standardError.write(Data(line.utf8))
    }

    private static func timestamp() -> String {
        Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
    }
}
