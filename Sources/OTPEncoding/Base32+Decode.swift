// Base32+Decode.swift
// RFC 4648 §6 Base32 decoding: strict (canonical text only) and lenient (text typed by people).

extension Base32 {
    /// Decodes canonical RFC 4648 §6 Base32, as produced by `encode(_:)`.
    ///
    /// Accepted: the upper-case alphabet `A`–`Z`, `2`–`7`, then the padding RFC 4648 §6
    /// prescribes, so the length is a multiple of 8 (§3.2). Rejected: lower case, whitespace and
    /// any other character (§3.3: "implementations MUST reject the encoded data if it contains
    /// characters outside the base alphabet"), missing or wrong padding, a final quantum of 1, 3
    /// or 6 symbols, and a last symbol whose unused bits are not zero (§3.5). The empty string
    /// decodes to no bytes.
    ///
    /// - Throws: `Base32Error`, naming the position of the first fault.
    public static func decode(_ text: String) throws(Base32Error) -> [UInt8] {
        try _decode(text, lenient: false)
    }

    /// Decodes Base32 as people type it: a secret read off a screen or a letter.
    ///
    /// Compared with `decode(_:)`: lower-case letters are accepted; spaces (U+0020) and hyphens
    /// (U+002D) are ignored wherever they stand; padding may be left out, but if any `=` is
    /// present it must be the exact RFC 4648 §6 padding at the end. Still rejected: other
    /// characters (including `0`, `1`, `8`, `9`, which are not in the alphabet), a final quantum
    /// of 1, 3 or 6 symbols (no byte string encodes to that), and non-zero unused bits in the last
    /// symbol (RFC 4648 §3.5), so each byte string has exactly one accepted spelling up to case,
    /// separators and padding.
    ///
    /// - Throws: `Base32Error`; positions count every Unicode scalar of `text` as given,
    ///   separators included.
    public static func decodeLenient(_ text: String) throws(Base32Error) -> [UInt8] {
        try _decode(text, lenient: true)
    }
}

// MARK: - Implementation

extension Base32 {
    @inline(__always)
    static func _decode(_ text: String, lenient: Bool) throws(Base32Error) -> [UInt8] {
        let utf8 = text.utf8
        let result = utf8.withContiguousStorageIfAvailable { buffer in
            _decode(utf8: buffer, capacity: buffer.count, lenient: lenient)
        } ?? _decode(utf8: utf8, capacity: utf8.count, lenient: lenient)
        return try result.get()
    }

    /// Decodes the UTF-8 bytes of a text in one pass.
    ///
    /// Positions: the loop stops at the first byte that is not an ASCII symbol, `=` or separator,
    /// so every byte before a reported position is ASCII and the byte offset equals the index of
    /// the Unicode scalar in the original string.
    static func _decode<UTF8Bytes: Sequence<UInt8>>(
        utf8 bytes: UTF8Bytes, capacity: Int, lenient: Bool
    ) -> Result<[UInt8], Base32Error> {
        var output: [UInt8] = []
        output.reserveCapacity(capacity / 8 * 5 + 4)

        var offset = 0             // offset of `byte` in the input
        var symbolCount = 0        // alphabet symbols seen (padding and separators excluded)
        var lastSymbolOffset = 0
        var padCount = 0
        var firstPadOffset = 0
        // Bits read but not yet written out: `pendingBits` (< 8) low bits of `pending`.
        var pending: UInt32 = 0
        var pendingBits = 0

        for byte in bytes {
            let value = _value(of: byte, caseInsensitive: lenient)
            if value != _notASymbol {
                // RFC 4648 §3.2: padding only at the end of the data.
                if padCount > 0 { return .failure(.invalidPadding(position: firstPadOffset)) }
                pending = (pending << 5) | UInt32(value)
                pendingBits += 5
                if pendingBits >= 8 {
                    pendingBits -= 8
                    output.append(UInt8(truncatingIfNeeded: pending >> UInt32(pendingBits)))
                    pending &= (1 << UInt32(pendingBits)) - 1
                }
                symbolCount += 1
                lastSymbolOffset = offset
            } else if byte == _pad {
                if padCount == 0 { firstPadOffset = offset }
                padCount += 1
            } else if lenient && (byte == 0x20 || byte == 0x2D) {
                // A space or hyphen between groups: ignored.
            } else {
                // RFC 4648 §3.3: characters outside the alphabet MUST be rejected.
                return .failure(.invalidCharacter(position: offset))
            }
            offset += 1
        }

        // RFC 4648 §6: a final quantum has 2, 4, 5 or 7 symbols (or is a full 8); 1, 3 or 6
        // symbols cannot arise from whole bytes.
        let partial = symbolCount % 8
        let requiredPadding: Int
        switch partial {
        case 0: requiredPadding = 0
        case 2: requiredPadding = 6
        case 4: requiredPadding = 4
        case 5: requiredPadding = 3
        case 7: requiredPadding = 1
        default: return .failure(.invalidLength(significantCharacters: symbolCount))
        }
        if padCount == 0 {
            // Strict: RFC 4648 §3.2 padding is required, so the length is a multiple of 8.
            if !lenient && requiredPadding != 0 {
                return .failure(.invalidLength(significantCharacters: symbolCount))
            }
        } else if padCount != requiredPadding {
            return .failure(.invalidPadding(position: firstPadOffset))
        }

        // RFC 4648 §3.5: the bits of the last symbol beyond the final byte must be zero.
        // (`pending` holds exactly those `pendingBits` bits: 2, 4, 1 or 3 for 2, 4, 5, 7 symbols.)
        if pending != 0 {
            return .failure(.nonZeroTrailingBits(position: lastSymbolOffset))
        }
        return .success(output)
    }
}
