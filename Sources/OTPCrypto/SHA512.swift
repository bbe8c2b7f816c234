/// SHA-512 (FIPS 180-4 §6.4): 128-byte blocks, 64-byte digest.
public struct SHA512: HashFunction {
    public static var blockByteCount: Int { 128 }
    public static var digestByteCount: Int { 64 }

    @usableFromInline var _state: _MerkleDamgard<_SHA512Core>

    /// FIPS 180-4 §5.3.5.
    @inlinable
    public init() {
        _state = _MerkleDamgard(_SHA512Core(h: [
            0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
            0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179,
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

/// SHA-384 (FIPS 180-4 §6.5): SHA-512 with its own initial hash value, truncated to 48 bytes.
public struct SHA384: HashFunction {
    public static var blockByteCount: Int { 128 }
    public static var digestByteCount: Int { 48 }

    @usableFromInline var _state: _MerkleDamgard<_SHA512Core>

    /// FIPS 180-4 §5.3.4.
    @inlinable
    public init() {
        _state = _MerkleDamgard(_SHA512Core(h: [
            0xcbbb_9d5d_c105_9ed8, 0x629a_292a_367c_d507, 0x9159_015a_3070_dd17, 0x152f_ecd8_f70e_5939,
            0x6733_2667_ffc0_0b31, 0x8eb4_4a87_6858_1511, 0xdb0c_2e0d_64f9_8fa7, 0x47b5_481d_befa_4fa4,
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

/// SHA-512/224 (FIPS 180-4 §6.7): SHA-512 with its own initial hash value, truncated to 28 bytes.
public struct SHA512_224: HashFunction {
    public static var blockByteCount: Int { 128 }
    public static var digestByteCount: Int { 28 }

    @usableFromInline var _state: _MerkleDamgard<_SHA512Core>

    /// FIPS 180-4 §5.3.6.1.
    @inlinable
    public init() {
        _state = _MerkleDamgard(_SHA512Core(h: [
            0x8c3d_37c8_1954_4da2, 0x73e1_9966_89dc_d4d6, 0x1dfa_b7ae_32ff_9c82, 0x679d_d514_582f_9fcf,
            0x0f6d_2b69_7bd4_4da8, 0x77e3_6f73_04c4_8942, 0x3f9d_85a8_6a1d_36c8, 0x1112_e6ad_91d6_92a1,
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

/// SHA-512/256 (FIPS 180-4 §6.7): SHA-512 with its own initial hash value, truncated to 32 bytes.
public struct SHA512_256: HashFunction {
    public static var blockByteCount: Int { 128 }
    public static var digestByteCount: Int { 32 }

    @usableFromInline var _state: _MerkleDamgard<_SHA512Core>

    /// FIPS 180-4 §5.3.6.2.
    @inlinable
    public init() {
        _state = _MerkleDamgard(_SHA512Core(h: [
            0x2231_2194_fc2b_f72c, 0x9f55_5fa3_c84c_64c2, 0x2393_b86b_6f53_b151, 0x9638_7719_5940_eabd,
            0x9628_3ee2_a88e_ffe3, 0xbe5e_1e25_5386_3992, 0x2b01_99fc_2c85_b8aa, 0x0eb7_2ddc_81c5_2ca2,
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

/// The SHA-512 chaining value H0...H7, shared by SHA-384, SHA-512, SHA-512/224 and SHA-512/256.
@usableFromInline
struct _SHA512Core: _CompressionCore {
    @usableFromInline static var blockByteCount: Int { 128 }
    @usableFromInline static var lengthFieldByteCount: Int { 16 }

    @usableFromInline var h: InlineArray<8, UInt64>

    @inlinable
    init(h: InlineArray<8, UInt64>) {
        self.h = h
    }

    @inlinable
    func digest(count: Int) -> Digest {
        var words = h
        return Swift.withUnsafeBytes(of: &words) { raw in
            Digest(bigEndian: raw.assumingMemoryBound(to: UInt64.self), count: count)
        }
    }
}
