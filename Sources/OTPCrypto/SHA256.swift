/// SHA-256 (FIPS 180-4 §6.2): 64-byte blocks, 32-byte digest.
public struct SHA256: HashFunction {
    public static var blockByteCount: Int { 64 }
    public static var digestByteCount: Int { 32 }

    @usableFromInline var _state: _MerkleDamgard<_SHA256Core>

    /// FIPS 180-4 §5.3.3.
    @inlinable
    public init() {
        _state = _MerkleDamgard(_SHA256Core(h: [
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
        ]))
    }

    @inlinable
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) { _state.update(bufferPointer) }

    @inlinable
    public func finalize() -> Digest { finalize(appending: UnsafeRawBufferPointer(start: nil, count: 0)) }

    @inlinable
    public func finalize(appending bufferPointer: UnsafeRawBufferPointer) -> Digest {
        _state.finalize(appending: bufferPointer, count: Self.digestByteCount)
    }
}

/// SHA-224 (FIPS 180-4 §6.3): SHA-256 with its own initial hash value, truncated to 28 bytes.
public struct SHA224: HashFunction {
    public static var blockByteCount: Int { 64 }
    public static var digestByteCount: Int { 28 }

    @usableFromInline var _state: _MerkleDamgard<_SHA256Core>

    /// FIPS 180-4 §5.3.2.
    @inlinable
    public init() {
        _state = _MerkleDamgard(_SHA256Core(h: [
            0xc105_9ed8, 0x367c_d507, 0x3070_dd17, 0xf70e_5939, 0xffc0_0b31, 0x6858_1511, 0x64f9_8fa7, 0xbefa_4fa4,
        ]))
    }

    @inlinable
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) { _state.update(bufferPointer) }

    @inlinable
    public func finalize() -> Digest { finalize(appending: UnsafeRawBufferPointer(start: nil, count: 0)) }

    @inlinable
    public func finalize(appending bufferPointer: UnsafeRawBufferPointer) -> Digest {
        _state.finalize(appending: bufferPointer, count: Self.digestByteCount)
    }
}

/// The SHA-256 chaining value H0...H7, shared by SHA-224 and SHA-256.
@usableFromInline
struct _SHA256Core: _CompressionCore {
    @usableFromInline static var blockByteCount: Int { 64 }
    @usableFromInline static var lengthFieldByteCount: Int { 8 }

    @usableFromInline var h: InlineArray<8, UInt32>

    @inlinable
    init(h: InlineArray<8, UInt32>) {
        self.h = h
    }

    @inlinable
    func digest(count: Int) -> Digest {
        var words = h
        return Swift.withUnsafeBytes(of: &words) { raw in
            Digest(bigEndian: raw.assumingMemoryBound(to: UInt32.self), count: count)
        }
    }
}
