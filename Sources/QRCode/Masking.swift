// Masking.swift
// The eight data mask patterns and the penalty score that chooses among them.

/// The data mask patterns of ISO/IEC 18004:2015 §7.8.2, Table 10: whether the mask inverts the
/// module in row `i`, column `j` (both from 0 at the top-left).
func maskInverts(_ mask: Int, row i: Int, column j: Int) -> Bool {
    switch mask {
    case 0: return (i + j) % 2 == 0
    case 1: return i % 2 == 0
    case 2: return j % 3 == 0
    case 3: return (i + j) % 3 == 0
    case 4: return (i / 2 + j / 3) % 2 == 0
    case 5: return (i * j) % 2 + (i * j) % 3 == 0
    case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0
    default: return ((i + j) % 2 + (i * j) % 3) % 2 == 0
    }
}

extension ModuleMatrix {
    /// Inverts every module outside the function patterns where `mask` says so (§7.8.2).
    /// Applying the same mask twice restores the matrix.
    mutating func applyMask(_ mask: Int) {
        let size = size
        isFunction.withUnsafeBufferPointer { isFunction in
            dark.withUnsafeMutableBufferPointer { dark in
                for y in 0..<size {
                    for x in 0..<size where !isFunction[y * size + x] && maskInverts(mask, row: y, column: x) {
                        dark[y * size + x].toggle()
                    }
                }
            }
        }
    }

    /// The penalty score of the symbol as it stands, format information included (§7.8.3,
    /// Table 11); the mask with the lowest score is chosen.
    ///
    /// - N1 = 3: each run of five or more same-colour modules in a row or column scores 3, plus 1
    ///   for each module beyond five.
    /// - N2 = 3: each 2 × 2 block of one colour scores 3 (blocks may overlap).
    /// - N3 = 40: each 1:1:3:1:1 dark-light-dark-light-dark pattern in a row or column with four
    ///   light modules before or after it scores 40; the quiet zone beyond the edge counts as
    ///   light.
    /// - N4 = 10: 10 for every full 5 % by which the share of dark modules departs from 50 %.
    func penalty() -> Int {
        dark.withUnsafeBufferPointer { penalty(of: $0) }
    }

    private func penalty(of dark: UnsafeBufferPointer<Bool>) -> Int {
        var score = 0
        var darkCount = 0
        // Rules 1 and 3 along rows (pass 0) and columns (pass 1).
        for pass in 0..<2 {
            for line in 0..<size {
                var runColour = false
                var runLength = 0
                // The last 11 modules of the line as bits, newest lowest, for rule 3.
                var window = 0
                for along in 0..<size {
                    let isDark = pass == 0 ? dark[line * size + along] : dark[along * size + line]
                    if pass == 0 && isDark { darkCount += 1 }
                    if along > 0 && isDark == runColour {
                        runLength += 1
                    } else {
                        if runLength >= 5 { score += 3 + runLength - 5 }
                        runColour = isDark
                        runLength = 1
                    }
                    window = (window << 1 | (isDark ? 1 : 0)) & 0x7FF
                    // 0000 1011101: the pattern just ended, light before it (the modules before
                    // the edge are light, which the zero-filled window already says).
                    if along >= 6 && window == 0b000_0101_1101 { score += 40 }
                    // 1011101 0000: the pattern ended four modules ago, light after it, unless it
                    // was light before too and already counted.
                    if along >= 10 && window == 0b101_1101_0000 && !lightBefore(dark, pass, line, end: along - 4) {
                        score += 40
                    }
                }
                if runLength >= 5 { score += 3 + runLength - 5 }
                // Rule 3 with the light area after the pattern lying partly beyond the edge.
                for tail in 0..<4 where size - 7 - tail >= 0 {
                    let recent = window & ((1 << (7 + tail)) - 1)
                    if recent == 0b101_1101 << tail && !lightBefore(dark, pass, line, end: size - 1 - tail) {
                        score += 40
                    }
                }
            }
        }
        // Rule 2: 2 × 2 blocks.
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = dark[y * size + x]
                if dark[y * size + x + 1] == colour && dark[(y + 1) * size + x] == colour
                    && dark[(y + 1) * size + x + 1] == colour {
                    score += 3
                }
            }
        }
        // Rule 4: proportion of dark modules.
        let total = size * size
        score += 10 * (abs(20 * darkCount - 10 * total) / total)
        return score
    }

    /// Whether the four modules before the 7-module pattern ending at `end` (inclusive) on
    /// `line` are light, counting positions beyond the edge as light.
    private func lightBefore(_ dark: UnsafeBufferPointer<Bool>, _ pass: Int, _ line: Int, end: Int) -> Bool {
        let start = end - 6
        for along in Swift.max(0, start - 4)..<start {
            if pass == 0 ? dark[line * size + along] : dark[along * size + line] { return false }
        }
        return true
    }
}
