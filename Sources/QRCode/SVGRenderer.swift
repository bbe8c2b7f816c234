// SVGRenderer.swift
// A QR code as a scalable vector image.

/// Draws a symbol as an SVG document: a light square the size of the symbol with its quiet
/// zone, and one path for all the dark modules, each row's runs of dark modules as rectangles.
/// Coordinates are in modules (the `viewBox`), so the image scales without blur, and
/// `shape-rendering="crispEdges"` keeps renderers from anti-aliasing the module edges.
public struct SVGRenderer: Sendable {
    /// The width and height, in CSS pixels, of one module (the `width` and `height`
    /// attributes); the drawing itself is resolution-independent.
    public let moduleSize: Int
    /// The quiet zone in modules on every side (ISO/IEC 18004:2015 §6.3.8 requires 4).
    public let margin: Int

    public static let moduleSizeRange = 1...100
    public static let marginRange = 0...32

    public init(moduleSize: Int = 8, margin: Int = 4) throws(QRError) {
        guard Self.moduleSizeRange.contains(moduleSize) else {
            throw .invalidRendererOption(option: "moduleSize", value: moduleSize, range: Self.moduleSizeRange)
        }
        guard Self.marginRange.contains(margin) else {
            throw .invalidRendererOption(option: "margin", value: margin, range: Self.marginRange)
        }
        self.moduleSize = moduleSize
        self.margin = margin
    }

    /// The SVG document, ending in a newline.
    public func render(_ code: QRCode) -> String {
        let side = code.size + 2 * margin
        let pixels = side * moduleSize
        var path = ""
        for y in 0..<code.size {
            var x = 0
            while x < code.size {
                guard code[x: x, y: y] else {
                    x += 1
                    continue
                }
                var run = 1
                while code[x: x + run, y: y] { run += 1 }
                path += "M\(x + margin) \(y + margin)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(pixels)" height="\(pixels)" \
            viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges">
            <rect width="\(side)" height="\(side)" fill="#fff"/>
            <path fill="#000" d="\(path)"/>
            </svg>

            """
    }
}
