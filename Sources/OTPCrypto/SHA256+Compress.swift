// The SHA-256 compression function, FIPS 180-4 §6.2.2, shared by SHA-224 and SHA-256, with
// the functions of §4.1.2 named as in the standard.

extension _SHA256Core {
    /// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the
    /// first 64 primes.
    @usableFromInline
    static let k: InlineArray<64, UInt32> = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// FIPS 180-4 §3.2: ROTR^n.
    @inlinable @inline(__always)
    static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    /// FIPS 180-4 §4.1.2 (4.2).
    @inlinable @inline(__always)
    static func ch(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { (x & y) ^ (~x & z) }

    /// FIPS 180-4 §4.1.2 (4.3).
    @inlinable @inline(__always)
    static func maj(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { (x & y) ^ (x & z) ^ (y & z) }

    /// FIPS 180-4 §4.1.2 (4.4): Σ0.
    @inlinable @inline(__always)
    static func bigSigma0(_ x: UInt32) -> UInt32 { rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22) }

    /// FIPS 180-4 §4.1.2 (4.5): Σ1.
    @inlinable @inline(__always)
    static func bigSigma1(_ x: UInt32) -> UInt32 { rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25) }

    /// FIPS 180-4 §4.1.2 (4.6): σ0.
    @inlinable @inline(__always)
    static func smallSigma0(_ x: UInt32) -> UInt32 { rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3) }

    /// FIPS 180-4 §4.1.2 (4.7): σ1.
    @inlinable @inline(__always)
    static func smallSigma1(_ x: UInt32) -> UInt32 { rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10) }

    /// FIPS 180-4 §6.2.2 step 3, one round. The working variables are passed in their order for
    /// round t (a, b, ..., h); instead of shifting all eight along, T1 is added into `d` (the
    /// next e) and `h` becomes T1 + T2 (the next a), and the caller renames the variables.
    @inlinable @inline(__always)
    static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32
    ) {
        let t1 = h &+ bigSigma1(e) &+ ch(e, f, g) &+ kw
        d &+= t1
        h = t1 &+ bigSigma0(a) &+ maj(a, b, c)
    }

    /// FIPS 180-4 §6.2.2, steps 1 to 4, for each 64-byte block in `blocks`.
    @inlinable
    mutating func compress(_ blocks: UnsafeRawBufferPointer) {
        var state = h
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            Self.k.span.withUnsafeBufferPointer { k in
                var offset = 0
                while offset < blocks.count {
                    // Step 1: the message schedule W0...W63.
                    for t in 0..<16 {
                        w[t] = UInt32(bigEndian: blocks.loadUnaligned(fromByteOffset: offset + 4 * t, as: UInt32.self))
                    }
                    for t in 16..<64 {
                        w[t] = Self.smallSigma1(w[t - 2]) &+ w[t - 7] &+ Self.smallSigma0(w[t - 15]) &+ w[t - 16]
                    }
                    // K_t + W_t for every round, added here once so that each round reads one
                    // table (the schedule above is complete, so W_t is not needed again).
                    for t in 0..<64 {
                        w[t] &+= k[t]
                    }
                    // Step 2.
                    var a = state[0], b = state[1], c = state[2], d = state[3]
                    var e = state[4], f = state[5], g = state[6], h = state[7]
                    // Step 3, eight rounds at a time so that the renaming comes full circle.
                    var t = 0
                    while t < 64 {
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
