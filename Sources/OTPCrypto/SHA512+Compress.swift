// The SHA-512 compression function, FIPS 180-4 §6.4.2, shared by SHA-384, SHA-512,
// SHA-512/224 and SHA-512/256, with the functions of §4.1.3 named as in the standard.

extension _SHA512Core {
    /// FIPS 180-4 §4.2.3: the first 64 bits of the fractional parts of the cube roots of the
    /// first 80 primes.
    @usableFromInline
    static let k: InlineArray<80, UInt64> = [
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
    ]

    /// FIPS 180-4 §3.2: ROTR^n.
    @inlinable @inline(__always)
    static func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 { (x >> n) | (x << (64 - n)) }

    /// FIPS 180-4 §4.1.3 (4.8).
    @inlinable @inline(__always)
    static func ch(_ x: UInt64, _ y: UInt64, _ z: UInt64) -> UInt64 { (x & y) ^ (~x & z) }

    /// FIPS 180-4 §4.1.3 (4.9).
    @inlinable @inline(__always)
    static func maj(_ x: UInt64, _ y: UInt64, _ z: UInt64) -> UInt64 { (x & y) ^ (x & z) ^ (y & z) }

    /// FIPS 180-4 §4.1.3 (4.10): Σ0.
    @inlinable @inline(__always)
    static func bigSigma0(_ x: UInt64) -> UInt64 { rotr(x, 28) ^ rotr(x, 34) ^ rotr(x, 39) }

    /// FIPS 180-4 §4.1.3 (4.11): Σ1.
    @inlinable @inline(__always)
    static func bigSigma1(_ x: UInt64) -> UInt64 { rotr(x, 14) ^ rotr(x, 18) ^ rotr(x, 41) }

    /// FIPS 180-4 §4.1.3 (4.12): σ0.
    @inlinable @inline(__always)
    static func smallSigma0(_ x: UInt64) -> UInt64 { rotr(x, 1) ^ rotr(x, 8) ^ (x >> 7) }

    /// FIPS 180-4 §4.1.3 (4.13): σ1.
    @inlinable @inline(__always)
    static func smallSigma1(_ x: UInt64) -> UInt64 { rotr(x, 19) ^ rotr(x, 61) ^ (x >> 6) }

    /// FIPS 180-4 §6.4.2 step 3, one round, with the variables renamed instead of shifted
    /// (see `_SHA256Core.round`).
    @inlinable @inline(__always)
    static func round(
        _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: inout UInt64,
        _ e: UInt64, _ f: UInt64, _ g: UInt64, _ h: inout UInt64, _ kw: UInt64
    ) {
        let t1 = h &+ bigSigma1(e) &+ ch(e, f, g) &+ kw
        d &+= t1
        h = t1 &+ bigSigma0(a) &+ maj(a, b, c)
    }

    /// FIPS 180-4 §6.4.2, steps 1 to 4, for each 128-byte block in `blocks`.
    @inlinable
    mutating func compress(_ blocks: UnsafeRawBufferPointer) {
        var state = h
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 80) { w in
            Self.k.span.withUnsafeBufferPointer { k in
                var offset = 0
                while offset < blocks.count {
                    // Step 1: the message schedule W0...W79.
                    for t in 0..<16 {
                        w[t] = UInt64(bigEndian: blocks.loadUnaligned(fromByteOffset: offset + 8 * t, as: UInt64.self))
                    }
                    for t in 16..<80 {
                        w[t] = Self.smallSigma1(w[t - 2]) &+ w[t - 7] &+ Self.smallSigma0(w[t - 15]) &+ w[t - 16]
                    }
                    // K_t + W_t for every round, added here once so that each round reads one
                    // table (the schedule above is complete, so W_t is not needed again).
                    for t in 0..<80 {
                        w[t] &+= k[t]
                    }
                    // Step 2.
                    var a = state[0], b = state[1], c = state[2], d = state[3]
                    var e = state[4], f = state[5], g = state[6], h = state[7]
                    // Step 3, eight rounds at a time so that the renaming comes full circle.
                    var t = 0
                    while t < 80 {
                        Self.round(a, b, c, &d, e, f, g, &h, w[t])
                        Self.round(h, a, b, &c, d, e, f, &g, w[t + 1])
                        Self.round(g, h, a, &b, c, d, e, &f, w[t + 2])
                        Self.round(f, g, h, &a, b, c, d, &e, w[t + 3])
                        Self.round(e, f, g, &h, a, b, c, &d, w[t + 4])
                        Self.round(d, e, f, &g, h, a, b, &c, w[t + 5])
                        Self.round(c, d, e, &f, g, h, a, &b, w[t + 6])
                        Self.round(b, c, d, &e, f, g, h, &a, w[t + 7])
                        t += 8
                    }
                    // Step 4.
                    state[0] &+= a
                    state[1] &+= b
                    state[2] &+= c
                    state[3] &+= d
                    state[4] &+= e
                    state[5] &+= f
                    state[6] &+= g
                    state[7] &+= h
                    offset += Self.blockByteCount
                }
            }
        }
        h = state
    }
}
