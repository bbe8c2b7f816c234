// FormatInformation.swift
// The format and version information: BCH-coded and written beside the finder patterns.

/// The 15-bit format information (ISO/IEC 18004:2015 §7.9.1, Annex C): the error correction
/// level's two bits and the mask's three, a BCH(15, 5) code on them with generator
/// x^10 + x^8 + x^5 + x^4 + x^2 + x + 1 (0x537), then XORed with 101010000010010 (0x5412) so that
/// it is never all zero.
func formatInformationBits(_ level: QRErrorCorrection, mask: Int) -> Int {
    let data = level.formatBits << 3 | mask
    return (data << 10 | bchRemainder(data << 10, generator: 0x537)) ^ 0x5412
}

/// The 18-bit version information for versions 7 and up (§7.10, Annex D): six bits of version
/// number and a BCH(18, 6) code with generator x^12 + x^11 + x^10 + x^9 + x^8 + x^5 + x^2 + 1
/// (0x1F25). It is not masked.
func versionInformationBits(_ version: QRVersion) -> Int {
    version.number << 12 | bchRemainder(version.number << 12, generator: 0x1F25)
}

/// The remainder of `value` divided by `generator` as polynomials over GF(2).
private func bchRemainder(_ value: Int, generator: Int) -> Int {
    let degree = Int.bitWidth - generator.leadingZeroBitCount - 1
    var remainder = value
    while remainder != 0, Int.bitWidth - remainder.leadingZeroBitCount - 1 >= degree {
        remainder ^= generator << (Int.bitWidth - remainder.leadingZeroBitCount - 1 - degree)
    }
    return remainder
}

extension ModuleMatrix {
    /// Writes the format information twice (§7.9.1, Figure 25), bit 14 being the most
    /// significant: around the top-left finder pattern, bits 0–7 down column 8 from row 0 (skipping
    /// the timing pattern in row 6) and bits 8–14 along row 8 leftwards from column 7 (skipping
    /// column 6); again, bits 0–7 along row 8 leftwards from the right edge and bits 8–14 down
    /// column 8 to the bottom edge. The module at column 8, row `size - 8` is always dark.
    mutating func drawFormatInformation(_ bits: Int) {
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { setFunction(x: 8, y: index, dark: bit(index)) }
        setFunction(x: 8, y: 7, dark: bit(6))
        setFunction(x: 8, y: 8, dark: bit(7))
        setFunction(x: 7, y: 8, dark: bit(8))
        for index in 9...14 { setFunction(x: 14 - index, y: 8, dark: bit(index)) }

        for index in 0...7 { setFunction(x: size - 1 - index, y: 8, dark: bit(index)) }
        for index in 8...14 { setFunction(x: 8, y: size - 15 + index, dark: bit(index)) }
        setFunction(x: 8, y: size - 8, dark: true)
    }

    /// Writes the version information twice (§7.10, Figure 27): a 6 × 3 block above the
    /// bottom-left finder pattern and its transpose left of the top-right one. Bit i goes to
    /// row i / 3, column `size - 11 + i % 3` in the top-right block.
    mutating func drawVersionInformation(_ version: QRVersion) {
        let bits = versionInformationBits(version)
        for index in 0..<18 {
            let isDark = (bits >> index) & 1 == 1
            let across = size - 11 + index % 3
            let down = index / 3
            setFunction(x: across, y: down, dark: isDark)
            setFunction(x: down, y: across, dark: isDark)
        }
    }
}
