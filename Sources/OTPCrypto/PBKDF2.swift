/// PBKDF2 (RFC 8018 §5.2) with HMAC as the pseudorandom function, used to store recovery
/// codes as salted hashes.
public enum PBKDF2 {
    /// Derives `keyByteCount` bytes from `password` and `salt` with `iterations` rounds of
    /// HMAC-`H` (RFC 8018 §5.2 steps 1 to 5).
    ///
    /// - Throws: `PBKDF2Error` when `iterations` is below 1 or the key length is outside
    ///   1...(2^32 − 1) × hLen (§5.2 step 1).
    public static func deriveKey<H: HashFunction>(
        _: H.Type, password: some Sequence<UInt8>, salt: some Sequence<UInt8>,
        iterations: Int, keyByteCount: Int
    ) throws(PBKDF2Error) -> [UInt8] {
        guard iterations >= 1 else { throw .iterationsOutOfRange(iterations) }
        let hLen = H.digestByteCount
        // Step 1: dkLen <= (2^32 - 1) * hLen; checked without overflowing.
        guard keyByteCount >= 1, (keyByteCount - 1) / hLen < Int(UInt32.max) else {
            throw .keyLengthOutOfRange(keyByteCount)
        }
        let prf = HMAC<H>(key: password)
        let saltBytes = Array(salt)
        var derived: [UInt8] = []
        derived.reserveCapacity(keyByteCount)
        // Steps 2 to 5: T_i = U_1 ⊕ U_2 ⊕ ... ⊕ U_c, with U_1 = PRF(P, S ‖ INT(i)) and
        // U_j = PRF(P, U_{j−1}); the key is T_1 ‖ T_2 ‖ ..., cut to dkLen.
        var blockIndex: UInt32 = 1
        while derived.count < keyByteCount {
            var first = prf
            first.update(saltBytes)
            first.update([
                UInt8(truncatingIfNeeded: blockIndex >> 24), UInt8(truncatingIfNeeded: blockIndex >> 16),
                UInt8(truncatingIfNeeded: blockIndex >> 8), UInt8(truncatingIfNeeded: blockIndex),
            ])
            var u = first.finalize()
            var t = InlineArray<64, UInt8>(repeating: 0)
            for k in 0..<hLen { t[k] = u[k] }
            for _ in 1..<iterations {
                u = u.withUnsafeBytes { prf.authenticationCode(bufferPointer: $0) }
                for k in 0..<hLen { t[k] ^= u[k] }
            }
            for k in 0..<min(hLen, keyByteCount - derived.count) { derived.append(t[k]) }
            blockIndex &+= 1
        }
        return derived
    }
}

/// Why PBKDF2 parameters were refused (RFC 8018 §5.2).
public enum PBKDF2Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The iteration count c is below 1.
    case iterationsOutOfRange(Int)
    /// The derived key length dkLen is below 1 or above (2^32 − 1) × hLen.
    case keyLengthOutOfRange(Int)

    public var description: String {
        switch self {
        case .iterationsOutOfRange(let count):
            "PBKDF2 needs an iteration count of at least 1 (RFC 8018 §5.2), got \(count)"
        case .keyLengthOutOfRange(let length):
            "PBKDF2 derives 1 to (2^32 - 1) × hLen bytes (RFC 8018 §5.2 step 1), asked for \(length)"
        }
    }
}
