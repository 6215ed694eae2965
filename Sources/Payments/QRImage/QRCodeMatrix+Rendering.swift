extension QRCodeMatrix {
    /// A PNG file of the symbol (1-bit greyscale, uncompressed deflate).
    public func png(layout: QRLayout) -> [UInt8] {
        PNGEncoder.encode(QRBitmap(self, layout: layout))
    }

    /// A PNG file about `pixels` wide (the nearest whole-module scale), with a 4-module quiet zone.
    public func png(side pixels: Int = 300) throws(PaymentsError) -> [UInt8] {
        png(layout: try QRLayout.fitting(self, into: pixels))
    }

    /// An SVG document of the symbol; `layout.scale` sets its width and height in pixels per module.
    public func svg(layout: QRLayout) -> String {
        SVGRenderer.render(self, layout: layout)
    }

    /// The 1-bit raster for a receipt printer (see ``QRBitmap``).
    public func bitmap(layout: QRLayout) -> QRBitmap {
        QRBitmap(self, layout: layout)
    }
}
