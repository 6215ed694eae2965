/// Draws a symbol as an SVG document: a light background and one path of dark runs per row, in
/// module units scaled by the layout, with crisp edges for screens.
enum SVGRenderer {
    static func render(_ matrix: QRCodeMatrix, layout: QRLayout) -> String {
        let modules = matrix.size + 2 * layout.quietZone
        let side = modules * layout.scale
        var path = ""
        for row in 0..<matrix.size {
            var column = 0
            while column < matrix.size {
                guard matrix[row, column] else { column += 1; continue }
                let start = column
                while column < matrix.size, matrix[row, column] { column += 1 }
                path += "M\(start + layout.quietZone) \(row + layout.quietZone)h\(column - start)v1h-\(column - start)z"
            }
        }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(side)" height="\(side)" viewBox="0 0 \(modules) \(modules)" shape-rendering="crispEdges">
        <rect width="\(modules)" height="\(modules)" fill="#fff"/>
        <path fill="#000" d="\(path)"/>
        </svg>

        """
    }
}
