import ArgumentParser
import Foundation
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// `kioskctl payments`: the day's payments, starting one for a visit, void, refund, confirm by
/// hand, and the end-of-day report (`--csv`).
///
/// Staff actions need the staff member's own login from `[[local_api.staff]]`: `--staff NAME`,
/// and the password typed at the prompt (or the first line of standard input when it is not a
/// terminal). The daemon checks it and records the name on every change it makes.
struct Payments: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Payments: list, start, cancel, void, refund, confirm, resolve, report.",
        subcommands: [List.self, Start.self, Cancel.self, VoidPayment.self, Refund.self, Confirm.self, Resolve.self, Report.self],
        defaultSubcommand: List.self
    )

    /// The staff login of an action.
    struct StaffLogin: ParsableArguments {
        @Option(name: .long, help: "Your staff username ([[local_api.staff]] in the config); the password is asked for.")
        var staff: String

        func request(_ fill: (inout PaymentControlRequest) -> Void) -> PaymentControlRequest {
            var request = PaymentControlRequest(staff: staff, password: Self.password())
            fill(&request)
            return request
        }

        static func password() -> String {
            if isatty(STDIN_FILENO) == 1, let typed = getpass("Password: ") { return String(cString: typed) }
            return readLine(strippingNewline: true) ?? ""
        }
    }

    static func send(_ connection: DaemonConnection, _ command: String, _ payment: PaymentControlRequest, json: Bool,
                     timeoutSeconds: Int = 10) throws -> PaymentControlAnswer {
        let answer = try connection.request(ControlRequest(command: command, payment: payment), timeoutSeconds: timeoutSeconds).payments
            ?? PaymentControlAnswer()
        if json { print(try ControlJSON.pretty(answer)) }
        return answer
    }

    static func printPayments(_ payments: [PaymentSummary]) {
        for p in payments {
            let reference = p.bankReference.map { " bank \($0)" } ?? p.terminalReference.map { " terminal \($0)" } ?? ""
            print("\(p.id)  \(p.billNumber)  \(p.method.padding(toLength: 6, withPad: " ", startingAt: 0)) \(p.status.padding(toLength: 9, withPad: " ", startingAt: 0)) \(p.amountVND) đồng\(reference)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The payments of a station day (today by default).")
        @OptionGroup var connection: DaemonConnection
        @Option(name: .long, help: "Station day YYYY-MM-DD.") var day: String?
        @Flag(name: .long, help: "Print JSON instead of text.") var json = false

        func run() throws {
            let answer = try Payments.send(connection, "payments.list", PaymentControlRequest(day: day), json: json)
            if !json { Payments.printPayments(answer.payments ?? []) }
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a payment for a visit: a VietQR code to show, or a sale on the card terminal.")
        @OptionGroup var connection: DaemonConnection
        @OptionGroup var login: StaffLogin
        @Option(name: .long, help: "The visit's id.") var visit: String
        @Option(name: .long, help: "vietqr, card or cash.") var method: String
        @Option(name: .long, help: "Service in the fee table.") var service: String?
        @Option(name: .long, help: "Amount in whole đồng, instead of a service's fee.") var amount: Int64?
        @Flag(name: .long, help: "Print JSON instead of text.") var json = false

        func run() throws {
            let key = UUID().uuidString
            let request = login.request { $0.visitID = visit; $0.method = method; $0.service = service; $0.amountVND = amount; $0.attemptKey = key }
            // A card sale waits for the resident at the terminal.
            let answer = try Payments.send(connection, "payments.start", request, json: json, timeoutSeconds: method == "card" ? 240 : 10)
            guard !json else { return }
            Payments.printPayments(answer.payments ?? [])
            if let payload = answer.vietQRPayload { print("VietQR: \(payload)") }
        }
    }

    /// An action on one payment.
    struct OnePayment: ParsableArguments {
        @OptionGroup var connection: DaemonConnection
        @OptionGroup var login: StaffLogin
        @Argument(help: "The payment's id.") var payment: String
        @Flag(name: .long, help: "Print JSON instead of text.") var json = false

        func run(_ command: String, bankReference: String? = nil, timeout: Int = 10) throws {
            let answer = try Payments.send(connection, command, login.request { $0.paymentID = payment; $0.bankReference = bankReference }, json: json,
                                           timeoutSeconds: timeout)
            if !json { Payments.printPayments(answer.payments ?? []) }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a payment not yet paid.")
        @OptionGroup var target: OnePayment
        func run() throws { try target.run("payments.cancel") }
    }

    struct VoidPayment: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "void", abstract: "Void a paid payment (card: cancel on the terminal).")
        @OptionGroup var target: OnePayment
        @Option(name: .long, help: "Bank reference of the money given back (VietQR, cash).") var bankReference: String?
        func run() throws { try target.run("payments.void", bankReference: bankReference, timeout: 240) }
    }

    struct Refund: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refund a paid payment (card: refund on the terminal).")
        @OptionGroup var target: OnePayment
        @Option(name: .long, help: "Bank reference of the money given back (VietQR, cash).") var bankReference: String?
        func run() throws { try target.run("payments.refund", bankReference: bankReference, timeout: 240) }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Confirm by hand that a VietQR transfer arrived, with the bank's reference.")
        @OptionGroup var target: OnePayment
        @Option(name: .long, help: "The bank's reference of the transfer.") var bankReference: String
        func run() throws { try target.run("payments.confirm", bankReference: bankReference) }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ask the card terminal how a sale left open ended.")
        @OptionGroup var target: OnePayment
        func run() throws { try target.run("payments.resolve", timeout: 240) }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End-of-day report: totals by method and status, references, terminal totals, differences.")
        @OptionGroup var connection: DaemonConnection
        @Option(name: .long, help: "Station day YYYY-MM-DD.") var day: String?
        @Flag(name: .long, help: "Print the payments as CSV (RFC 4180).") var csv = false
        @Flag(name: .long, help: "Print the totals as CSV.") var totalsCSV = false
        @Flag(name: .long, help: "Print JSON instead of text.") var json = false

        func run() throws {
            let answer = try Payments.send(connection, "payments.report", PaymentControlRequest(day: day, csv: csv || totalsCSV), json: json)
            guard !json else { return }
            if csv { print(answer.csv ?? "", terminator: ""); return }
            if totalsCSV { print(answer.totalsCSV ?? "", terminator: ""); return }
            guard let report = answer.report else { return }
            print("day \(report.day): collected \(report.collectedVND) đồng")
            for total in report.totals { print("  \(total.method) \(total.status.rawValue): \(total.count), \(total.amountVND) đồng") }
            print("terminal: \(report.terminal.salesCount) sales, \(report.terminal.salesVND) đồng; \(report.terminal.reversedCount) reversed, \(report.terminal.reversedVND) đồng")
            print("VietQR references: \(report.vietQRReferences.count)")
            for reference in report.vietQRReferences { print("  \(reference.billNumber) \(reference.bankReference) \(reference.amountVND) đồng \(reference.status.rawValue)") }
            print("differences: \(report.differences.isEmpty ? "none" : String(report.differences.count))")
            for difference in report.differences { print("  \(difference.billNumber) \(difference.kind): \(difference.detail)") }
        }
    }
}
