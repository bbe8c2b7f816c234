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

    /// FIPS 180-4 §6.1.2 step 1, computed as the rounds need it: W_t for round t, kept in a
    /// window of the last 16 words (`w[t mod 16]`), as §6.1.3 allows. For t ≥ 16 the word
    /// replaces W_{t-16} in its slot. Computing each word just before its round, rather than
    /// all 80 first, lets the processor overlap the schedule with the rounds' dependency chain
    /// (with the constant round numbers of `compress`: 1,371 instead of 1,508 instructions per
    /// block under callgrind, and about 1.5 times the throughput).
    @inlinable @inline(__always)
    static func word(_ w: inout InlineArray<16, UInt32>, _ t: Int) -> UInt32 {
        if t >= 16 {
            w[t & 15] = rotl(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1)
        }
        return w[t & 15]
    }

    /// Rounds t...t+4 of FIPS 180-4 §6.1.2 step 3, with logical function `f` and constant
    /// `k`. Five rounds bring the renamed working variables full circle (see `round`).
    @inlinable @inline(__always)
    static func fiveRounds(
        _ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32, _ d: inout UInt32, _ e: inout UInt32,
        _ w: inout InlineArray<16, UInt32>, _ t: Int, _ f: (UInt32, UInt32, UInt32) -> UInt32, _ k: UInt32
    ) {
        round(a, &b, &e, f(b, c, d) &+ k &+ word(&w, t))
        round(e, &a, &d, f(a, b, c) &+ k &+ word(&w, t + 1))
        round(d, &e, &c, f(e, a, b) &+ k &+ word(&w, t + 2))
        round(c, &d, &b, f(d, e, a) &+ k &+ word(&w, t + 3))
        round(b, &c, &a, f(c, d, e) &+ k &+ word(&w, t + 4))
    }

    /// FIPS 180-4 §6.1.2, steps 1 to 4, for each 64-byte block in `blocks`.
    @inlinable
    mutating func compress(_ blocks: UnsafeRawBufferPointer) {
        var state = h
        var w = InlineArray<16, UInt32>(repeating: 0)
        var offset = 0
        while offset < blocks.count {
            // Step 1: W0...W15 are the block's words; later words come from `word`.
            for t in 0..<16 {
                w[t] = UInt32(bigEndian: blocks.loadUnaligned(fromByteOffset: offset + 4 * t, as: UInt32.self))
            }
            // Step 2.
            var a = state[0], b = state[1], c = state[2], d = state[3], e = state[4]
            // Step 3. The function and the constant change every 20 rounds (§4.1.1, §4.2.1).
            // Written out with constant round numbers, so that every index into the window
            // is known when compiling and the window can live in registers.
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 0, Self.ch, 0x5a82_7999)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 5, Self.ch, 0x5a82_7999)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 10, Self.ch, 0x5a82_7999)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 15, Self.ch, 0x5a82_7999)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 20, Self.parity, 0x6ed9_eba1)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 25, Self.parity, 0x6ed9_eba1)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 30, Self.parity, 0x6ed9_eba1)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 35, Self.parity, 0x6ed9_eba1)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 40, Self.maj, 0x8f1b_bcdc)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 45, Self.maj, 0x8f1b_bcdc)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 50, Self.maj, 0x8f1b_bcdc)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 55, Self.maj, 0x8f1b_bcdc)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 60, Self.parity, 0xca62_c1d6)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 65, Self.parity, 0xca62_c1d6)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 70, Self.parity, 0xca62_c1d6)
            Self.fiveRounds(&a, &b, &c, &d, &e, &w, 75, Self.parity, 0xca62_c1d6)
            // Step 4.
            state[0] &+= a
            state[1] &+= b
            state[2] &+= c
            state[3] &+= d
            state[4] &+= e
            offset += Self.blockByteCount
        }
        h = state
    }
}
