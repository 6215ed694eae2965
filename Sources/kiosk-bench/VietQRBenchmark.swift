import Foundation
import Payments

/// Dynamic VietQR payload build, parse, and QR render to a PNG of about 300 pixels: the median of
/// many runs each (target: build + render under 5 ms).
enum VietQRBenchmark {
    static let iterations = 2000

    static func run() async throws {
        let payload = VietQRPayload(bankBIN: "970403", accountNumber: "9704031101234567", service: .card,
                                    amount: 180_000, billNumber: "NPS6869", purpose: "Khám bệnh Đông Hà",
                                    merchantName: "TRAM Y TE DONG HA", merchantCity: "QUANG TRI")
        let text = try payload.encoded()

        let build = try median { _ = try payload.encoded() }
        let parse = try median { _ = try VietQRPayload(parsing: text) }
        var side = 0
        let render = try median { side = try PNGSide.of(QRCodeMatrix(encoding: text).png(side: 300)) }
        let total = try median { _ = try QRCodeMatrix(encoding: payload.encoded()).png(side: 300) }

        print("payload: \(text.utf8.count) bytes; PNG \(side)×\(side) px")
        print(String(format: "build %.1f µs, parse %.1f µs, QR + PNG render %.3f ms (median of %d)",
                     build * 1e6, parse * 1e6, render * 1e3, iterations))
        print(String(format: "build + render %.3f ms", total * 1e3) + " (target < 5 ms: \(total < 0.005 ? "met" : "MISSED"))")
    }

    /// Median wall time of `body` in seconds.
    private static func median(_ body: () throws -> Void) throws -> Double {
        var times: [Double] = []
        times.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = ContinuousClock.now
            try body()
            let elapsed = ContinuousClock.now - start
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        times.sort()
        return times[iterations / 2]
    }
}

/// Reads the width back from a PNG's IHDR chunk, so the benchmark reports what it measured.
private enum PNGSide {
    static func of(_ png: [UInt8]) -> Int {
        png.count >= 20 ? png[16..<20].reduce(0) { $0 << 8 | Int($1) } : 0
    }
}
