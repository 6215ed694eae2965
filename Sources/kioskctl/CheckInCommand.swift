import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl checkin --can N`: the running daemon checks in the card in the reader as a resident's
/// scan would (read, genuineness, records, ticket, insurance), so a technician proves the whole
/// path on a kiosk. It opens a real visit with a queue number. Prints no personal data.
struct CheckInCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkin",
        abstract: "Check in the card in the reader through the running daemon: a real visit with its queue number and ticket.")
    @OptionGroup var connection: DaemonConnection
    @Option(name: .long, help: "The card's CAN: the last six digits of the ID number.") var can: String
    @Option(name: .long, help: "The reader (default: the configured readers).") var reader: String?
    @Option(name: .long, help: "The service of the visit.") var service = CheckInControlRequest.defaultService
    @Option(name: .long, help: "Seconds to wait for the card (1-300).") var wait = 10
    @Flag(name: .long, help: "Print JSON instead of text.") var json = false

    func run() throws {
        let request = ControlRequest(command: "checkin",
                                     checkIn: CheckInControlRequest(can: can, reader: reader, service: service, waitSeconds: wait))
        guard let answer = try connection.request(request, timeoutSeconds: wait + 20).checkIn else {
            FileHandle.standardError.write(Data("kioskctl: the daemon's answer has no check-in\n".utf8))
            throw ExitCode.failure
        }
        if json {
            print(try ControlJSON.pretty(answer))
            return
        }
        print("queue number \(answer.queueNumber) (\(answer.day)), visit \(answer.visitID), service \(answer.service)")
        print("card: \(answer.decision)\(answer.warnings.isEmpty ? "" : " (\(answer.warnings.joined(separator: "; ")))"), "
              + "\(answer.apdus) APDUs in \(answer.elapsedMs) ms\(answer.registeredFromCard ? ", resident added to the registry from the card" : "")")
        print("ticket: \(answer.ticket)")
        print("insurance: \(answer.insuranceSource.map { "\($0)\(answer.insuranceResult.map { " (maKetQua \($0))" } ?? "")" } ?? "no portal configured")")
    }
}
