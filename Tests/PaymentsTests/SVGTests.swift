import Foundation
import Testing
import Payments

/// The SVG holds exactly the dark modules, at the size the layout asks for.
@Suite struct SVGTests {
    @Test func pathCoversExactlyTheDarkModules() throws {
        let matrix = try QRCodeMatrix(encoding: VietQRVectors.all[2].payload)
        let layout = try QRLayout(scale: 8, quietZone: 4)
        let svg = matrix.svg(layout: layout)
        let modules = matrix.size + 8
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        #expect(svg.contains("width=\"\(modules * 8)\" height=\"\(modules * 8)\" viewBox=\"0 0 \(modules) \(modules)\""))
        #expect(svg.hasSuffix("</svg>\n"))

        let path = try #require(svg.range(of: "d=\"").map { svg[$0.upperBound...].prefix { $0 != "\"" } })
        var drawn = [Bool](repeating: false, count: matrix.size * matrix.size)
        for run in path.split(separator: "z") {
            // "M{x} {y}h{n}v1h-{n}"
            let numbers = run.dropFirst().split(whereSeparator: { " hv-".contains($0) }).compactMap { Int($0) }
            try #require(numbers.count == 5 && numbers[3] == 1 && numbers[2] == numbers[4], "run \(run)")
            let (x, y, width) = (numbers[0] - 4, numbers[1] - 4, numbers[2])
            for column in x..<x + width {
                #expect(!drawn[y * matrix.size + column], "module drawn twice")
                drawn[y * matrix.size + column] = true
            }
        }
        #expect(drawn == matrix.modules)
    }
}
