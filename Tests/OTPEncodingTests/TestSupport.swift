// TestSupport.swift
// Helpers shared by the OTPEncoding tests.

/// SplitMix64 (Steele, Lea, Flood 2014), a small deterministic generator so every run tests the
/// same bytes. The same generator in Python produced the literals in `Base32Tests` and
/// `Base16Tests`:
///
///     s = (s + 0x9E3779B97F4A7C15) mod 2^64
///     z = (s ^ (s >> 30)) * 0xBF58476D1CE4E5B9 mod 2^64
///     z = (z ^ (z >> 27)) * 0x94D049BB133111EB mod 2^64
///     output z ^ (z >> 31), of which each byte is the low 8 bits
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` bytes, one per output: the seed for length `n` is `0x5EED_0000 + n`.
    static func bytes(count: Int) -> [UInt8] {
        var generator = SplitMix64(state: 0x5EED_0000 &+ UInt64(count))
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }
}

/// Lower-case hex, written here without Base16 so tests of Base16 do not check it against itself.
func hexString(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    var text = ""
    for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
    }
    return text
}

/// Bytes of an ASCII string, for readable expectations.
func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
