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

    /// Pads a copy of the state (FIPS 180-4 §5.1.1 and §5.1.2: a 1 bit, zeros, then the
    /// message length in bits, big-endian) and returns the leftmost `count` bytes.
    @inlinable
    func finalize(count: Int) -> Digest {
        var copy = self
        let blockSize = Core.blockByteCount
        let lengthField = Core.lengthFieldByteCount
        let bitsHigh = (lengthHigh << 3) | (lengthLow >> 61)
        let bitsLow = lengthLow << 3

        Swift.withUnsafeMutableBytes(of: &copy.buffer) { raw in
            raw[copy.buffered] = 0x80
            _ = UnsafeMutableRawBufferPointer(rebasing: raw[(copy.buffered + 1)..<blockSize])
                .initializeMemory(as: UInt8.self, repeating: 0)
        }
        if copy.buffered + 1 > blockSize - lengthField {
            copy.compressBuffer()
            Swift.withUnsafeMutableBytes(of: &copy.buffer) { raw in
                _ = UnsafeMutableRawBufferPointer(rebasing: raw[0..<blockSize]).initializeMemory(as: UInt8.self, repeating: 0)
            }
        }
        Swift.withUnsafeMutableBytes(of: &copy.buffer) { raw in
            raw.storeBytes(of: bitsLow.bigEndian, toByteOffset: blockSize - 8, as: UInt64.self)
            if lengthField == 16 {
                raw.storeBytes(of: bitsHigh.bigEndian, toByteOffset: blockSize - 16, as: UInt64.self)
            }
        }
        copy.compressBuffer()
        return copy.core.digest(count: count)
    }
}
