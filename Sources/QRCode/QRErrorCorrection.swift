// QRErrorCorrection.swift
// The four error correction levels and what they mean in the symbol.

/// An error correction level (ISO/IEC 18004:2015 §5.3.4, §7.5.1): the share of the symbol's
/// codewords that may be damaged and still be recovered.
public enum QRErrorCorrection: Int, CaseIterable, Sendable {
    /// Level L: about 7 % of the codewords can be restored.
    case low
    /// Level M: about 15 %.
    case medium
    /// Level Q: about 25 %.
    case quartile
    /// Level H: about 30 %.
    case high

    /// The level's letter as the standard writes it: `L`, `M`, `Q` or `H`.
    public var letter: String {
        switch self {
        case .low: "L"
        case .medium: "M"
        case .quartile: "Q"
        case .high: "H"
        }
    }

    /// The level named by its letter, in either case; nil for anything else.
    public init?(letter: String) {
        switch letter {
        case "L", "l": self = .low
        case "M", "m": self = .medium
        case "Q", "q": self = .quartile
        case "H", "h": self = .high
        default: return nil
        }
    }

    /// The two bits that stand for the level in the format information (§7.9.1, Table 12):
    /// L = 01, M = 00, Q = 11, H = 10. They are not in the order of strength.
    var formatBits: Int {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }
}
