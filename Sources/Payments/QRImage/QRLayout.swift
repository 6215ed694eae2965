/// How a symbol is drawn: pixels per module and the width of the light border (the quiet zone,
/// ISO/IEC 18004 asks for 4 modules), shared by the PNG, SVG and printer raster renderers.
public struct QRLayout: Sendable, Equatable {
    /// Pixels (or SVG user units, or printer dots) per module, 1…64.
    public let scale: Int
    /// Light modules around the symbol on each side, 0…16.
    public let quietZone: Int

    /// Checks the ranges; throws ``PaymentsError/imageParameters(_:)`` outside them.
    public init(scale: Int, quietZone: Int = 4) throws(PaymentsError) {
        guard (1...64).contains(scale) else { throw .imageParameters("scale \(scale) (expected 1…64 pixels per module)") }
        guard (0...16).contains(quietZone) else { throw .imageParameters("quiet zone \(quietZone) (expected 0…16 modules)") }
        self.scale = scale
        self.quietZone = quietZone
    }

    /// The whole-module scale whose image side comes nearest to `pixels` (at least 1 pixel per module).
    public static func fitting(_ matrix: QRCodeMatrix, into pixels: Int, quietZone: Int = 4) throws(PaymentsError) -> QRLayout {
        let modules = matrix.size + 2 * max(0, quietZone)
        let scale = min(64, max(1, Int((Double(pixels) / Double(modules)).rounded())))
        return try QRLayout(scale: scale, quietZone: quietZone)
    }

    /// Image side in pixels for `matrix`.
    public func side(for matrix: QRCodeMatrix) -> Int { (matrix.size + 2 * quietZone) * scale }
}
