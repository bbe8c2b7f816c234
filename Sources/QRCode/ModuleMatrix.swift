// ModuleMatrix.swift
// The square of modules while a symbol is being built, with its function patterns.

/// The modules of a symbol under construction: whether each is dark, and whether it belongs to
/// a function pattern (or the format and version information), which data placement and masking
/// leave alone (ISO/IEC 18004:2015 §6.3, §7.7.3, §7.8.1).
struct ModuleMatrix {
    let size: Int
    /// Row-major, `y * size + x`; x counts columns from the left, y rows from the top.
    var dark: [Bool]
    var isFunction: [Bool]

    init(version: QRVersion) {
        size = version.size
        dark = [Bool](repeating: false, count: size * size)
        isFunction = [Bool](repeating: false, count: size * size)
        drawFunctionPatterns(version)
    }

    subscript(x: Int, y: Int) -> Bool {
        get { dark[y * size + x] }
        set { dark[y * size + x] = newValue }
    }

    /// Sets a module of a function pattern, ignoring positions off the symbol (a separator
    /// drawn past the edge).
    mutating func setFunction(x: Int, y: Int, dark isDark: Bool) {
        guard x >= 0, x < size, y >= 0, y < size else { return }
        dark[y * size + x] = isDark
        isFunction[y * size + x] = true
    }

    // MARK: - Function patterns (§6.3)

    private mutating func drawFunctionPatterns(_ version: QRVersion) {
        // Timing patterns (§6.3.5): row 6 and column 6 alternate dark and light, dark on even
        // positions, between the separators. Drawn first; the finder patterns overwrite their
        // ends and the alignment patterns agree with them where they cross.
        for i in 0..<size {
            setFunction(x: i, y: 6, dark: i % 2 == 0)
            setFunction(x: 6, y: i, dark: i % 2 == 0)
        }
        // Finder patterns with their separators (§6.3.3, §6.3.4) in three corners: a dark 3 × 3
        // square in a light ring in a dark ring, then a light ring one module wide.
        for (cornerX, cornerY) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let ring = Swift.max(abs(dx), abs(dy))
                    setFunction(x: cornerX + dx, y: cornerY + dy, dark: ring != 2 && ring != 4)
                }
            }
        }
        // Alignment patterns (§6.3.6, Annex E): at every pair of centres except the three that
        // would overlap a finder pattern; a dark centre, a light ring, a dark ring.
        let centres = version.alignmentCentres
        for (i, cy) in centres.enumerated() {
            for (j, cx) in centres.enumerated() {
                let last = centres.count - 1
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                for dy in -2...2 {
                    for dx in -2...2 {
                        setFunction(x: cx + dx, y: cy + dy, dark: Swift.max(abs(dx), abs(dy)) != 1)
                    }
                }
            }
        }
        // Reserve the format information (§7.9.1) and, from version 7, the version information
        // (§7.10); their values are written once the mask is known.
        drawFormatInformation(0)
        if version.number >= 7 {
            drawVersionInformation(version)
        }
    }

    // MARK: - Codeword placement (§7.7.3)

    /// Places `codewords` bit by bit, most significant first, in the modules no function pattern
    /// uses: in two-module-wide columns from the right edge, upwards then downwards in turn,
    /// right module before left, skipping the vertical timing pattern in column 6. Modules left
    /// over after the last codeword are the remainder bits (§7.6), light before masking.
    mutating func place(_ codewords: [UInt8]) {
        let totalBits = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        var upward = true
        while right >= 1 {
            if right == 6 { right = 5 }
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in stride(from: right, through: right - 1, by: -1) where !isFunction[y * size + x] {
                    if bitIndex < totalBits {
                        dark[y * size + x] = (codewords[bitIndex >> 3] >> (7 - UInt8(bitIndex & 7))) & 1 == 1
                    }
                    bitIndex += 1
                }
            }
            upward.toggle()
            right -= 2
        }
    }
}
