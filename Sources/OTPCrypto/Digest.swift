/// The output of a hash function or of HMAC: 1 to 64 bytes, held inline (no heap allocation).
///
/// `==` compares in constant time (see `ConstantTime.swift`); use `isValidTag(_:)` to check a
/// truncated tag against the leftmost bytes.
public struct Digest: Sendable {
    @usableFromInline var _storage: InlineArray<64, UInt8>
    /// The number of bytes.
    public let count: Int

    /// Makes a digest of the leftmost `count` bytes of `words`, each written big-endian
    /// (FIPS 180-4 §3.1: the final hash value is the words concatenated, most significant
    /// byte first). Bytes of the last words beyond `count` are kept but never read.
    @inlinable
    init<Word: FixedWidthInteger>(bigEndian words: UnsafeBufferPointer<Word>, count: Int) {
        _storage = InlineArray(repeating: 0)
        self.count = count
        Swift.withUnsafeMutableBytes(of: &_storage) { raw in
            let wordSize = MemoryLayout<Word>.size
            for i in 0..<Swift.min(words.count, 64 / wordSize) {
                raw.storeBytes(of: words[i].bigEndian, toByteOffset: i * wordSize, as: Word.self)
            }
        }
    }

    @inlinable
    init(_storage: InlineArray<64, UInt8>, count: Int) {
        self._storage = _storage
        self.count = count
    }

    /// The bytes, as an array.
    public var bytes: [UInt8] { Array(self) }

    /// Calls `body` with the digest's bytes.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var copy = _storage
        return try Swift.withUnsafeBytes(of: &copy) { (raw) throws(E) -> R in
            try body(UnsafeRawBufferPointer(rebasing: raw[0..<count]))
        }
    }

    /// The leftmost `n` bytes (a truncated tag, FIPS 198-1 §5), or nil when `n` is not in `0...count`.
    public func prefix(_ n: Int) -> Digest? {
        guard n >= 0, n <= count else { return nil }
        return Digest(_storage: _storage, count: n)
    }

    /// Whether `tag` equals the leftmost `tag.count` bytes of this digest, compared in constant
    /// time. An empty tag, or one longer than the digest, is never valid.
    public func isValidTag(_ tag: some Collection<UInt8>) -> Bool {
        let n = tag.count
        guard n > 0, n <= count else { return false }
        var difference: UInt8 = 0
        var i = 0
        for byte in tag {
            difference |= byte ^ _storage[i]
            i += 1
        }
        return _isZero(difference)
    }
}

extension Digest: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inlinable
    public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < count, "Digest index out of range")
        return _storage[position]
    }
}

extension Digest: Equatable {
    /// Constant-time equality (only the lengths are compared with a branch).
    public static func == (lhs: Digest, rhs: Digest) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<lhs.count {
            difference |= lhs._storage[i] ^ rhs._storage[i]
        }
        return _isZero(difference)
    }
}

extension Digest: CustomStringConvertible {
    /// The digest in lower-case hexadecimal.
    public var description: String {
        let hexDigits: StaticString = "0123456789abcdef"
        var text = ""
        text.reserveCapacity(2 * count)
        for byte in self {
            text.unicodeScalars.append(Unicode.Scalar(hexDigits.utf8Start[Int(byte >> 4)]))
            text.unicodeScalars.append(Unicode.Scalar(hexDigits.utf8Start[Int(byte & 0x0f)]))
        }
        return text
    }
}
