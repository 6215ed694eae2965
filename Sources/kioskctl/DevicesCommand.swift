import ArgumentParser
import Foundation
import KioskBase
import KioskCore
import Synchronization
import USBDevices

/// `kioskctl devices`: the USB peripherals (QR scanner, receipt printer, payment terminal) as
/// libusb sees them, matched against the device table. With `--watch` it runs the device
/// manager itself (stop kioskd first: only one process can claim a device) and prints every
/// state change, scan, test print and test payment, for bring-up and diagnosis.
struct Devices: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the USB scanner, printer and payment terminal; --watch follows them (stop kioskd first).")

    @Flag(name: .long, help: "Print JSON (one object per line with --watch).")
    var json = false

    @Option(name: .long, help: "Follow hot-plug, scans and status for this many seconds (0: until interrupted).")
    var watch: Double?

    @Flag(name: .long, help: "With --watch: print the scanned content (personal data: use only with test cards).")
    var showContent = false

    @Flag(name: .long, help: "With --watch: print a test ticket on each printer when it is ready.")
    var printTest = false

    @Option(name: .long, help: "With --watch: run a sale of this many đồng on each payment terminal.")
    var pay: Int?

    @Option(name: .long, help: "Message protocol of the payment terminal: concert-e (Ingenico) or poslink (PAX).")
    var terminalProtocol = "concert-e"

    @Option(name: .long, help: "kioskd config file: its [[usb.devices]] are pinned (matched first, listed even when missing), its [usb] options apply.")
    var config: String?

    @Option(name: .long, help: "Keyboard layout of scanners in keyboard mode: us, fr, de (default: the config's, else us).")
    var layout: String?

    @Option(name: .long, help: ArgumentHelp("Time printed on the test ticket (Unix seconds), for byte-exact comparisons.", visibility: .hidden))
    var ticketTime: Double?

    func run() throws {
        let loaded = try loadConfig()
        let pinned = loaded.map { $0.pinnedUSBDevices(source: config ?? "") } ?? []
        let table = DeviceTable.standard(overrides: pinned)
        let options = loaded?.usbOptions ?? KioskConfig.USBOptions()
        guard let watch else {
            let devices: [DeviceStatus]
            do { devices = try DeviceList.current(table: table, pinned: pinned) } catch {
                FileHandle.standardError.write(Data("kioskctl: \(error.detail)\n".utf8))
                throw ExitCode.failure
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(devices), as: UTF8.self))
            } else if devices.isEmpty {
                print("no USB devices")
            } else {
                for d in devices {
                    print("\(d.location)  \(d.id)  \(d.family?.rawValue ?? "-")  \(d.state.rawValue)  \(d.model ?? "not in the device table")\(d.lastError.map { "  (\($0))" } ?? "")")
                }
            }
            return
        }
        let layoutName = layout ?? options.scannerLayout
        guard let keyboard = KeyboardLayout.named(layoutName) else {
            throw ValidationError("unknown keyboard layout '\(layoutName)' (expected us, fr or de)")
        }
        let messages: any TerminalMessageProtocol
        switch terminalProtocol {
        case "concert-e": messages = ConcertProtocolE()
        case "poslink": messages = PAXPOSLink()
        default: throw ValidationError("unknown terminal protocol '\(terminalProtocol)' (expected concert-e or poslink)")
        }
        let watcher = DeviceWatcher(table: table, messages: messages, json: json, showContent: showContent, printTest: printTest, pay: pay,
                                    scanner: ScannerDriver.Options(layout: keyboard, aimPrefix: options.scannerAIMPrefix),
                                    profile: loaded == nil ? .epsonTM : options.printerProfile,
                                    ticketTime: ticketTime.map { Date(timeIntervalSince1970: $0) })
        try watcher.run(seconds: watch)
    }

    /// The `--config` file, checked as kioskd checks it.
    private func loadConfig() throws -> KioskConfig? {
        guard let config else { return nil }
        do { return try ConfigLoader.load(path: config) } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(78)  // sysexits.h EX_CONFIG
        }
    }
}

/// The `--watch` loop: ``Peripherals`` (the device manager with the driver of each family, as kioskd
/// uses it), printing every status change, scan, test print and test payment.
struct DeviceWatcher: Sendable {
    let table: DeviceTable
    let messages: any TerminalMessageProtocol
    let json: Bool
    let showContent: Bool
    let printTest: Bool
    let pay: Int?
    let scanner: ScannerDriver.Options
    let profile: PrinterProfile
    let ticketTime: Date?
    private static let output = Mutex(())

    func run(seconds: Double) throws {
        let options = Peripherals.Options(scanner: scanner, terminalProtocol: messages, answerTimeout: .seconds(120))
        let peripherals = Peripherals(table: table, options: options)
        let updates = peripherals.manager.updates()
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        let task = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await status in updates {
                        emit(["event": "status", "id": status.id, "location": status.location, "family": status.family?.rawValue ?? "",
                              "state": status.state.rawValue, "error": status.lastError ?? ""])
                    }
                }
                group.addTask {
                    for await scan in peripherals.scans { report(scan) }
                }
                group.addTask {
                    for await device in peripherals.ready {
                        switch device {
                        case .printer(let printer): if printTest { await printTestTicket(printer) }
                        case .terminal(let terminal): if let pay { await payment(terminal, amount: pay) }
                        }
                    }
                }
                group.addTask {
                    do throws(USBError) { try await peripherals.run() } catch {
                        failure.error.withLock { $0 = error }
                    }
                }
                await group.next()
                group.cancelAll()
            }
            done.signal()
        }
        if seconds > 0 {
            if done.wait(timeout: .now() + seconds) == .timedOut {
                task.cancel()
                done.wait()
            }
        } else {
            done.wait()
        }
        if let error = failure.error.withLock({ $0 }) {
            FileHandle.standardError.write(Data("kioskctl: \(error.detail)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Where the manager's task leaves the error that stopped it.
    private final class FailureBox: Sendable {
        let error = Mutex<USBError?>(nil)
    }

    private func report(_ scan: Peripherals.Scan) {
        var fields: [String: String] = ["event": "scan", "id": scan.device.id, "location": scan.device.location, "kind": scan.event.kindLabel,
                                        "symbology": scan.event.symbology ?? "", "length": String(scan.event.bytes.count),
                                        "t": String(Self.monotonic())]
        if showContent { fields["content"] = scan.event.text?.unredacted ?? scan.event.bytes.map { String(format: "%02x", $0) }.joined() }
        emit(fields)
    }

    private func printTestTicket(_ printer: ReceiptPrinter) async {
        let id = printer.device.description.id
        do {
            let started = Self.monotonic()
            let status = try await printer.status()
            let bytes = try Self.testTicket(time: ticketTime ?? Date()).render(profile: profile, masking: .hidden)
            if let status, !status.canPrint {
                emit(["event": "printer-status", "id": id, "alerts": status.alerts.joined(separator: ",")])
            } else {
                let transfers = try await printer.print(bytes)
                emit(["event": "printed", "id": id, "bytes": String(bytes.count), "transfers": String(transfers),
                      "status": status.map { $0.alerts.isEmpty ? "ok" : $0.alerts.joined(separator: ",") } ?? "no answer",
                      "seconds": String(Self.monotonic() - started)])
            }
        } catch {
            printer.device.report(error)
            emit(["event": "error", "id": id, "error": error.description])
        }
    }

    private func payment(_ terminal: PaymentTerminal, amount: Int) async {
        let id = terminal.device.description.id
        do {
            let result = try await terminal.perform(TerminalRequest(kind: .sale, amount: amount, reference: "KIOSKCTL"))
            emit(["event": "payment", "id": id, "outcome": result.outcome.rawValue, "amount": String(result.amount), "reference": result.reference])
        } catch {
            terminal.device.report(error)
            emit(["event": "error", "id": id, "error": error.description])
        }
    }

    /// The ticket `--print-test` prints.
    static func testTicket(time: Date) -> Ticket {
        Ticket(stationName: "Trạm Y tế - bản in thử", queueNumber: "A-001", service: "Kiểm tra máy in",
               time: time, residentName: nil, visitReference: "TEST-0001")
    }

    static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private func emit(_ fields: [String: String]) {
        let line: String
        if json {
            let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        } else {
            line = fields.sorted { $0.key < $1.key }.filter { !$0.value.isEmpty }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        Self.output.withLock { _ in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}
