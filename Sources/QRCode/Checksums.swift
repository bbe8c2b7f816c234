// Checksums.swift
// The two checksums a PNG file carries.

/// CRC-32 as PNG uses it for every chunk (PNG specification §5.5, ISO 3309 / ITU-T V.42):
/// reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF.
struct CRC32 {
    /// The CRC of each byte value, computed from the polynomial.
    static let table: [UInt32] = (0..<256).map { (byte: UInt32) -> UInt32 in
        var value = byte
        for _ in 0..<8 {
            value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
        }
        return value
    }

    private var state: UInt32 = 0xFFFF_FFFF

    mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            state = CRC32.table[Int((state ^ UInt32(byte)) & 0xFF)] ^ (state >> 8)
        }
    }

    var value: UInt32 { state ^ 0xFFFF_FFFF }
}

/// Adler-32, the checksum that ends a zlib stream (RFC 1950 §8.2): two sums modulo 65521, of the
/// bytes and of the running first sum.
struct Adler32 {
    private var a: UInt32 = 1
    private var b: UInt32 = 0

    mutating func update(_ bytes: [UInt8]) {
        // 5552 bytes is the most that can be summed before b could overflow 32 bits
        // (RFC 1950 §9, "NMAX"); reduce modulo 65521 after each such run.
        var start = 0
        while start < bytes.count {
            let end = Swift.min(bytes.count, start + 5552)
            for index in start..<end {
                a &+= UInt32(bytes[index])
                b &+= a
            }
            a %= 65521
            b %= 65521
            start = end
        }
    }

    var value: UInt32 { b << 16 | a }
}
