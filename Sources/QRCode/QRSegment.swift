// QRSegment.swift
// A run of data in one encoding mode, and how it becomes bits.

/// A run of characters written in one mode (ISO/IEC 18004:2015 §7.4): a mode indicator, a
/// character count indicator, then the characters packed as the mode prescribes.
///
/// A symbol's data is a sequence of segments; mixing modes (§7.4.7) lets a URI spend 5.5 bits on
/// each upper-case letter of a Base32 secret and 3.3 bits on each digit while the rest takes 8.
/// `QRSegment.segments(for:version:)` picks the cheapest split; the factory methods build one
/// segment in a chosen mode.
public struct QRSegment: Equatable, Sendable {
    /// An encoding mode (§7.3, Table 2). ECI, Kanji and structured append are not offered.
    public enum Mode: Equatable, Sendable {
        /// Digits 0–9, three to 10 bits (§7.4.3).
        case numeric
        /// The 45 characters of Table 5 (0–9, A–Z, space, `$%*+-./:`), two to 11 bits (§7.4.4).
        case alphanumeric
        /// Any bytes, 8 bits each (§7.4.5); text is written as its UTF-8 bytes.
        case byte

        /// The 4-bit mode indicator (Table 2).
        var indicator: Int {
            switch self {
            case .numeric: 0b0001
            case .alphanumeric: 0b0010
            case .byte: 0b0100
            }
        }

        /// The mode's name as the standard writes it.
        public var name: String {
            switch self {
            case .numeric: "numeric"
            case .alphanumeric: "alphanumeric"
            case .byte: "byte"
            }
        }

        /// Whether `byte`, read as a character, can be written in this mode.
        func canEncode(_ byte: UInt8) -> Bool {
            switch self {
            case .numeric: byte &- 0x30 < 10
            case .alphanumeric: QRSegment.alphanumericValue(byte) != nil
            case .byte: true
            }
        }
    }

    /// The segment's mode.
    public let mode: Mode

    /// The segment's characters: ASCII digits or Table 5 characters in numeric and alphanumeric
    /// mode, any bytes in byte mode.
    public let bytes: [UInt8]

    /// A segment that was already checked against its mode.
    init(checked mode: Mode, bytes: [UInt8]) {
        self.mode = mode
        self.bytes = bytes
    }

    /// A numeric-mode segment of `text`, which must hold only the digits 0–9.
    public static func numeric(_ text: String) throws(QRError) -> QRSegment {
        try checked(Array(text.utf8), .numeric)
    }

    /// An alphanumeric-mode segment of `text`, which must hold only the characters of Table 5
    /// (digits, upper-case letters, space and `$ % * + - . / :`).
    public static func alphanumeric(_ text: String) throws(QRError) -> QRSegment {
        try checked(Array(text.utf8), .alphanumeric)
    }

    /// A byte-mode segment of `bytes`; every byte string can be written.
    public static func byte(_ bytes: [UInt8]) -> QRSegment {
        QRSegment(checked: .byte, bytes: bytes)
    }

    /// A byte-mode segment of the UTF-8 encoding of `text`.
    public static func byte(_ text: String) -> QRSegment {
        QRSegment(checked: .byte, bytes: Array(text.utf8))
    }

    private static func checked(_ bytes: [UInt8], _ mode: Mode) throws(QRError) -> QRSegment {
        if let position = bytes.firstIndex(where: { !mode.canEncode($0) }) {
            throw .characterNotEncodable(mode: mode, position: position)
        }
        return QRSegment(checked: mode, bytes: bytes)
    }

    // MARK: - Bits

    /// The longest run one character count indicator can announce in `version`; a longer
    /// segment is written as several segments of the same mode.
    static func maximumCount(_ mode: Mode, version: QRVersion) -> Int {
        (1 << version.characterCountBits(mode)) - 1
    }

    /// Bits for the characters alone of a run of `count` characters in `mode`: numeric packs
    /// three digits in 10 bits, a final two in 7 and a final one in 4 (§7.4.3); alphanumeric
    /// packs two characters in 11 bits and a final one in 6 (§7.4.4); byte takes 8 (§7.4.5).
    static func dataBits(_ mode: Mode, count: Int) -> Int {
        switch mode {
        case .numeric: 10 * (count / 3) + (count % 3 == 0 ? 0 : 1 + 3 * (count % 3))
        case .alphanumeric: 11 * (count / 2) + 6 * (count % 2)
        case .byte: 8 * count
        }
    }

    /// The bits this segment takes in `version`, headers included, written as `append` writes it.
    func bitCount(in version: QRVersion) -> Int {
        let header = 4 + version.characterCountBits(mode)
        let maximum = QRSegment.maximumCount(mode, version: version)
        var total = 0
        var remaining = bytes.count
        repeat {
            let piece = Swift.min(remaining, maximum)
            total += header + QRSegment.dataBits(mode, count: piece)
            remaining -= piece
        } while remaining > 0
        return total
    }

    /// Appends the segment to `buffer`: mode indicator, character count indicator, data (§7.4.2).
    func append(to buffer: inout BitBuffer, version: QRVersion) {
        let countBits = version.characterCountBits(mode)
        let maximum = QRSegment.maximumCount(mode, version: version)
        var start = 0
        repeat {
            let end = Swift.min(bytes.count, start + maximum)
            buffer.append(mode.indicator, width: 4)
            buffer.append(end - start, width: countBits)
            appendData(bytes[start..<end], to: &buffer)
            start = end
        } while start < bytes.count
    }

    private func appendData(_ run: ArraySlice<UInt8>, to buffer: inout BitBuffer) {
        switch mode {
        case .numeric:
            // §7.4.3: groups of three digits as a 10-bit number; a final group of two in 7 bits,
            // of one in 4.
            var index = run.startIndex
            while index < run.endIndex {
                let end = Swift.min(run.endIndex, index + 3)
                var value = 0
                for digit in run[index..<end] { value = value * 10 + Int(digit - 0x30) }
                buffer.append(value, width: 1 + 3 * (end - index))
                index = end
            }
        case .alphanumeric:
            // §7.4.4: pairs as 45 × first + second in 11 bits; a final single value in 6 bits.
            var index = run.startIndex
            while index < run.endIndex {
                let first = Int(QRSegment.alphanumericValue(run[index]) ?? 0)
                if index + 1 < run.endIndex {
                    let second = Int(QRSegment.alphanumericValue(run[index + 1]) ?? 0)
                    buffer.append(45 * first + second, width: 11)
                    index += 2
                } else {
                    buffer.append(first, width: 6)
                    index += 1
                }
            }
        case .byte:
            for byte in run { buffer.append(Int(byte), width: 8) }
        }
    }

    /// The value of a character in the alphanumeric table (Table 5), or nil when it has none.
    static func alphanumericValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30          // 0–9: 0–9
        case 0x41...0x5A: return byte - 0x41 + 10     // A–Z: 10–35
        case 0x20: return 36                          // space
        case 0x24: return 37                          // $
        case 0x25: return 38                          // %
        case 0x2A: return 39                          // *
        case 0x2B: return 40                          // +
        case 0x2D: return 41                          // -
        case 0x2E: return 42                          // .
        case 0x2F: return 43                          // /
        case 0x3A: return 44                          // :
        default: return nil
        }
    }
}
