import DeviceSim
import Foundation
import KioskCore
import Payments
import Store
import USBDevices

/// payment-crash-peer: the kiosk side of the payment crash tests, a process the test kills with
/// SIGKILL in the middle of a payment and starts again. It opens the store in a state directory
/// and drives the payment desk with the production code: the ECR link and Concert Protocol E
/// to a simulated terminal served on a Unix socket by the test process, the transfer poller to
/// a loopback station server.
///
///     payment-crash-peer charge  STATE_DIR TERMINAL_SOCKET PAYMENT_ID   charge a card payment
///     payment-crash-peer recover STATE_DIR TERMINAL_SOCKET              settle interrupted sales
///     payment-crash-peer poll    STATE_DIR URL [--forever]              confirm VietQR transfers
///
/// Prints one line with the outcome and exits 0, or prints the error and exits 1.
@main
enum PaymentCrashPeer {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            guard arguments.count >= 3 else { throw Usage() }
            let database = try KioskDatabase(stateDirectory: arguments[1])
            switch arguments[0] {
            case "charge" where arguments.count == 4:
                let payment = try await desk(database, terminalSocket: arguments[2]).chargeCard(PaymentID(rawValue: arguments[3]))
                print("charge: \(payment.status.rawValue)")
            case "recover":
                let unresolved = try await desk(database, terminalSocket: arguments[2]).recover()
                print("recover: \(unresolved.count) unresolved")
            case "poll":
                let poller = try TransferPoller(url: arguments[2], desk: desk(database, terminalSocket: nil))
                repeat {
                    let outcomes = try await poller.poll()
                    print("poll: \(outcomes.count) transfer(s)")
                    fflush(nil)
                } while arguments.contains("--forever")
            default:
                throw Usage()
            }
            try database.close()
        } catch {
            print("error: \(error)")
            exit(1)
        }
    }

    static func desk(_ database: KioskDatabase, terminalSocket: String?) throws -> PaymentDesk {
        var terminal: (any CardTerminalLink)?
        if let terminalSocket {
            let transport = try SocketUSBTransport(path: terminalSocket)
            let link = ECRLink(transport: transport, input: USBEndpoint(address: 0x81, kind: .bulk), output: USBEndpoint(address: 0x02, kind: .bulk),
                               timeouts: ECRLink.Timeouts(acknowledge: .milliseconds(500), frame: .milliseconds(500)))
            terminal = ECRCardLink(link: link, answerTimeout: .seconds(10))
        }
        return PaymentDesk(database: database, fees: try FeeTable(["kham-benh": 30_000]), vietQRAccount: nil, terminal: terminal)
    }

    struct Usage: Error, CustomStringConvertible {
        var description: String { "usage: payment-crash-peer charge|recover STATE_DIR TERMINAL_SOCKET [PAYMENT_ID] | poll STATE_DIR URL [--forever]" }
    }
}
