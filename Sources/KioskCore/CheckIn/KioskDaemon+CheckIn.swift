import EMRTD
import Foundation
import KioskBase
import Logging
import HealthID
import Store

extension KioskDaemon {
    /// The check-in desk: the trust store of `paths.csca_dir`, the `[verification]` policy, the
    /// kiosk's secret, the insurance portal when configured and the USB service's printer. A
    /// trust store that cannot be loaded is logged and left out (passive authentication is then
    /// `notChecked`, which the policy decides); a missing kiosk secret leaves the desk out.
    func makeCheckIn(database: KioskDatabase, printer: ConnectedPrinter, logger: Logger) -> CheckInDesk? {
        let secret: KioskSecret
        do {
            secret = try KioskSecret.load(stateDirectory: config.paths.stateDirectory)
        } catch {
            logger.error("check-in: unavailable: \(error)")
            return nil
        }
        var trustStore: TrustStore?
        do {
            let store = try TrustStore(directory: URL(fileURLWithPath: config.paths.cscaDirectory))
            for problem in store.problems { logger.warning("check-in: trust store: \(problem)") }
            trustStore = store
        } catch {
            logger.error("check-in: no CSCA trust store: \(error)")
        }
        var insurance: InsuranceChecker?
        do {
            insurance = try InsuranceSetup.checker(config: config, database: database)
        } catch {
            logger.error("check-in: no insurance checks: \(error)")
        }
        let flow = CheckInFlow(database: database, trustStore: trustStore,
                               settings: .init(station: config.station, verification: config.verification),
                               secret: secret, insurance: insurance, printer: printer)
        return CheckInDesk(flow: flow, readers: config.cardReaders, logger: Logger(label: "kioskd.checkin"))
    }

    /// A scanned CCCD front QR starts a check-in with its CAN (the ID number's last six digits)
    /// for the card the resident puts on the reader; the desk logs the outcome.
    static func checkInOnScan(_ desk: CheckInDesk) -> @Sendable (Redacted<String>) async -> Void {
        { citizenID in
            guard let key = try? AccessKey.can(String(citizenID.unredacted.suffix(6))) else { return }
            _ = try? await desk.checkIn(key: key, service: CheckInControlRequest.defaultService)
        }
    }
}
