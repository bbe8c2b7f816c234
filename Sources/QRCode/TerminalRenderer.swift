// TerminalRenderer.swift
// A QR code as text for a terminal.

/// Draws a symbol as text: Unicode half blocks, two module rows to a line, or plain ASCII, two
/// characters to a module, for terminals without those glyphs.
///
/// A glyph is drawn in the terminal's text colour and a blank shows its background. By
/// default the glyphs are the dark modules, which suits dark text on a light background; with
/// `inverted` they are the light modules and the quiet zone, which suits light text on a dark
/// background. Either way the scanner sees dark modules on light. The quiet zone (ISO/IEC
/// 18004:2015 §6.3.8) is `margin` modules on every side, 4 by default as the standard requires.
public struct TerminalRenderer: Sendable {
    /// How modules become characters.
    public enum Style: Sendable {
        /// `▀`, `▄`, `█` and space: each character is one module wide and two modules tall,
        /// so the symbol comes out about square in a typical terminal font.
        case halfBlocks
        /// `##` and two spaces for each module, one module row to a line.
        case ascii
    }

    public let style: Style
    public let inverted: Bool
    public let margin: Int

    /// The quiet zone may be 0...32 modules.
    public static let marginRange = 0...32

    public init(style: Style = .halfBlocks, inverted: Bool = false, margin: Int = 4) throws(QRError) {
        guard Self.marginRange.contains(margin) else {
            throw .invalidRendererOption(option: "margin", value: margin, range: Self.marginRange)
        }
        self.style = style
        self.inverted = inverted
        self.margin = margin
    }

    /// The symbol as lines of text, each ending in a newline.
    public func render(_ code: QRCode) -> String {
        let side = code.size + 2 * margin
        // Whether the module at (x, y) of the drawing (quiet zone included) gets a glyph.
        func ink(_ x: Int, _ y: Int) -> Bool {
            code[x: x - margin, y: y - margin] != inverted
        }
        var text = ""
        switch style {
        case .halfBlocks:
            for top in stride(from: 0, to: side, by: 2) {
                for x in 0..<side {
                    let upper = ink(x, top)
                    // An odd last row has nothing below it: that half stays blank whatever
                    // the colours, as it is outside the quiet zone.
                    let lower = top + 1 < side && ink(x, top + 1)
                    switch (upper, lower) {
                    case (true, true): text += "█"
                    case (true, false): text += "▀"
                    case (false, true): text += "▄"
                    case (false, false): text += " "
                    }
                }
                text += "\n"
            }
        case .ascii:
            for y in 0..<side {
                for x in 0..<side {
                    text += ink(x, y) ? "##" : "  "
                }
                text += "\n"
            }
        }
        return text
    }
}
