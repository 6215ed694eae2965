import ArgumentParser
import Foundation
import Payments

/// `kioskctl vietqr`: build and read VietQR payment codes offline, without the daemon.
struct VietQR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vietqr",
        abstract: "Build or parse VietQR (NAPAS 247) payment codes.",
        subcommands: [VietQRMake.self, VietQRParse.self]
    )

    /// sysexits.h EX_DATAERR: the input is malformed.
    static let exitDataError: Int32 = 65

    /// Prints one line for `error` on standard error and returns the exit code to throw.
    static func fail(_ error: PaymentsError) -> ExitCode {
        FileHandle.standardError.write(Data("kioskctl: \(error.code): \(error.detail)\n".utf8))
        return ExitCode(exitDataError)
    }
}

/// `kioskctl vietqr make`: prints a payload, and writes its QR image when asked.
struct VietQRMake: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "make", abstract: "Print a VietQR payload; optionally write it as PNG or SVG.")

    /// `--service`: what the beneficiary number is.
    enum ServiceArgument: String, ExpressibleByArgument, CaseIterable {
        case account, card
    }

    @Option(help: "Beneficiary bank's 6-digit NAPAS BIN.") var bin: String
    @Option(help: "Account or card number (at most 19 characters).") var account: String
    @Option(help: "What --account is: account or card.") var service: ServiceArgument
    @Option(help: "Amount in whole VND; makes a dynamic (one-time) code.") var amount: UInt64?
    @Option(help: "Bill number (tag 62.01).") var bill: String?
    @Option(help: "Purpose of the transfer; Vietnamese diacritics are folded (at most 25 characters).") var purpose: String?
    @Option(help: "Merchant name (at most 25 characters).") var name: String?
    @Option(help: "Merchant city (at most 15 characters).") var city: String?
    @Option(help: "Write a PNG of about 300 pixels to this file.") var png: String?
    @Option(help: "Write an SVG to this file.") var svg: String?

    func run() throws {
        let payload = VietQRPayload(bankBIN: bin, accountNumber: account, service: service == .card ? .card : .account,
                                    amount: amount, billNumber: bill, purpose: purpose, merchantName: name, merchantCity: city)
        do {
            let text = try payload.encoded()
            print(text)
            guard png != nil || svg != nil else { return }
            let matrix = try QRCodeMatrix(encoding: text)
            if let png { try write(Data(try matrix.png(side: 300)), to: png) }
            if let svg { try write(Data(matrix.svg(layout: try QRLayout(scale: 8)).utf8), to: svg) }
        } catch let error as PaymentsError {
            throw VietQR.fail(error)
        }
    }

    private func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            FileHandle.standardError.write(Data("kioskctl: cannot write \(path): \(error.localizedDescription)\n".utf8))
            throw ExitCode(73) // sysexits.h EX_CANTCREAT
        }
    }
}

/// `kioskctl vietqr parse`: prints a payload's fields as JSON, or the first error.
struct VietQRParse: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Check a VietQR payload and print its fields as JSON.")

    @Argument(help: "The payload text, as a scanner reads it.") var payload: String

    func run() throws {
        let parsed: VietQRPayload
        do throws(PaymentsError) {
            parsed = try VietQRPayload(parsing: payload)
        } catch {
            throw VietQR.fail(error)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(parsed), as: UTF8.self))
    }
}
