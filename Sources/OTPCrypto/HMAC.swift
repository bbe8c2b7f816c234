/// HMAC (RFC 2104; FIPS 198-1 §4), generic over the hash function:
/// `HMAC(K, text) = H((K0 ⊕ opad) ‖ H((K0 ⊕ ipad) ‖ text))`.
///
/// A new value holds the keyed inner and outer hash states; the key is processed once, in
/// `init(key:)`. Copying the value reuses that work, so one keyed value can authenticate
/// many messages (every counter in a verification window) without re-hashing the key.
public struct HMAC<H: HashFunction>: Sendable {
    @usableFromInline var _inner: H
    @usableFromInline var _outer: H

    /// The shortest tag that `isValidAuthenticationCode` accepts: 32 bits, the lower bound of
    /// NIST SP 800-107 Rev. 1 §5.3.3 for truncated HMAC tags.
    public static var minimumTagByteCount: Int { 4 }

    /// Keys the state with `key`, of any length.
    @inlinable
    public init(key: some Sequence<UInt8>) {
        var inner = H()
        var outer = H()
        let done: Void? = key.withContiguousStorageIfAvailable { buffer in
            Self._absorbKey(UnsafeRawBufferPointer(buffer), inner: &inner, outer: &outer)
        }
        if done == nil {
            let copy = Array(key)
            copy.withUnsafeBytes { Self._absorbKey($0, inner: &inner, outer: &outer) }
        }
        _inner = inner
        _outer = outer
    }

    /// Keys the state with a secret key.
    @inlinable
    public init(key: SecretBytes) {
        var inner = H()
        var outer = H()
        key.withUnsafeBytes { Self._absorbKey($0, inner: &inner, outer: &outer) }
        _inner = inner
        _outer = outer
    }

    /// FIPS 198-1 §4, steps 1 to 4 and 7: derive K0 from the key, then absorb K0 ⊕ ipad
    /// into the inner hash and K0 ⊕ opad into the outer one.
    @inlinable
    static func _absorbKey(_ key: UnsafeRawBufferPointer, inner: inout H, outer: inout H) {
        let blockSize = H.blockByteCount
        // Steps 1-3: K0 is the key, or H(key) when the key is longer than a block, padded
        // with zeros to the block size.
        var k0 = InlineArray<128, UInt8>(repeating: 0)
        if key.count > blockSize {
            let digest = H.hash(bufferPointer: key)
            for i in 0..<digest.count { k0[i] = digest[i] }
        } else {
            for i in 0..<key.count { k0[i] = key[i] }
        }
        // Step 4: K0 ⊕ ipad (0x36 repeated); step 7: K0 ⊕ opad (0x5c repeated).
        var pad = InlineArray<128, UInt8>(repeating: 0)
        for i in 0..<blockSize { pad[i] = k0[i] ^ 0x36 }
        Swift.withUnsafeBytes(of: &pad) { inner.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<blockSize])) }
        for i in 0..<blockSize { pad[i] = k0[i] ^ 0x5c }
        Swift.withUnsafeBytes(of: &pad) { outer.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<blockSize])) }
        // Do not leave key-derived bytes in these stack buffers (see `_wipe`).
        Swift.withUnsafeMutableBytes(of: &k0) { _wipe($0) }
        Swift.withUnsafeMutableBytes(of: &pad) { _wipe($0) }
    }

    /// Absorbs message bytes (FIPS 198-1 §4 step 5, streamed).
    @inlinable
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        _inner.update(bufferPointer: bufferPointer)
    }

    /// Absorbs message bytes (FIPS 198-1 §4 step 5, streamed).
    @inlinable
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        _inner.update(bytes)
    }

    /// The tag of the message absorbed so far (FIPS 198-1 §4 steps 6, 8 and 9), without
    /// consuming the state.
    @inlinable
    public func finalize() -> Digest {
        _inner.finalize().withUnsafeBytes { _outer.finalize(appending: $0) }
    }

    /// The tag of `message` under this key, leaving this keyed state unchanged for reuse.
    @inlinable
    public func authenticationCode(for message: some Sequence<UInt8>) -> Digest {
        var copy = self
        copy.update(message)
        return copy.finalize()
    }

    /// The tag of the bytes in `bufferPointer` under this key, leaving this keyed state unchanged.
    @inlinable
    public func authenticationCode(bufferPointer: UnsafeRawBufferPointer) -> Digest {
        _inner.finalize(appending: bufferPointer).withUnsafeBytes { _outer.finalize(appending: $0) }
    }

    /// The tag of `message` under `key`, in one call.
    @inlinable
    public static func authenticationCode(for message: some Sequence<UInt8>, key: some Sequence<UInt8>) -> Digest {
        HMAC(key: key).authenticationCode(for: message)
    }

    /// Whether `tag` is the HMAC of `message` under this key, or its leftmost `tag.count`
    /// bytes (a truncated tag, FIPS 198-1 §5), compared in constant time. Tags shorter than
    /// `minimumTagByteCount` or longer than the digest are rejected.
    @inlinable
    public func isValidAuthenticationCode(_ tag: some Collection<UInt8>, for message: some Sequence<UInt8>) -> Bool {
        guard tag.count >= Self.minimumTagByteCount else { return false }
        return authenticationCode(for: message).isValidTag(tag)
    }
}
