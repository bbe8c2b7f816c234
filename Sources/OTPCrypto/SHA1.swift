/// SHA-1 (FIPS 180-4 §6.1): 64-byte blocks, 20-byte digest.
///
/// SHA-1 is broken for collision resistance but remains sound inside HMAC, which is where
/// RFC 4226 and RFC 6238 use it.
public struct SHA1: HashFunction {
    public static var blockByteCount: Int { 64 }
    public static var digestByteCount: Int { 20 }

    @usableFromInline var _state: _MerkleDamgard<_SHA1Core>

    /// FIPS 180-4 §5.3.1.
    @inlinable
    public init() {
        _state = _MerkleDamgard(_SHA1Core(h: [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0]))
    }

    @inlinable
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        _state.update(bufferPointer)
    }

    @inlinable
    public func finalize() -> Digest { finalize(appending: UnsafeRawBufferPointer(start: nil, count: 0)) }

    @inlinable
    public func finalize(appending bufferPointer: UnsafeRawBufferPointer) -> Digest {
        _state.finalize(appending: bufferPointer, count: Self.digestByteCount)
    }
}

/// The SHA-1 chaining value H0...H4.
@usableFromInline
struct _SHA1Core: _CompressionCore {
    @usableFromInline static var blockByteCount: Int { 64 }
    @usableFromInline static var lengthFieldByteCount: Int { 8 }

    @usableFromInline var h: InlineArray<5, UInt32>

    @inlinable
    init(h: InlineArray<5, UInt32>) {
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
