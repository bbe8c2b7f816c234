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

    /// FIPS 180-4 §6.1.2 step 3, one round, given f_t(b, c, d) + K_t + W_t. The working
    /// variables are passed in their order for round t; instead of shifting all five along,
    /// T is added into `e` (the next a) and `b` is rotated in place (the next c), and the
    /// caller renames the variables.
    @inlinable @inline(__always)
    static func round(_ a: UInt32, _ b: inout UInt32, _ e: inout UInt32, _ fkw: UInt32) {
        e = rotl(a, 5) &+ fkw &+ e
        b = rotl(b, 30)
    }

    /// FIPS 180-4 §6.1.2, steps 1 to 4, for each 64-byte block in `blocks`.
    @inlinable
    mutating func compress(_ blocks: UnsafeRawBufferPointer) {
        var state = h
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            var offset = 0
            while offset < blocks.count {
                // Step 1: the message schedule W0...W79.
                for t in 0..<16 {
                    w[t] = UInt32(bigEndian: blocks.loadUnaligned(fromByteOffset: offset + 4 * t, as: UInt32.self))
                }
                for t in 16..<80 {
                    w[t] = Self.rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1)
                }
                // Step 2.
                var a = state[0], b = state[1], c = state[2], d = state[3], e = state[4]
                // Step 3, five rounds at a time so that the renaming comes full circle; the
                // function and constant change every 20 rounds (§4.1.1, §4.2.1).
                var t = 0
                while t < 20 {
                    Self.round(a, &b, &e, Self.ch(b, c, d) &+ 0x5a82_7999 &+ w[t])
                    Self.round(e, &a, &d, Self.ch(a, b, c) &+ 0x5a82_7999 &+ w[t + 1])
                    Self.round(d, &e, &c, Self.ch(e, a, b) &+ 0x5a82_7999 &+ w[t + 2])
                    Self.round(c, &d, &b, Self.ch(d, e, a) &+ 0x5a82_7999 &+ w[t + 3])
                    Self.round(b, &c, &a, Self.ch(c, d, e) &+ 0x5a82_7999 &+ w[t + 4])
                    t += 5
                }
                while t < 40 {
                    Self.round(a, &b, &e, Self.parity(b, c, d) &+ 0x6ed9_eba1 &+ w[t])
                    Self.round(e, &a, &d, Self.parity(a, b, c) &+ 0x6ed9_eba1 &+ w[t + 1])
                    Self.round(d, &e, &c, Self.parity(e, a, b) &+ 0x6ed9_eba1 &+ w[t + 2])
                    Self.round(c, &d, &b, Self.parity(d, e, a) &+ 0x6ed9_eba1 &+ w[t + 3])
                    Self.round(b, &c, &a, Self.parity(c, d, e) &+ 0x6ed9_eba1 &+ w[t + 4])
                    t += 5
                }
                while t < 60 {
                    Self.round(a, &b, &e, Self.maj(b, c, d) &+ 0x8f1b_bcdc &+ w[t])
                    Self.round(e, &a, &d, Self.maj(a, b, c) &+ 0x8f1b_bcdc &+ w[t + 1])
                    Self.round(d, &e, &c, Self.maj(e, a, b) &+ 0x8f1b_bcdc &+ w[t + 2])
                    Self.round(c, &d, &b, Self.maj(d, e, a) &+ 0x8f1b_bcdc &+ w[t + 3])
                    Self.round(b, &c, &a, Self.maj(c, d, e) &+ 0x8f1b_bcdc &+ w[t + 4])
                    t += 5
                }
                while t < 80 {
                    Self.round(a, &b, &e, Self.parity(b, c, d) &+ 0xca62_c1d6 &+ w[t])
                    Self.round(e, &a, &d, Self.parity(a, b, c) &+ 0xca62_c1d6 &+ w[t + 1])
                    Self.round(d, &e, &c, Self.parity(e, a, b) &+ 0xca62_c1d6 &+ w[t + 2])
                    Self.round(c, &d, &b, Self.parity(d, e, a) &+ 0xca62_c1d6 &+ w[t + 3])
                    Self.round(b, &c, &a, Self.parity(c, d, e) &+ 0xca62_c1d6 &+ w[t + 4])
                    t += 5
                }
                // Step 4.
                state[0] &+= a
                state[1] &+= b
                state[2] &+= c
                state[3] &+= d
                state[4] &+= e
                offset += Self.blockByteCount
            }
        }
        h = state
    }
}
