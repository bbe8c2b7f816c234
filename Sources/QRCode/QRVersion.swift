// QRVersion.swift
// Per-version facts: size, codeword counts, block structure and alignment pattern centres.

/// What ISO/IEC 18004:2015 fixes for one symbol version (1...40) and, where it matters, one error
/// correction level. Only the block structure (Table 9) is a typed table; everything else is
/// computed from the geometry of the symbol, so it cannot drift from the figures it describes.
struct QRVersion {
    /// The version number, 1...40.
    let number: Int

    init(_ number: Int) {
        self.number = number
    }

    /// Modules on a side: 21 for version 1, four more for each version after (§6.3.1).
    var size: Int { 17 + 4 * number }

    /// The centres of the alignment patterns along one axis, ascending (§6.3.6, Annex E).
    ///
    /// Version 1 has none. From version 2 the first centre is 6 (on the timing pattern) and the
    /// last is `size - 7`; there are `number / 7 + 2` of them, spaced evenly by an even step with
    /// any slack taken up by the gap after 6. Annex E's step is the smallest even number that
    /// spans the distance in that many gaps, except for version 32, where the table uses 26
    /// rather than 28; the exception is written here as it stands in the table.
    var alignmentCentres: [Int] {
        guard number >= 2 else { return [] }
        let count = number / 7 + 2
        let last = size - 7
        let gaps = count - 1
        var step = (last - 6 + gaps - 1) / gaps
        step += step & 1
        if number == 32 { step = 26 }
        var centres = [6]
        for index in stride(from: gaps - 1, through: 0, by: -1) {
            centres.append(last - index * step)
        }
        return centres
    }

    /// The modules that carry codewords and remainder bits: the whole square less the function
    /// patterns and the format and version information (§6.3, Table 1).
    var dataModuleCount: Int {
        let side = size
        // Three finder patterns with their separators, and the format information beside them
        // (15 × 2 modules plus the dark module).
        var count = side * side - 3 * 64 - 31
        // The timing patterns, less the modules already counted in the separators' corners.
        count -= 2 * (side - 16)
        let centres = alignmentCentres.count
        if centres > 0 {
            // A `centres × centres` grid less the three corners under the finder patterns; the
            // patterns in row 6 and column 6 overlap the timing pattern by 5 modules each.
            let patterns = centres * centres - 3
            count -= patterns * 25
            count += 2 * (centres - 2) * 5
        }
        if number >= 7 {
            count -= 2 * 18  // version information, §7.10
        }
        return count
    }

    /// All codewords in the symbol, data and error correction (Table 7 and Table 9); the
    /// remaining `dataModuleCount % 8` modules are remainder bits.
    var totalCodewords: Int { dataModuleCount / 8 }

    /// The error correction structure for `level` (Table 9).
    func blocks(_ level: QRErrorCorrection) -> BlockStructure {
        let row = level.rawValue
        let blockCount = Int(QRVersion.blockCounts[row][number - 1])
        let ecPerBlock = Int(QRVersion.ecCodewordsPerBlock[row][number - 1])
        return BlockStructure(totalCodewords: totalCodewords, blockCount: blockCount, ecCodewordsPerBlock: ecPerBlock)
    }

    /// Data codewords the symbol holds at `level` (Table 7).
    func dataCodewords(_ level: QRErrorCorrection) -> Int {
        blocks(level).dataCodewords
    }

    /// The number of bits of the character count indicator for `mode` in this version (§7.4.2,
    /// Table 3); three ranges of versions share a width.
    func characterCountBits(_ mode: QRSegment.Mode) -> Int {
        let group = number <= 9 ? 0 : number <= 26 ? 1 : 2
        switch mode {
        case .numeric: return [10, 12, 14][group]
        case .alphanumeric: return [9, 11, 13][group]
        case .byte: return [8, 16, 16][group]
        }
    }

    // MARK: - Table 9

    /// Error correction codewords in each block, by level (L, M, Q, H) and version 1...40.
    /// Within one version and level every block has the same number (Table 9).
    static let ecCodewordsPerBlock: [[UInt8]] = [
        [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
         28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
         26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
         28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
         30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    /// Error correction blocks, by level (L, M, Q, H) and version 1...40 (Table 9, the sum of
    /// the two block kinds the table lists).
    static let blockCounts: [[UInt8]] = [
        [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
         8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
         17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
         23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
         25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]
}

/// How a version's codewords split into error correction blocks at one level (§7.5.2, Table 9).
///
/// Table 9 lists up to two kinds of block per version and level; the second kind holds one more
/// data codeword than the first. Both kinds follow from the totals: the long blocks are the
/// `totalCodewords % blockCount` last ones.
struct BlockStructure {
    let totalCodewords: Int
    let blockCount: Int
    let ecCodewordsPerBlock: Int

    /// Blocks with `shortBlockDataCodewords` data codewords; the rest hold one more.
    var shortBlockCount: Int { blockCount - totalCodewords % blockCount }

    var shortBlockDataCodewords: Int { totalCodewords / blockCount - ecCodewordsPerBlock }

    var dataCodewords: Int { totalCodewords - blockCount * ecCodewordsPerBlock }
}
