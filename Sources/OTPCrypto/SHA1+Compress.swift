// The SHA-1 compression function, FIPS 180-4 §6.1.2, with the logical functions of §4.1.1
// named as in the standard.

extension _SHA1Core {
    /// FIPS 180-4 §4.1.1: Ch, used for rounds 0...19.
    @inlinable @inline(__always)
    static func ch(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { (x & y) ^ (~x & z) }

    /// FIPS 180-4 §4.1.1: Parity, used for rounds 20...39 and 60...79.
    @inlinable @inline(__always)
    static func parity(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { x ^ y ^ z }

    /// FIPS 180-4 §4.1.1: Maj, used for rounds 40...59.
    @inlinable @inline(__always)
    static func maj(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { (x & y) ^ (x & z) ^ (y & z) }

    /// FIPS 180-4 §2.2.2: ROTL^n.
    @inlinable @inline(__always)
    static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }

    /// FIPS 180-4 §6.1.2, steps 1 to 4, for each 64-byte block in `blocks`.
    @inlinable
    mutating func compress(_ blocks: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < blocks.count {
            // Step 1: the message schedule, kept as a rolling window of 16 words.
            var w = InlineArray<16, UInt32>(repeating: 0)
            for t in 0..<16 {
                w[t] = UInt32(bigEndian: blocks.loadUnaligned(fromByteOffset: offset + 4 * t, as: UInt32.self))
            }
            // Step 2.
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4]
            // Step 3.
            for t in 0..<80 {
                if t >= 16 {
                    w[t & 15] = Self.rotl(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1)
                }
                let f: UInt32
                let k: UInt32
                switch t {
                case 0..<20: f = Self.ch(b, c, d); k = 0x5a82_7999
                case 20..<40: f = Self.parity(b, c, d); k = 0x6ed9_eba1
                case 40..<60: f = Self.maj(b, c, d); k = 0x8f1b_bcdc
                default: f = Self.parity(b, c, d); k = 0xca62_c1d6
                }
                let temp = Self.rotl(a, 5) &+ f &+ e &+ k &+ w[t & 15]
                e = d
                d = c
                c = Self.rotl(b, 30)
                b = a
                a = temp
            }
            // Step 4.
            h[0] &+= a
            h[1] &+= b
            h[2] &+= c
            h[3] &+= d
            h[4] &+= e
            offset += Self.blockByteCount
        }
    }
}
