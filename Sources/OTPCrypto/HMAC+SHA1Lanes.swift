// HMAC-SHA-1 of four 8-byte messages at once, one per SIMD lane: the four HOTP counters a
// verifier tries in a window (RFC 4226 §5.2, §7.4; RFC 6238 §5.2). The SHA-1 rounds are those
// of `SHA1+Compress.swift`, run on `SIMD4<UInt32>`; about 2.5 times the single-block rate.

extension HMAC {
    /// The tags of four 8-byte big-endian counters (RFC 4226 §5.2: C is 8 bytes), each equal
    /// to `authenticationCode(bufferPointer:)` of that counter's bytes. For SHA-1 the overload
    /// below computes them together; other hashes compute them one at a time.
    @inlinable
    public func authenticationCodes(counters: SIMD4<UInt64>) -> InlineArray<4, Digest> {
        _authenticationCodesOneAtATime(counters: counters)
    }

    @inlinable
    func _authenticationCodesOneAtATime(counters: SIMD4<UInt64>) -> InlineArray<4, Digest> {
        InlineArray { lane in
            var block = counters[lane].bigEndian
            return Swift.withUnsafeBytes(of: &block) { authenticationCode(bufferPointer: $0) }
        }
    }
}

extension HMAC where H == SHA1 {
    /// The HMAC-SHA-1 tags of four 8-byte big-endian counters (RFC 4226 §5.2: C is 8 bytes),
    /// each equal to `authenticationCode(bufferPointer:)` of that counter's bytes.
    @inlinable
    public func authenticationCodes(counters: SIMD4<UInt64>) -> InlineArray<4, Digest> {
        // The lanes handle a freshly keyed value: exactly one block absorbed on each side.
        // Anything else (bytes absorbed after keying) takes the one-at-a-time path.
        guard _inner._state.buffered == 0, _inner._state.lengthLow == 64, _inner._state.lengthHigh == 0,
              _outer._state.buffered == 0, _outer._state.lengthLow == 64, _outer._state.lengthHigh == 0
        else { return _authenticationCodesOneAtATime(counters: counters) }
        // Inner hash, FIPS 198-1 §4 steps 5-6: the second block is the counter, then the
        // padding of FIPS 180-4 §5.1.1 for a 72-byte message (576 bits).
        var w = InlineArray<16, SIMD4<UInt32>>(repeating: .zero)
        w[0] = SIMD4(truncatingIfNeeded: counters &>> 32)
        w[1] = SIMD4(truncatingIfNeeded: counters)
        w[2] = SIMD4(repeating: 0x8000_0000)
        w[15] = SIMD4(repeating: 72 * 8)
        var inner = Self._lanes(_inner._state.core.h)
        _SHA1Core.rounds(&inner, &w)
        // Outer hash, steps 8-9: the inner digest (20 bytes), padded for an 84-byte message.
        w = InlineArray(repeating: .zero)
        for i in 0..<5 { w[i] = inner[i] }
        w[5] = SIMD4(repeating: 0x8000_0000)
        w[15] = SIMD4(repeating: 84 * 8)
        var outer = Self._lanes(_outer._state.core.h)
        _SHA1Core.rounds(&outer, &w)
        return InlineArray { lane in
            _SHA1Core(h: InlineArray { outer[$0][lane] }).digest(count: SHA1.digestByteCount)
        }
    }

    /// The chaining value `h` in every lane.
    @inlinable @inline(__always)
    static func _lanes(_ h: InlineArray<5, UInt32>) -> InlineArray<5, SIMD4<UInt32>> {
        InlineArray { SIMD4(repeating: h[$0]) }
    }
}
