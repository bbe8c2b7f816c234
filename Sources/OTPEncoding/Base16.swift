// Base16.swift
// RFC 4648 §8 Base16 (hexadecimal): encoding and decoding.

/// Base16 as defined in RFC 4648 §8: each byte is written as two hexadecimal digits, most
/// significant half first, with no padding.
///
/// Used for test-vector files (NIST CAVP, RFC appendices) and for showing digests.
public enum Base16 {}

// MARK: - Alphabet (RFC 4648 §8, Table 5)

extension Base16 {
    /// The ASCII code of the digit for a 4-bit value; only the low four bits are used.
    @inline(__always)
    static func _digit(_ value: UInt8, uppercase: Bool) -> UInt8 {
        let v = value & 0x0F
        // 0...9 -> "0"..."9" (0x30...); 10...15 -> "A"... (0x41 = 10 + 0x37) or "a"... (10 + 0x57).
        return v < 10 ? 0x30 &+ v : (uppercase ? 0x37 : 0x57) &+ v
    }

    /// Marks a byte that is not a hexadecimal digit.
    static let _notADigit: UInt8 = 0xFF

    /// The value of an ASCII hexadecimal digit in either case, or `_notADigit`.
    @inline(__always)
    static func _value(of byte: UInt8) -> UInt8 {
        let decimal = byte &- 0x30                 // "0"..."9" -> 0...9; anything else wraps high
        if decimal < 10 { return decimal }
        let letter = (byte | 0x20) &- 0x61         // "A"..."F" and "a"..."f" -> 0...5
        if letter < 6 { return letter &+ 10 }
        return _notADigit
    }
}

// MARK: - Encoding

extension Base16 {
    /// Encodes bytes as RFC 4648 §8 Base16: two digits per byte, high half first.
    ///
    /// RFC 4648 §8 specifies the upper-case alphabet; pass `uppercase: false` for the lower-case
    /// form used by NIST vector files and most tools.
    public static func encode(_ bytes: some Sequence<UInt8>, uppercase: Bool = true) -> String {
        // Contiguous input runs the loop specialised for a buffer (see `Base32.encode`).
        bytes.withContiguousStorageIfAvailable { _encode($0, uppercase: uppercase) }
            ?? _encode(bytes, uppercase: uppercase)
    }

    static func _encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes, uppercase: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(min(bytes.underestimatedCount, Int.max / 4) * 2)
        for byte in bytes {
            output.append(_digit(byte >> 4, uppercase: uppercase))
            output.append(_digit(byte, uppercase: uppercase))
        }
        return String(decoding: output, as: UTF8.self)
    }
}

// MARK: - Decoding

extension Base16 {
    /// Decodes RFC 4648 §8 Base16, accepting upper- and lower-case digits.
    ///
    /// No whitespace or prefix (such as `0x`) is accepted. The empty string gives no bytes.
    ///
    /// - Throws: `Base16Error.invalidCharacter` at the first character that is not a hex digit
    ///   (its Unicode scalar index), else `Base16Error.oddLength` if the digit count is odd.
    public static func decode(_ text: String) throws(Base16Error) -> [UInt8] {
        // Every byte before a reported position is an ASCII digit, so the byte offset found in
        // the UTF-8 view is also the scalar index.
        try decode(utf8: text.utf8)
    }

    /// Decodes RFC 4648 §8 Base16 from UTF-8 (or ASCII) bytes, accepting either case, without
    /// making a `String`. Meant for reading large vector files: pass the slice holding the value.
    ///
    /// - Throws: `Base16Error.invalidCharacter` with the byte offset (0-based, from the start of
    ///   `bytes`) of the first byte that is not a hex digit, else `Base16Error.oddLength` with the
    ///   byte count if it is odd.
    public static func decode(utf8 bytes: some Collection<UInt8>) throws(Base16Error) -> [UInt8] {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            _decode(buffer, count: buffer.count)
        } ?? _decode(bytes, count: bytes.count)
        return try result.get()
    }

    static func _decode<Digits: Sequence<UInt8>>(
        _ digits: Digits, count: Int
    ) -> Result<[UInt8], Base16Error> {
        var output: [UInt8] = []
        output.reserveCapacity(count / 2)
        var offset = 0
        var high: UInt8 = 0
        var haveHigh = false
        for byte in digits {
            let value = _value(of: byte)
            if value == _notADigit { return .failure(.invalidCharacter(position: offset)) }
            if haveHigh {
                output.append(high << 4 | value)
            } else {
                high = value
            }
            haveHigh.toggle()
            offset += 1
        }
        if haveHigh { return .failure(.oddLength(offset)) }
        return .success(output)
    }
}
