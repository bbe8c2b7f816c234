// Constant-time helpers, all in one place.
//
// What these promise: for two inputs of the same length, the time taken does not depend on
// their contents or on where they first differ (every byte is read, differences are
// accumulated with OR, and the result is derived without a data-dependent branch).
// What still leaks: the lengths. Comparing inputs of different lengths returns false at
// once; callers must only compare values whose length is public (a digest, a tag of a
// configured size, a code of a configured number of digits).

/// Whether `a` and `b` hold the same bytes, in time that depends only on their lengths.
@inlinable
public func constantTimeEqual(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    // Contiguous bytes (arrays, and the UTF-8 of native strings such as codes) go through the
    // raw-buffer loop below; iterating two string views side by side costs several times more.
    let contiguous: Bool?? = a.withContiguousStorageIfAvailable { x in
        b.withContiguousStorageIfAvailable { y in constantTimeEqual(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) }
    }
    if case .some(.some(let equal)) = contiguous { return equal }
    var difference: UInt8 = 0
    for (x, y) in zip(a, b) {
        difference |= x ^ y
    }
    return _isZero(difference)
}

/// Whether the bytes in two raw buffers are the same, in time that depends only on their lengths.
@inlinable
public func constantTimeEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for i in 0..<a.count {
        difference |= a[i] ^ b[i]
    }
    return _isZero(difference)
}

/// Whether two 64-bit numbers (such as a one-time password's value) are equal, without a
/// branch or an early exit on their bits.
@inlinable
public func constantTimeEqual(_ a: UInt64, _ b: UInt64) -> Bool {
    let x = a ^ b
    // x | −x has its top bit set exactly when x is not zero.
    return (x | (0 &- x)) >> 63 == 0
}

/// 1 when `x` is zero, 0 otherwise, computed without branching on `x`.
@inlinable
func _isZeroMask(_ x: UInt8) -> UInt8 {
    // Widened to 16 bits, x - 1 is negative (top bit set) only when x was 0.
    let wide = UInt16(x) &- 1
    return UInt8(truncatingIfNeeded: wide >> 15)
}

@inlinable
func _isZero(_ x: UInt8) -> Bool {
    _isZeroMask(x) == 1
}
