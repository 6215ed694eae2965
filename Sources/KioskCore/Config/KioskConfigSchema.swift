import HealthID
import Logging
import Sync

/// The layout of `kioskd.toml`: which tables and keys exist, their types, ranges and defaults.
/// Every section is read even when an earlier one failed, so that all problems are reported.
enum KioskConfigSchema {
    static func read(_ root: ConfigTableReader) -> KioskConfig? {
        let station = root.table("station", required: true).flatMap(readStation)
        let paths = readPaths(root.table("paths", required: false))
        let readers = readCardReaders(root.table("card_readers", required: false))
        let usb = readUSB(root.table("usb", required: false))
        let payments = root.table("payments", required: false).map(readPayments)
        let upstream = root.table("upstream", required: true).flatMap(readUpstream)
        let sync = readSync(root.table("sync", required: false))
        let localAPI = readLocalAPI(root.table("local_api", required: false))
        let control = readControl(root.table("control", required: false))
        let logging = readLogging(root.table("logging", required: false))
        let verification = readVerification(root.table("verification", required: false))

        guard let station, let paths, let readers, let usb, let upstream, let sync, let localAPI, let control, let logging else { return nil }
        if case .some(.none) = payments { return nil }
        var config = KioskConfig(station: station, paths: paths, cardReaders: readers, usbDevices: usb.devices, payments: payments ?? nil,
                                 upstream: upstream, sync: sync, localAPI: localAPI, control: control, logging: logging)
        config.verification = verification
        config.usbOptions = usb.options
        return config
    }

    private static func readStation(_ table: ConfigTableReader) -> KioskConfig.Station? {
        defer { table.finish() }
        let code = table.required("facility_code", .text(expected: "a 5-character facility code (letters and digits)") { code in
            code.count == 5 && code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) ? nil : "\"\(code)\" is not a 5-character code"
        })
        let name = table.required("name", .string)
        let kiosk = table.required("kiosk_id", .text(expected: "letters, digits, '-' or '_' (at most 32)") { id in
            !id.isEmpty && id.count <= 32 && id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
                ? nil : "\"\(id)\" has characters other than letters, digits, '-' and '_' or is too long"
        })
        guard let code, let name, let kiosk else { return nil }
        return .init(facilityCode: code, name: name, kioskID: kiosk)
    }

    private static func readPaths(_ table: ConfigTableReader?) -> KioskConfig.Paths? {
        defer { table?.finish() }
        let state = table?.optional("state_dir", .absolutePath, default: "/var/lib/health-kiosk") ?? "/var/lib/health-kiosk"
        let csca = table?.optional("csca_dir", .absolutePath, default: "/etc/health-kiosk/csca") ?? "/etc/health-kiosk/csca"
        return .init(stateDirectory: state, cscaDirectory: csca)
    }

    private static func readCardReaders(_ table: ConfigTableReader?) -> KioskConfig.CardReaders? {
        defer { table?.finish() }
        let patterns = table?.optional("name_patterns", .stringList, default: []) ?? []
        let preferred = table?.optional("preferred", .string)
        return .init(namePatterns: patterns, preferred: preferred)
    }

    private static func readUSB(_ table: ConfigTableReader?) -> (devices: [KioskConfig.USBDevice], options: KioskConfig.USBOptions)? {
        guard let table else { return ([], KioskConfig.USBOptions()) }
        defer { table.finish() }
        var options = KioskConfig.USBOptions()
        options.scannerLayout = table.optional("scanner_layout", .oneOf(["us", "fr", "de"].map { ($0, $0) }), default: options.scannerLayout)
        options.scannerAIMPrefix = table.optional("scanner_aim_prefix", .bool, default: options.scannerAIMPrefix)
        options.printerText = table.optional("printer_text", .oneOf(KioskConfig.USBOptions.PrinterText.allCases.map { ($0.rawValue, $0) }),
                                             default: options.printerText)
        options.printerCodePage = table.optional("printer_code_page", .int(in: 0...255), default: options.printerCodePage)
        options.printerFont = table.optional("printer_font", .absolutePath, default: options.printerFont)
        options.printerWidthDots = table.optional("printer_width_dots", .int(in: 128...1024), default: options.printerWidthDots)
        options.printerASCIIFolding = table.optional("printer_ascii_folding", .bool, default: options.printerASCIIFolding)
        options.ticketName = table.optional("ticket_name", .oneOf(KioskConfig.USBOptions.TicketName.allCases.map { ($0.rawValue, $0) }),
                                            default: options.ticketName)
        var devices: [KioskConfig.USBDevice] = []
        var failed = false
        for entry in table.tableArray("devices") {
            defer { entry.finish() }
            let family = entry.required("family", .oneOf(KioskConfig.USBFamily.allCases.map { ($0.rawValue, $0) }))
            let ids = entry.required("id", usbID)
            let serial = entry.optional("serial", .string)
            let interface = entry.optional("interface", .int(in: 0...255))
            guard let family, let ids else { failed = true; continue }
            devices.append(.init(family: family, vendorID: ids.vendor, productID: ids.product, serial: serial, interface: interface))
        }
        return failed ? nil : (devices, options)
    }

    /// `VVVV:PPPP`, four hex digits each.
    private static let usbID = ConfigField<USBIdentifier>(expected: "a USB id \"VVVV:PPPP\" (hex)") { value in
        guard case .string(let text) = value else { return .wrongType }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isASCIIHexDigit) }),
              let vendor = UInt16(parts[0], radix: 16), let product = UInt16(parts[1], radix: 16)
        else { return .invalid("\"\(text)\" is not VVVV:PPPP") }
        return .accepted(USBIdentifier(vendor: vendor, product: product))
    }

    private static func readUpstream(_ table: ConfigTableReader) -> KioskConfig.Upstream? {
        defer { table.finish() }
        let fhir = table.required("fhir_base_url", .url(schemes: ["https", "http"]))
        let portal = table.optional("bhxh_portal_url", .url(schemes: ["https", "http"]))
        let ca = table.optional("ca_file", .absolutePath)
        let cert = table.optional("client_certificate", .absolutePath)
        let key = table.optional("client_key", .absolutePath)
        let connect = table.optional("connect_timeout_seconds", .int(in: 1...120), default: 10)
        let request = table.optional("request_timeout_seconds", .int(in: 1...600), default: 30)
        let credentials = table.optional("bhxh_credentials_file", .absolutePath)
        let bhxhTimeout = table.optional("bhxh_timeout_ms", .int(in: 100...30_000), default: 3000)
        let identifier = table.optional("bhxh_identifier", .oneOf(InsuranceIdentifierKind.allCases.map { ($0.rawValue, $0) }), default: .cardCode)
        let cacheMinutes = table.optional("bhxh_cache_minutes", .int(in: 0...10_080), default: 60)
        let pins = table.optional("spki_pins", .spkiPins, default: [])
        if !pins.isEmpty, let fhir, !fhir.lowercased().hasPrefix("https:") {
            table.report(.invalidValue, key: "spki_pins", "pins are checked on TLS connections only (expected an https fhir_base_url)")
            return nil
        }
        if portal != nil && credentials == nil {
            table.report(.missingKey, key: "bhxh_credentials_file",
                         "bhxh_portal_url needs the portal account (expected the path of a credentials file, mode 0600)")
            return nil
        }
        if (cert == nil) != (key == nil) {
            table.report(.missingKey, key: cert == nil ? "client_certificate" : "client_key",
                         "client_certificate and client_key go together (expected both or neither)")
            return nil
        }
        guard let fhir else { return nil }
        return .init(fhirBaseURL: fhir, bhxhPortalURL: portal, bhxhCredentialsFile: credentials, bhxhTimeoutMilliseconds: bhxhTimeout,
                     bhxhIdentifier: identifier, bhxhCacheMinutes: cacheMinutes, caFile: ca, clientCertificate: cert, clientKey: key,
                     connectTimeoutSeconds: connect, requestTimeoutSeconds: request, spkiPins: pins)
    }

    private static func readSync(_ table: ConfigTableReader?) -> KioskConfig.Sync? {
        defer { table?.finish() }
        let batch = table?.optional("batch_size", .int(in: 1...1000), default: 100) ?? 100
        let interval = table?.optional("interval_seconds", .int(in: 1...3600), default: 30) ?? 30
        let retention = table?.optional("retention_days", .int(in: 0...3650), default: 30) ?? 30
        let write = table?.optional("fhir_write", .oneOf(FHIRWriteMode.allCases.map { ($0.rawValue, $0) }), default: .conditionalCreate)
            ?? .conditionalCreate
        return .init(batchSize: batch, intervalSeconds: interval, retentionDays: retention, fhirWrite: write)
    }

    private static func readLocalAPI(_ table: ConfigTableReader?) -> KioskConfig.LocalAPI? {
        defer { table?.finish() }
        let bind = table?.optional("bind", loopbackAddress, default: LoopbackAddress(host: "127.0.0.1", port: 8080))
            ?? LoopbackAddress(host: "127.0.0.1", port: 8080)
        var staff: [KioskConfig.StaffCredential] = []
        var failed = false
        for entry in table?.tableArray("staff") ?? [] {
            defer { entry.finish() }
            let user = entry.required("username", .text(expected: "a user name of letters, digits, '.', '-' or '_'") { name in
                !name.isEmpty && name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) })
                    ? nil : "\"\(name)\" is not a valid user name"
            })
            let hash = entry.required("password_hash", .text(expected: "pbkdf2-sha256$<iterations ≥ 100000>$<salt base64>$<hash base64>",
                                                             problem: PasswordHashFormat.problem))
            guard let user, let hash else { failed = true; continue }
            if staff.contains(where: { $0.username == user }) {
                entry.report(.invalidValue, key: "username", "\"\(user)\" is listed twice (expected unique user names)")
                failed = true
            }
            staff.append(.init(username: user, passwordHash: hash))
        }
        return failed ? nil : .init(host: bind.host, port: bind.port, staff: staff)
    }

    /// `host:port` on a loopback address: the local API is never reachable from the network.
    private static let loopbackAddress = ConfigField<LoopbackAddress>(expected: "a loopback address \"127.0.0.1:PORT\" or \"[::1]:PORT\"") { value in
        guard case .string(let text) = value else { return .wrongType }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) else {
            return .invalid("\"\(text)\" is not host:port")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let octets = host.split(separator: ".")
        let isLoopback = host == "::1" || host == "localhost" || (octets.count == 4 && octets.first == "127" && octets.allSatisfy { UInt8($0) != nil })
        guard isLoopback else { return .invalid("\"\(host)\" is not a loopback address; the local API must not listen on the network") }
        guard (1...65535).contains(port) else { return .outOfRange("port \(port) is outside 1...65535") }
        return .accepted(LoopbackAddress(host: host, port: port))
    }

    private static func readControl(_ table: ConfigTableReader?) -> KioskConfig.Control? {
        defer { table?.finish() }
        let socket = table?.optional("socket", .absolutePath, default: ControlSocketDefaults.path) ?? ControlSocketDefaults.path
        let group = table?.optional("socket_group", .string, default: "kiosk") ?? "kiosk"
        if socket.utf8.count > 107 {
            table?.report(.invalidValue, key: "socket", "the path is \(socket.utf8.count) bytes (expected at most 107, the Unix socket limit)")
            return nil
        }
        return .init(socketPath: socket, socketGroup: group)
    }

    private static func readLogging(_ table: ConfigTableReader?) -> KioskConfig.Logging? {
        defer { table?.finish() }
        let levels: [(String, Logger.Level)] = Logger.Level.allCases.map { ($0.rawValue, $0) }
        let level = table?.optional("level", .oneOf(levels), default: .info) ?? .info
        return .init(level: level)
    }
}

/// A USB vendor and product id pair.
struct USBIdentifier: Sendable {
    var vendor: UInt16
    var product: UInt16
}

/// A host and port the local API binds to.
struct LoopbackAddress: Sendable {
    var host: String
    var port: Int
}

/// Default path of the control socket.
public enum ControlSocketDefaults {
    public static let path = "/run/health-kiosk/control.sock"
}
