/// The compression step of one SHA family: its chaining value and how a block updates it.
@usableFromInline
protocol _CompressionCore: Sendable {
    /// The block size in bytes (64 or 128).
    static var blockByteCount: Int { get }
    /// The size of the message-length field that ends the padding, in bytes (8 or 16; FIPS 180-4 §5.1).
    static var lengthFieldByteCount: Int { get }
    /// Processes `blocks`, whose count is a positive multiple of `blockByteCount` (FIPS 180-4 §6).
    mutating func compress(_ blocks: UnsafeRawBufferPointer)
    /// The leftmost `count` bytes of the chaining value.
    func digest(count: Int) -> Digest
}

/// Block buffering, message-length counting and padding (FIPS 180-4 §5.1), shared by every SHA variant.
@usableFromInline
struct _MerkleDamgard<Core: _CompressionCore>: Sendable {
    @usableFromInline var core: Core
    /// Bytes of an incomplete block; `buffered` of them are in use.
    @usableFromInline var buffer: InlineArray<128, UInt8> = InlineArray(repeating: 0)
    @usableFromInline var buffered: Int = 0
    /// The message length in bytes, as a 128-bit number (high, low). Adding with carry means
    /// the count never overflows or traps: FIPS 180-4 limits SHA-1 and SHA-256 to messages
    /// shorter than 2^64 bits and the SHA-512 family to 2^128 bits, far beyond this.
    @usableFromInline var lengthLow: UInt64 = 0
    @usableFromInline var lengthHigh: UInt64 = 0

    @inlinable
    init(_ core: Core) {
        self.core = core
    }

    @inlinable
    mutating func update(_ input: UnsafeRawBufferPointer) {
        guard var rest = input.baseAddress, !input.isEmpty else { return }
        var remaining = input.count
        let (sum, carry) = lengthLow.addingReportingOverflow(UInt64(truncatingIfNeeded: remaining))
        lengthLow = sum
        if carry { lengthHigh &+= 1 }

        let blockSize = Core.blockByteCount
        if buffered > 0 {
            let take = min(blockSize - buffered, remaining)
            Swift.withUnsafeMutableBytes(of: &buffer) { raw in
                raw.baseAddress!.advanced(by: buffered).copyMemory(from: rest, byteCount: take)
            }
            buffered += take
            rest += take
            remaining -= take
            guard buffered == blockSize else { return }
            compressBuffer()
        }
        let whole = remaining - remaining % blockSize
        if whole > 0 {
            core.compress(UnsafeRawBufferPointer(start: rest, count: whole))
            rest += whole
            remaining -= whole
        }
        if remaining > 0 {
            Swift.withUnsafeMutableBytes(of: &buffer) { raw in
                raw.baseAddress!.copyMemory(from: rest, byteCount: remaining)
            }
            buffered = remaining
        }
    }

    @inlinable
    mutating func compressBuffer() {
        let blockSize = Core.blockByteCount
        Swift.withUnsafeBytes(of: &buffer) { raw in
            core.compress(UnsafeRawBufferPointer(rebasing: raw[0..<blockSize]))
        }
        buffered = 0
    }

    /// The digest of the message absorbed so far followed by `tail`, leaving the state
    /// unchanged: pads (FIPS 180-4 §5.1.1 and §5.1.2: a 1 bit, zeros, then the message length
    /// in bits, big-endian) and returns the leftmost `count` bytes of the final hash value.
    /// When the buffered bytes and `tail` fit in one block, as for every HMAC of a counter,
    /// the padding is built in a local block and only the small chaining value is copied.
    @inlinable
    func finalize(appending tail: UnsafeRawBufferPointer, count: Int) -> Digest {
        let blockSize = Core.blockByteCount
        let lengthField = Core.lengthFieldByteCount
        guard buffered + tail.count < blockSize else {
            var copy = self
            copy.update(tail)
            return copy.finalize(appending: UnsafeRawBufferPointer(start: nil, count: 0), count: count)
        }
        let (totalLow, carry) = lengthLow.addingReportingOverflow(UInt64(truncatingIfNeeded: tail.count))
        let totalHigh = carry ? lengthHigh &+ 1 : lengthHigh
        let bitsHigh = (totalHigh << 3) | (totalLow >> 61)
        let bitsLow = totalLow << 3
        let used = buffered + tail.count

        var core = self.core
        var block = InlineArray<128, UInt8>(repeating: 0)
        Swift.withUnsafeMutableBytes(of: &block) { raw in
            Swift.withUnsafeBytes(of: buffer) { raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<buffered])) }
            if let base = tail.baseAddress {
                raw.baseAddress!.advanced(by: buffered).copyMemory(from: base, byteCount: tail.count)
            }
            raw[used] = 0x80
        }
        // The length field does not fit after the 1 bit: that block is full, and the length
        // goes in a block of zeros after it.
        if used + 1 > blockSize - lengthField {
            Swift.withUnsafeBytes(of: &block) { core.compress(UnsafeRawBufferPointer(rebasing: $0[0..<blockSize])) }
            block = InlineArray(repeating: 0)
        }
        Swift.withUnsafeMutableBytes(of: &block) { raw in
            raw.storeBytes(of: bitsLow.bigEndian, toByteOffset: blockSize - 8, as: UInt64.self)
            if lengthField == 16 {
                raw.storeBytes(of: bitsHigh.bigEndian, toByteOffset: blockSize - 16, as: UInt64.self)
            }
            core.compress(UnsafeRawBufferPointer(rebasing: raw[0..<blockSize]))
        }
        return core.digest(count: count)
    }
}

#if !hasFeature(Embedded)
/// A hash state shows only how many bytes it absorbed. Its chaining value and buffered bytes
/// come from the message, which may be a key (every HMAC, and so every HOTP and TOTP, holds
/// two states keyed with K0 ⊕ ipad and K0 ⊕ opad, from which codes can be computed), so
/// neither `print`, `String(reflecting:)` nor `dump` shows them in any containing value.
extension _MerkleDamgard: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    @usableFromInline var description: String { "\(lengthLow) bytes absorbed, state redacted" }
    @usableFromInline var debugDescription: String { description }
    @usableFromInline var customMirror: Mirror {
        Mirror(self, children: ["absorbed": lengthLow, "state": "redacted"], displayStyle: .struct)
    }
}
#endif
