// PercentEncoding.swift
// RFC 3986 §2.1 percent-encoding of URI components, with §2.3 unreserved characters kept.

/// Percent-encoding as defined in RFC 3986 §2.1, for one component of a URI (a path segment,
/// a query name or value) whose characters are UTF-8 (RFC 3986 §2.5).
///
/// This is the URI form, not the HTML form `application/x-www-form-urlencoded`: a `+` is a plus
/// sign in both directions, and a space is `%20`. Authenticator apps read an issuer written
/// `Hello+World` as the text `Hello+World` (pyauth/pyotp#47, stratumauth/app#271).
public enum PercentEncoding {}

// MARK: - Decoding

extension PercentEncoding {
    /// Decodes every `%XX` escape of `text` exactly once (RFC 3986 §2.1), in either letter case,
    /// and returns the result as UTF-8 text.
    ///
    /// Every other character is kept as it is: `+` stays `+`, and a `%` produced by decoding
    /// (`%2541` gives `%41`) is not decoded again (RFC 3986 §2.4: "implementations must not
    /// percent-encode or decode the same string more than once"). Characters that RFC 3986 would
    /// have required to be encoded (a raw space, raw non-ASCII text) are accepted unchanged, so
    /// text pasted by people decodes too; the only character interpreted is `%`.
    ///
    /// - Throws: `PercentEncodingError.invalidEscape` at the first `%` not followed by two hex
    ///   digits; `PercentEncodingError.invalidUTF8` when the decoded bytes are not UTF-8.
    public static func decode(_ text: some StringProtocol) throws(PercentEncodingError) -> String {
        let utf8 = text.utf8
        // Fast path: nothing to decode, and the text is already valid UTF-8.
        guard utf8.contains(_percent) else { return String(text) }
        let bytes = Array(utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var scalarIndex = 0
        while index < bytes.count {
            let byte = bytes[index]
            // A byte of the form 0b10xx_xxxx continues a scalar; any other starts one.
            if byte & 0xC0 != 0x80 { scalarIndex += 1 }
            guard byte == _percent else {
                output.append(byte)
                index += 1
                continue
            }
            // RFC 3986 §2.1: pct-encoded = "%" HEXDIG HEXDIG (HEXDIG is case-insensitive).
            guard bytes.count - index >= 3,
                  let high = _hexValue(bytes[index + 1]),
                  let low = _hexValue(bytes[index + 2])
            else {
                throw .invalidEscape(position: scalarIndex - 1)
            }
            output.append(high << 4 | low)
            index += 3
            scalarIndex += 2
        }
        guard let decoded = String(validating: output, as: UTF8.self) else { throw .invalidUTF8 }
        return decoded
    }

    static let _percent = UInt8(ascii: "%")

    /// The value of an ASCII hexadecimal digit in either case (RFC 3986 §2.1, RFC 5234 HEXDIG).
    @inline(__always)
    static func _hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30             // 0-9
        case 0x41...0x46: byte - 0x41 + 10        // A-F
        case 0x61...0x66: byte - 0x61 + 10        // a-f
        default: nil
        }
    }
}

// MARK: - Encoding

extension PercentEncoding {
    /// Encodes `text` for use as one URI component: every UTF-8 byte outside the RFC 3986 §2.3
    /// unreserved set (`A`–`Z`, `a`–`z`, `0`–`9`, `-`, `.`, `_`, `~`) becomes `%XX` with
    /// upper-case hex digits (RFC 3986 §2.1 recommends upper case).
    ///
    /// So a space becomes `%20` (never `+`), `:` becomes `%3A`, `+` becomes `%2B`, `@` becomes
    /// `%40`, and `é` becomes `%C3%A9`. Reserved characters are always encoded, which makes the
    /// result safe in a path segment and in a query name or value alike (RFC 3986 §2.2).
    public static func encode(_ text: some StringProtocol) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if _isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(_percent)
                output.append(_hexDigit(byte >> 4))
                output.append(_hexDigit(byte & 0x0F))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// RFC 3986 §2.3: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~".
    @inline(__always)
    static func _isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }

    /// The upper-case hex digit for a value 0...15.
    @inline(__always)
    static func _hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 &+ value : 0x37 &+ value
    }
}
