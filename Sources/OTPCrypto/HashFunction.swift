/// A cryptographic hash function of the SHA family (FIPS 180-4), used incrementally.
///
/// A value holds the state of one hash computation. `update` absorbs message bytes in
/// chunks of any size (including empty ones); `finalize()` returns the digest of everything
/// absorbed so far without consuming the state, so hashing may continue afterwards. Copying
/// a value forks the computation.
public protocol HashFunction: Sendable {
    /// The size of one message block in bytes (64 for SHA-1/SHA-224/SHA-256, 128 for the SHA-512 family).
    static var blockByteCount: Int { get }
    /// The size of the digest in bytes.
    static var digestByteCount: Int { get }

    /// The state for a new, empty message (the initial hash value of FIPS 180-4 §5.3).
    init()

    /// Absorbs the bytes in `bufferPointer`.
    mutating func update(bufferPointer: UnsafeRawBufferPointer)

    /// The digest of the bytes absorbed so far (FIPS 180-4 §5.1 padding, then the final
    /// hash value truncated to `digestByteCount`). The state itself is unchanged.
    func finalize() -> Digest

    /// The digest of the bytes absorbed so far followed by those in `bufferPointer`; the state
    /// itself is unchanged. The same as updating a copy and finalizing it, but without copying
    /// the block buffer: the last step of HMAC and of every one-time password.
    func finalize(appending bufferPointer: UnsafeRawBufferPointer) -> Digest
}

extension HashFunction {
    /// Updates a copy of the state and finalizes it, for conforming types with no faster way.
    @inlinable
    public func finalize(appending bufferPointer: UnsafeRawBufferPointer) -> Digest {
        var copy = self
        copy.update(bufferPointer: bufferPointer)
        return copy.finalize()
    }

    /// Absorbs `bytes`.
    @inlinable
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(bufferPointer: UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update(bufferPointer: $0) }
        }
    }

    /// The digest of `bytes`, computed in one call.
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>) -> Digest {
        var hasher = Self()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of the bytes in `bufferPointer`, computed in one call.
    @inlinable
    public static func hash(bufferPointer: UnsafeRawBufferPointer) -> Digest {
        var hasher = Self()
        hasher.update(bufferPointer: bufferPointer)
        return hasher.finalize()
    }
}
