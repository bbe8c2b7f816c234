// BitBuffer.swift
// The data bit stream before it is cut into codewords.

/// A sequence of bits, appended most significant bit first as ISO/IEC 18004:2015 §7.4 writes
/// every field (mode indicator, character count, data), and read back as 8-bit codewords
/// (§7.4.10).
struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    /// Appends the low `width` bits of `value`, most significant first; `width` is 0...31.
    mutating func append(_ value: Int, width: Int) {
        var remaining = width
        while remaining > 0 {
            let used = count & 7
            if used == 0 { bytes.append(0) }
            let free = 8 - used
            let take = min(free, remaining)
            let chunk = (value >> (remaining - take)) & ((1 << take) - 1)
            bytes[bytes.count - 1] |= UInt8(chunk << (free - take))
            remaining -= take
            count += take
        }
    }

    mutating func append(_ other: BitBuffer) {
        var index = 0
        var remaining = other.count
        while remaining > 0 {
            let take = min(8, remaining)
            append(Int(other.bytes[index]) >> (8 - take), width: take)
            remaining -= take
            index += 1
        }
    }
}
