// Base32.swift
// RFC 4648 §6 Base32: the namespace, the alphabet and encoding.
// Decoding lives in Base32+Decode.swift, grouping for display in Base32+Grouped.swift.

/// Base32 as defined in RFC 4648 §6, the encoding used for OTP shared secrets
/// (Key URI `secret=` parameter, secrets typed into authenticator apps).
///
/// RFC 4648 §6 splits the input into 40-bit groups, each written as 8 symbols of 5 bits from the
/// alphabet `A`–`Z` (values 0–25) and `2`–`7` (values 26–31). A final group of 1, 2, 3 or 4 bytes
/// becomes 2, 4, 5 or 7 symbols followed by 6, 4, 3 or 1 `=` pad characters.
///
/// - `encode(_:padding:)` writes the canonical upper-case form.
/// - `decode(_:)` accepts only that canonical form.
/// - `decodeLenient(_:)` accepts what people type.
/// - `grouped(_:groupSize:)` splits a secret into blocks for reading aloud or typing.
public enum Base32 {}

// MARK: - Alphabet (RFC 4648 §6, Table 3)

extension Base32 {
    /// The ASCII code of the symbol for a 5-bit value (RFC 4648 §6, Table 3).
    /// Only the low five bits of `value` are used.
    @inline(__always)
    static func _symbol(_ value: UInt8) -> UInt8 {
        let v = value & 0x1F
        // 0...25 -> "A"...(0x41...0x5A); 26...31 -> "2"..."7" (0x32...0x37 = v + 0x18).
        return v < 26 ? 0x41 &+ v : 0x18 &+ v
    }

    /// Marks a byte that is not a symbol of the alphabet.
    static let _notASymbol: UInt8 = 0xFF

    /// The 5-bit value of an ASCII symbol, or `_notASymbol`. Upper case only unless
    /// `caseInsensitive` is set; `=` is not a symbol (it is padding, RFC 4648 §3.2).
    @inline(__always)
    static func _value(of byte: UInt8, caseInsensitive: Bool) -> UInt8 {
        switch byte {
        case 0x41...0x5A: return byte &- 0x41          // "A"..."Z" -> 0...25
        case 0x32...0x37: return byte &- 0x18          // "2"..."7" -> 26...31
        case 0x61...0x7A where caseInsensitive: return byte &- 0x61   // "a"..."z"
        default: return _notASymbol
        }
    }

    /// The pad character "=" (RFC 4648 §3.2).
    static let _pad: UInt8 = 0x3D
}

// MARK: - Encoding

extension Base32 {
    /// Encodes bytes as RFC 4648 §6 Base32 in the upper-case alphabet.
    ///
    /// Each 5-byte group becomes 8 symbols. A final group of 1, 2, 3 or 4 bytes becomes 2, 4, 5
    /// or 7 symbols whose unused low bits are zero (RFC 4648 §3.5), followed by 6, 4, 3 or 1 `=`
    /// when `padding` is true (RFC 4648 §3.2). Key URIs conventionally omit the padding.
    ///
    /// - Parameters:
    ///   - bytes: The data to encode; may be empty, giving `""`.
    ///   - padding: Whether to pad the output with `=` to a multiple of 8 characters.
    /// - Returns: The encoded text, ASCII only.
    public static func encode(_ bytes: some Sequence<UInt8>, padding: Bool = true) -> String {
        // Contiguous input (arrays, slices) runs the loop specialised for a buffer, not through
        // the generic Sequence witness for each byte.
        bytes.withContiguousStorageIfAvailable { _encode($0, padding: padding) }
            ?? _encode(bytes, padding: padding)
    }

    static func _encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes, padding: Bool) -> String {
        var output: [UInt8] = []
        // 8 symbols per 5 bytes, rounded up; the clamp keeps the estimate from overflowing.
        let estimate = min(bytes.underestimatedCount, Int.max / 16)
        output.reserveCapacity((estimate + 4) / 5 * 8)

        // RFC 4648 §6: each 40-bit group, most significant bit first, gives 8 symbols of 5 bits.
        var group: UInt64 = 0
        var groupBytes = 0
        for byte in bytes {
            group = group << 8 | UInt64(byte)
            groupBytes += 1
            if groupBytes == 5 {
                _appendSymbols(of: group, count: 8, to: &output)
                group = 0
                groupBytes = 0
            }
        }
        if groupBytes > 0 {
            // A final group of 1, 2, 3 or 4 bytes gives 2, 4, 5 or 7 symbols; the bits after the
            // data are zero (RFC 4648 §3.5).
            let symbolCount = (groupBytes * 8 + 4) / 5
            _appendSymbols(of: group << UInt64(8 * (5 - groupBytes)), count: symbolCount, to: &output)
        }
        if padding {
            while output.count % 8 != 0 {
                output.append(_pad)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the first `count` symbols of a 40-bit group (in the low bits of `group`).
    @inline(__always)
    static func _appendSymbols(of group: UInt64, count: Int, to output: inout [UInt8]) {
        var shift: UInt64 = 35
        for _ in 0..<count {
            output.append(_symbol(UInt8(truncatingIfNeeded: group >> shift)))
            shift &-= 5
        }
    }
}
