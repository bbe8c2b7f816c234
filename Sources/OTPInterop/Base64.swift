// Base64.swift
// RFC 4648 §4 Base64, the layer between the migration URI's `data=` parameter and the protobuf
// bytes. Internal to OTPInterop: OTPEncoding has no Base64 yet; when it gains one, this file
// goes.

/// Base64 as defined in RFC 4648 §4: each 24-bit group of input becomes four symbols of six
/// bits from `A`–`Z`, `a`–`z`, `0`–`9`, `+`, `/`; a final group of one or two bytes becomes two
/// or three symbols and `==` or `=` (RFC 4648 §3.2, §4).
enum Base64 {
    /// The symbol for a 6-bit value (RFC 4648 §4, Table 1).
    @inline(__always)
    static func _symbol(_ value: UInt8) -> UInt8 {
        let v = value & 0x3F
        switch v {
        case 0...25: return 0x41 &+ v            // A-Z
        case 26...51: return 0x61 &+ (v &- 26)   // a-z
        case 52...61: return 0x30 &+ (v &- 52)   // 0-9
        case 62: return UInt8(ascii: "+")
        default: return UInt8(ascii: "/")
        }
    }

    /// The 6-bit value of a symbol, nil for anything else. Besides the RFC 4648 §4 alphabet this
    /// takes `-` and `_` for 62 and 63, the URL-safe alphabet of RFC 4648 §5, since the two never
    /// overlap and tools that copy a migration URI sometimes convert one into the other.
    @inline(__always)
    static func _value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x41...0x5A: byte &- 0x41
        case 0x61...0x7A: byte &- 0x61 &+ 26
        case 0x30...0x39: byte &- 0x30 &+ 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
        default: nil
        }
    }

    /// Encodes `bytes` with the RFC 4648 §4 alphabet and `=` padding (§3.2), as Google
    /// Authenticator writes the migration payload.
    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count / 3 + 1) * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            output.append(_symbol(UInt8(truncatingIfNeeded: group >> 18)))
            output.append(_symbol(UInt8(truncatingIfNeeded: group >> 12)))
            output.append(remaining > 1 ? _symbol(UInt8(truncatingIfNeeded: group >> 6)) : UInt8(ascii: "="))
            output.append(remaining > 2 ? _symbol(UInt8(truncatingIfNeeded: group)) : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes Base64 text: the §4 or §5 alphabet, with or without the `=` padding of §3.2
    /// (padding, when present, must complete the last group of four). Bits left over after the
    /// last whole byte are ignored, as most decoders do (RFC 4648 §3.5 lets a decoder choose).
    ///
    /// - Throws: the 0-based index of the first byte of `text` that does not fit (a character
    ///   outside the alphabet, misplaced padding, or a final group of one symbol, which cannot
    ///   hold a byte).
    static func decode(_ text: some Collection<UInt8>) throws(Base64Failure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count / 4 * 3 + 3)
        var group: UInt32 = 0
        var symbols = 0
        var padding = 0
        var position = 0
        for byte in text {
            defer { position += 1 }
            if byte == UInt8(ascii: "=") {
                // Padding only after two or three symbols of a group, at most to its end.
                guard symbols >= 2, symbols + padding < 4 else { throw Base64Failure(position: position) }
                padding += 1
                continue
            }
            guard padding == 0, let value = _value(byte) else { throw Base64Failure(position: position) }
            group = group << 6 | UInt32(value)
            symbols += 1
            if symbols == 4 {
                output.append(UInt8(truncatingIfNeeded: group >> 16))
                output.append(UInt8(truncatingIfNeeded: group >> 8))
                output.append(UInt8(truncatingIfNeeded: group))
                group = 0
                symbols = 0
            }
        }
        // `=` needs two symbols before it, so padding is only ever seen here with 2 or 3.
        switch symbols {
        case 0:
            break
        case 1:
            throw Base64Failure(position: position - 1)
        case 2:
            guard padding == 0 || padding == 2 else { throw Base64Failure(position: position) }
            output.append(UInt8(truncatingIfNeeded: group >> 4))
        default:
            output.append(UInt8(truncatingIfNeeded: group >> 10))
            output.append(UInt8(truncatingIfNeeded: group >> 2))
        }
        return output
    }
}

/// Where Base64 text stopped making sense: a 0-based index into the text.
struct Base64Failure: Error, Equatable {
    var position: Int
}
