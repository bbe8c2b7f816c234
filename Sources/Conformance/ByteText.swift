// ByteText.swift
// Byte-level text helpers shared by the readers: lines, trimming, hex and decimal fields.
//
// The NIST LongMsg files hold lines of 25 kB and more, so the readers work on `[UInt8]` slices
// and build a `String` only for short things (names, ids, excerpts for messages).

// MARK: - Lines

/// One line of a file: its 1-based number and its bytes without the line terminator.
struct TextLine {
    var number: Int
    var bytes: ArraySlice<UInt8>
}

/// Splits `bytes` into lines at LF; a CR right before the LF (CRLF) is dropped with it. A last
/// line without a terminator is kept; the empty "line" after a final LF is not.
func splitLines(_ bytes: [UInt8]) -> [TextLine] {
    var lines: [TextLine] = []
    var start = 0
    var number = 1
    let lineFeed: UInt8 = 0x0A
    while start < bytes.count {
        let end = bytes[start...].firstIndex(of: lineFeed) ?? bytes.count
        var contentEnd = end
        if contentEnd > start, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        lines.append(TextLine(number: number, bytes: bytes[start..<contentEnd]))
        number += 1
        start = end + 1
    }
    return lines
}

// MARK: - Character classes and trimming

@inline(__always)
func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

extension ArraySlice<UInt8> {
    /// The slice without leading and trailing spaces and tabs.
    var trimmed: ArraySlice<UInt8> {
        var lower = startIndex
        var upper = endIndex
        while lower < upper, isBlank(self[lower]) { lower += 1 }
        while upper > lower, isBlank(self[upper - 1]) { upper -= 1 }
        return self[lower..<upper]
    }

    /// The bytes as a `String` (invalid UTF-8 repaired), cut to `limit` characters with `…`:
    /// for names and excerpts in messages, never for data.
    func excerpt(limit: Int = 40) -> String {
        let text = String(decoding: self.prefix(limit * 4), as: UTF8.self)
        return shortened(text, limit: limit)
    }

    /// The bytes as a `String`, for short fields already known to be ASCII.
    var text: String { String(decoding: self, as: UTF8.self) }
}

/// `text` cut to `limit` characters, with `…` when something was cut.
/// `text` with control characters written `\u{…}` and cut to `limit` characters: safe to print
/// as one line of a report.
func singleLine(_ text: String, limit: Int) -> String {
    var out = ""
    var count = 0
    for scalar in text.unicodeScalars {
        guard count < limit else { return out + "…" }
        if scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
            out += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
        count += 1
    }
    return out
}

func shortened(_ text: String, limit: Int = 40) -> String {
    guard text.count > limit else { return text }
    return String(text.prefix(limit)) + "…"
}

/// Whether every byte is an ASCII letter, digit or underscore (a field name), and there is one.
func isIdentifier(_ bytes: ArraySlice<UInt8>, allowHyphen: Bool = false) -> Bool {
    guard !bytes.isEmpty else { return false }
    for byte in bytes {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: continue
        case 0x2D where allowHyphen, 0x2E where allowHyphen: continue
        default: return false
        }
    }
    return true
}

// MARK: - Hexadecimal

@inline(__always)
func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: return byte &- 0x30
    case 0x61...0x66: return byte &- 0x61 &+ 10
    case 0x41...0x46: return byte &- 0x41 &+ 10
    default: return nil
    }
}

/// Why a hex field could not be decoded.
enum HexProblem: Error {
    case oddLength(Int)
    case invalidDigit(offset: Int, byte: UInt8)

    /// A message for `VectorFileError.Problem.invalidHex`.
    var detail: String {
        switch self {
        case .oddLength(let count):
            return "\(count) hex digits is an odd number"
        case .invalidDigit(let offset, let byte):
            if byte >= 0x21, byte <= 0x7E {
                return "'\(String(Unicode.Scalar(byte)))' at offset \(offset + 1) is not a hex digit"
            }
            return "byte 0x\(hexByte(byte)) at offset \(offset + 1) is not a hex digit"
        }
    }
}

/// Decodes hexadecimal digits (either case, two per byte, no separators).
func decodeHex(_ digits: ArraySlice<UInt8>) throws(HexProblem) -> [UInt8] {
    guard digits.count % 2 == 0 else { throw .oddLength(digits.count) }
    var result = [UInt8](repeating: 0, count: digits.count / 2)
    var failure: HexProblem?
    digits.withUnsafeBufferPointer { input in
        result.withUnsafeMutableBufferPointer { output in
            var i = 0
            while i < output.count {
                guard let high = hexValue(input[2 * i]) else {
                    failure = .invalidDigit(offset: 2 * i, byte: input[2 * i])
                    return
                }
                guard let low = hexValue(input[2 * i + 1]) else {
                    failure = .invalidDigit(offset: 2 * i + 1, byte: input[2 * i + 1])
                    return
                }
                output[i] = high << 4 | low
                i += 1
            }
        }
    }
    if let failure { throw failure }
    return result
}

private let lowerHexDigits: [UInt8] = Array("0123456789abcdef".utf8)

/// `byte` as two lower-case hex digits.
func hexByte(_ byte: UInt8) -> String {
    String(decoding: [lowerHexDigits[Int(byte >> 4)], lowerHexDigits[Int(byte & 0x0F)]], as: UTF8.self)
}

/// `bytes` as lower-case hex; `(empty)` for no bytes, so a message never shows a blank.
func hexString(_ bytes: some Sequence<UInt8>) -> String {
    var digits: [UInt8] = []
    for byte in bytes {
        digits.append(lowerHexDigits[Int(byte >> 4)])
        digits.append(lowerHexDigits[Int(byte & 0x0F)])
    }
    return digits.isEmpty ? "(empty)" : String(decoding: digits, as: UTF8.self)
}

/// Parses 1 to 16 hex digits as an unsigned number (used for RFC 4226's unpadded `TRUNCATED`).
func parseHexNumber(_ digits: ArraySlice<UInt8>) -> UInt64? {
    guard !digits.isEmpty, digits.count <= 16 else { return nil }
    var value: UInt64 = 0
    for byte in digits {
        guard let nibble = hexValue(byte) else { return nil }
        value = value << 4 | UInt64(nibble)
    }
    return value
}

// MARK: - Decimal

/// Parses a non-empty run of ASCII digits as a `UInt64`; nil on anything else or on overflow.
func parseDecimal(_ digits: ArraySlice<UInt8>) -> UInt64? {
    guard !digits.isEmpty else { return nil }
    var value: UInt64 = 0
    for byte in digits {
        guard byte >= 0x30, byte <= 0x39 else { return nil }
        let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - 0x30))
        guard !overflow1, !overflow2 else { return nil }
        value = sum
    }
    return value
}

/// Parses a decimal number that must also fit in `Int` (lengths and counts).
func parseDecimalInt(_ digits: ArraySlice<UInt8>) -> Int? {
    guard let value = parseDecimal(digits), value <= UInt64(Int.max) else { return nil }
    return Int(value)
}

/// Whether `bytes` is a non-empty run of ASCII digits.
func isDecimalDigits(_ bytes: ArraySlice<UInt8>) -> Bool {
    !bytes.isEmpty && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
}
