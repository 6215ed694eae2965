public import Foundation
import AsyncHTTPClient
import NIOCore
import Synchronization

/// Confirms VietQR transfers by asking the station server: `GET <url>?since=<cursor>` answers
/// the transfers received since the last poll (see the body format on ``PaymentDesk``'s
/// transfer list). Each transfer is applied through ``PaymentDesk/confirmTransfer(_:source:)``;
/// a transfer seen before (same bank reference) changes nothing, so polling again from the start
/// after a restart is safe.
public final class TransferPoller: Sendable {
    /// The station server's transfer endpoint.
    public let url: String
    let desk: PaymentDesk
    let timeout: Duration
    let cursor = Mutex<String?>(nil)

    /// A poller of `url` (http or https) applying transfers to `desk`.
    public init(url: String, desk: PaymentDesk, timeout: Duration = .seconds(10)) throws {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw PaymentDeskError(.invalidInput, "transfer feed URL \"\(url.prefix(80))\": expected an http(s) URL")
        }
        self.url = url
        self.desk = desk
        self.timeout = timeout
    }

    /// One poll: fetches the new transfers and applies them, in the server's order.
    @discardableResult
    public func poll() async throws -> [TransferOutcome] {
        var target = url
        if let since = cursor.withLock({ $0 }) {
            let escaped = since.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? since
            target += (url.contains("?") ? "&" : "?") + "since=" + escaped
        }
        var request = HTTPClientRequest(url: target)
        request.headers.add(name: "Accept", value: "application/json")
        let body: ByteBuffer
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds * 1_000_000_000)))
            guard response.status.code == 200 else {
                throw PaymentDeskError(.invalidInput, "transfer feed \(url): HTTP \(response.status.code) (expected 200)")
            }
            body = try await response.body.collect(upTo: 4 << 20)
        } catch let error as PaymentDeskError {
            throw error
        } catch {
            throw PaymentDeskError(.invalidInput, "transfer feed \(url): \(error)")
        }
        let list = try TransferList.decode(Data(body.readableBytesView), from: "transfer feed \(url)")
        var outcomes: [TransferOutcome] = []
        for item in list.transfers {
            outcomes.append(try await desk.confirmTransfer(
                ReportedTransfer(billNumber: item.billNumber, amountVND: item.amountVND, bankReference: item.bankReference),
                source: "station-server"))
        }
        if let next = list.cursor { cursor.withLock { $0 = next } }
        return outcomes
    }
}

extension PaymentDesk {
    /// Applies the body of a station-server callback (the same JSON as a poll's answer).
    public func confirmCallback(_ body: Data) async throws -> [TransferOutcome] {
        let list = try TransferList.decode(body, from: "transfer callback")
        var outcomes: [TransferOutcome] = []
        for item in list.transfers {
            outcomes.append(try await confirmTransfer(
                ReportedTransfer(billNumber: item.billNumber, amountVND: item.amountVND, bankReference: item.bankReference), source: "callback"))
        }
        return outcomes
    }
}
