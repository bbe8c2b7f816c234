// The SHA-1 compression function, FIPS 180-4 §6.1.2, with the logical functions of §4.1.1
// named as in the standard. The rounds are written once, for a `_SHA1Word`: a single 32-bit
// word here, or four words in SIMD lanes for four blocks at once (`SHA1+Lanes.swift`).

/// What the SHA-1 rounds do with a word: the operations of FIPS 180-4 §2.2.2 and §4.1.1.
/// `UInt32` is one word; `SIMD4<UInt32>` is the same word of four independent computations.
@usableFromInline
protocol _SHA1Word: Sendable {
    /// A word whose every lane is `value`.
    init(_splat value: UInt32)
    static func &+ (a: Self, b: Self) -> Self
    static func ^ (a: Self, b: Self) -> Self
    static func & (a: Self, b: Self) -> Self
    static prefix func ~ (a: Self) -> Self
    /// FIPS 180-4 §2.2.2: ROTL^n, for 0 < n < 32.
    func _rotl(_ n: UInt32) -> Self
}

extension UInt32: _SHA1Word {
    @inlinable @inline(__always)
    init(_splat value: UInt32) { self = value }

    @inlinable @inline(__always)
    func _rotl(_ n: UInt32) -> UInt32 { (self << n) | (self >> (32 - n)) }
}

extension SIMD4<UInt32>: _SHA1Word {
    @inlinable @inline(__always)
    init(_splat value: UInt32) { self.init(repeating: value) }

    /// x · 2^n + (x >> (32 − n)) is the rotation: the two parts share no bits, so adding them
    /// is OR-ing them. Written this way because the shift-and-OR form is recognised as a
    /// rotation, which SSE2 lacks, and compiled lane by lane with scalar instructions (654 ns
    /// instead of 169 ns for four blocks, measured on x86-64).
    @inlinable @inline(__always)
    func _rotl(_ n: UInt32) -> SIMD4<UInt32> {
        (self &* SIMD4(repeating: 1 << n)) &+ (self &>> SIMD4(repeating: 32 - n))
    }
}

extension _SHA1Core {
    /// FIPS 180-4 §4.1.1: Ch, used for rounds 0...19.
    @inlinable @inline(__always)
    static func ch<W: _SHA1Word>(_ x: W, _ y: W, _ z: W) -> W { (x & y) ^ (~x & z) }

    /// FIPS 180-4 §4.1.1: Parity, used for rounds 20...39 and 60...79.
    @inlinable @inline(__always)
    static func parity<W: _SHA1Word>(_ x: W, _ y: W, _ z: W) -> W { x ^ y ^ z }

    /// FIPS 180-4 §4.1.1: Maj, used for rounds 40...59.
    @inlinable @inline(__always)
    static func maj<W: _SHA1Word>(_ x: W, _ y: W, _ z: W) -> W { (x & y) ^ (x & z) ^ (y & z) }

    /// FIPS 180-4 §6.1.2 step 3, one round, given f_t(b, c, d) + K_t + W_t. The working
    /// variables are passed in their order for round t; instead of shifting all five along,
    /// T is added into `e` (the next a) and `b` is rotated in place (the next c), and the
    /// caller renames the variables.
    @inlinable @inline(__always)
    static func round<W: _SHA1Word>(_ a: W, _ b: inout W, _ e: inout W, _ fkw: W) {
        e = a._rotl(5) &+ fkw &+ e
        b = b._rotl(30)
    }

    /// FIPS 180-4 §6.1.2 step 1, computed as the rounds need it: W_t for round t, kept in a
    /// window of the last 16 words (`w[t mod 16]`), as §6.1.3 allows. For t ≥ 16 the word
    /// replaces W_{t-16} in its slot. Computing each word just before its round, rather than
    /// all 80 first, lets the processor overlap the schedule with the rounds' dependency chain
    /// (with the constant round numbers of `rounds`: 1,371 instead of 1,508 instructions per
    /// block under callgrind, and about 1.5 times the throughput).
    @inlinable @inline(__always)
    static func word<W: _SHA1Word>(_ w: inout InlineArray<16, W>, _ t: Int) -> W {
        if t >= 16 {
            w[t & 15] = (w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15])._rotl(1)
        }
        return w[t & 15]
    }

    /// Rounds t...t+4 of FIPS 180-4 §6.1.2 step 3, with logical function `f` and constant
    /// `k`. Five rounds bring the renamed working variables full circle (see `round`).
    @inlinable @inline(__always)
    static func fiveRounds<W: _SHA1Word>(
        _ a: inout W, _ b: inout W, _ c: inout W, _ d: inout W, _ e: inout W,
        _ w: inout InlineArray<16, W>, _ t: Int, _ f: (W, W, W) -> W, _ k: UInt32
    ) {
        let k = W(_splat: k)
        round(a, &b, &e, f(b, c, d) &+ k &+ word(&w, t))
        round(e, &a, &d, f(a, b, c) &+ k &+ word(&w, t + 1))
        round(d, &e, &c, f(e, a, b) &+ k &+ word(&w, t + 2))
        round(c, &d, &b, f(d, e, a) &+ k &+ word(&w, t + 3))
        round(b, &c, &a, f(c, d, e) &+ k &+ word(&w, t + 4))
    }

    /// FIPS 180-4 §6.1.2 steps 2 to 4: one block, whose words W0...W15 are in `w` (the
    /// window is overwritten), updating the chaining value `state`.
    @inlinable @inline(__always)
    static func rounds<W: _SHA1Word>(_ state: inout InlineArray<5, W>, _ w: inout InlineArray<16, W>) {
        // Step 2.
        var a = state[0], b = state[1], c = state[2], d = state[3], e = state[4]
        // Step 3. The function and the constant change every 20 rounds (§4.1.1, §4.2.1).
        // Written out with constant round numbers, so that every index into the window
        // is known when compiling and the window can live in registers.
        fiveRounds(&a, &b, &c, &d, &e, &w, 0, ch, 0x5a82_7999)
        fiveRounds(&a, &b, &c, &d, &e, &w, 5, ch, 0x5a82_7999)
        fiveRounds(&a, &b, &c, &d, &e, &w, 10, ch, 0x5a82_7999)
        fiveRounds(&a, &b, &c, &d, &e, &w, 15, ch, 0x5a82_7999)
        fiveRounds(&a, &b, &c, &d, &e, &w, 20, parity, 0x6ed9_eba1)
        fiveRounds(&a, &b, &c, &d, &e, &w, 25, parity, 0x6ed9_eba1)
        fiveRounds(&a, &b, &c, &d, &e, &w, 30, parity, 0x6ed9_eba1)
        fiveRounds(&a, &b, &c, &d, &e, &w, 35, parity, 0x6ed9_eba1)
        fiveRounds(&a, &b, &c, &d, &e, &w, 40, maj, 0x8f1b_bcdc)
        fiveRounds(&a, &b, &c, &d, &e, &w, 45, maj, 0x8f1b_bcdc)
        fiveRounds(&a, &b, &c, &d, &e, &w, 50, maj, 0x8f1b_bcdc)
        fiveRounds(&a, &b, &c, &d, &e, &w, 55, maj, 0x8f1b_bcdc)
        fiveRounds(&a, &b, &c, &d, &e, &w, 60, parity, 0xca62_c1d6)
        fiveRounds(&a, &b, &c, &d, &e, &w, 65, parity, 0xca62_c1d6)
        fiveRounds(&a, &b, &c, &d, &e, &w, 70, parity, 0xca62_c1d6)
        fiveRounds(&a, &b, &c, &d, &e, &w, 75, parity, 0xca62_c1d6)
        // Step 4.
        state[0] = state[0] &+ a
        state[1] = state[1] &+ b
        state[2] = state[2] &+ c
        state[3] = state[3] &+ d
        state[4] = state[4] &+ e
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
            Self.rounds(&state, &w)
            offset += Self.blockByteCount
        }
        h = state
    }
}
