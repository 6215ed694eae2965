import ArgumentParser
import Foundation
import Glibc
import VirtualCard

/// virtual-cccd: a virtual chip citizen ID card (CCCD) in pcscd's vpcd reader, built from a
/// resident profile, served until the process is stopped.
@main
struct VirtualCCCDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "virtual-cccd",
        abstract: "Put a virtual CCCD into pcscd's vpcd reader and answer like the chip until stopped."
    )

    /// `--tamper`: what to damage after EF.SOD is signed.
    enum TamperArgument: String, ExpressibleByArgument, CaseIterable {
        case dg1, dg2, dg13, dg14, dg15, sod
    }

    /// `--active-auth`: the DG15 key.
    enum ActiveAuthenticationArgument: String, ExpressibleByArgument, CaseIterable {
        case rsa, ecdsa, none
    }

    @Option(help: "Resident profile (JSON); photo and key paths in it are relative to the file.")
    var profile: String

    @Option(help: "vpcd port: 35963 is reader 'Virtual PCD 00 00', 35964 is 'Virtual PCD 00 01'.")
    var port: UInt16 = VPCDClient.firstReaderPort

    @Option(name: .customLong("remove-after"), help: "Leave the reader when the command after this many APDUs arrives.")
    var removeAfter: Int?

    @Option(name: .customLong("reinsert-after-ms"), help: "After --remove-after, come back after this many milliseconds.")
    var reinsertAfterMilliseconds: Int = 1000

    @Option(help: "Damage a file after signing EF.SOD (dg1, dg2, dg13, dg14, dg15, sod).")
    var tamper: [TamperArgument] = []

    @Option(help: "Document Signer file stem in the profile's pki directory (ds, ds-bp, ds-rsa, ds-expired, ds-revoked, ds-unknown).")
    var signer: String = "ds"

    @Option(name: .customLong("active-auth"), help: "Active-authentication key in DG15: rsa, ecdsa or none (no DG15).")
    var activeAuthentication: ActiveAuthenticationArgument = .rsa

    @Flag(help: "Act as a clone: the chip lacks the private key of DG14's chip-authentication key.")
    var clone = false

    func run() throws {
        Self.unblockStopSignals()
        let card: VirtualCCCD
        do {
            let resident = try VirtualCCCDProfile.load(from: URL(fileURLWithPath: profile))
            var keys = VirtualCCCD.Keys()
            keys.documentSigner = signer
            keys.activeAuthentication = VirtualCCCD.ActiveAuthenticationKey(rawValue: activeAuthentication.rawValue) ?? .rsa
            keys.clone = clone
            card = try VirtualCCCD(profile: resident, tamper: Set(tamper.compactMap { VirtualCCCD.Tamper(rawValue: $0.rawValue) }),
                                   keys: keys)
        } catch {
            Self.fail(error)
        }
        let options = VPCDClient.Options(port: port, removeAfter: removeAfter,
                                         reinsertAfter: .milliseconds(reinsertAfterMilliseconds))
        let client: VPCDClient
        do {
            client = VPCDClient(applet: try card.applet(), options: options)
            try client.insert()
        } catch {
            Self.fail(error)
        }
        FileHandle.standardError.write(Data("virtual-cccd: card in reader \"\(client.readerName)\"\n".utf8))
        // vpcd drops the card when pcscd restarts: put it back in.
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            if !client.isInserted { try? client.insert() }
        }
    }

    /// A parent may have blocked SIGTERM and SIGINT (the mask is inherited across exec); the
    /// card must leave the reader when it is told to stop.
    private static func unblockStopSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    private static func fail(_ error: any Error) -> Never {
        let line = (error as? VirtualCardError).map { "\($0.code): \($0.detail)" } ?? "\(error)"
        FileHandle.standardError.write(Data("virtual-cccd: \(line)\n".utf8))
        Foundation.exit(1)
    }
}
