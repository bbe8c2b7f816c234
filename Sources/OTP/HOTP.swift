import OTPCrypto

/// HOTP: an HMAC-based one-time password generator (RFC 4226).
///
/// The HMAC is keyed once, when the value is made; each code then costs two hash
/// compressions of the counter block, with no heap allocation.
public struct HOTP: Sendable {
    /// The hash function of the HMAC.
    public let algorithm: HashAlgorithm
    /// The number of decimal digits in a code, 6...10.
    public let digits: Int
    @usableFromInline let _key: _KeyedHMAC

    /// The codes accepted as `digits`: RFC 4226 §5.3 asks for at least 6, and a 31-bit
    /// truncated value has at most 10 decimal digits.
    public static let digitRange: ClosedRange<Int> = 6...10

    /// A generator for `secret`.
    ///
    /// - Throws: `OTPError.digitsOutOfRange` or `OTPError.emptySecret`.
    public init(secret: SecretBytes, algorithm: HashAlgorithm = .sha1, digits: Int = 6) throws(OTPError) {
        guard Self.digitRange.contains(digits) else { throw .digitsOutOfRange(digits) }
        guard !secret.isEmpty else { throw .emptySecret }
        self.algorithm = algorithm
        self.digits = digits
        _key = _KeyedHMAC(algorithm, secret: secret)
    }

    /// RFC 4226 §5.3 step 1: HS = HMAC(K, C), with C the counter as 8 big-endian bytes.
    @inlinable
    public func authenticationCode(counter: UInt64) -> Digest {
        var block = counter.bigEndian
        return Swift.withUnsafeBytes(of: &block) { _key.authenticationCode(bufferPointer: $0) }
    }

    /// RFC 4226 §5.3 step 2: dynamic truncation of HS to a 31-bit number. The offset is the
    /// low 4 bits of the last byte, as RFC 6238 Appendix A does for SHA-256 and SHA-512.
    @inlinable
    public func truncatedValue(counter: UInt64) -> UInt32 {
        Self.dynamicTruncation(authenticationCode(counter: counter))
    }

    /// RFC 4226 §5.3 step 2 (DT) applied to an HMAC output of 20 or more bytes.
    @inlinable
    static func dynamicTruncation(_ hs: Digest) -> UInt32 {
        let offset = Int(hs[hs.count - 1] & 0x0f)
        return UInt32(hs[offset] & 0x7f) << 24
            | UInt32(hs[offset + 1]) << 16
            | UInt32(hs[offset + 2]) << 8
            | UInt32(hs[offset + 3])
    }

    /// RFC 4226 §5.3 step 3: the code for `counter`, the truncated value modulo 10^digits,
    /// written with exactly `digits` digits (leading zeros kept: `"000123"`).
    @inlinable
    public func code(counter: UInt64) -> String {
        Self.decimal(truncatedValue(counter: counter), digits: digits)
    }

    /// The value of the code of every counter in `first...last` (RFC 4226 §5.3 step 3 as a
    /// number: the code `"000123"` is 123), in order, passed to `body` with its counter.
    /// Counters are taken four at a time, which SHA-1 computes in SIMD lanes; every counter in
    /// the range is computed whatever `body` does, so the time depends only on the range.
    @inlinable
    func _forEachCodeValue(from first: UInt64, through last: UInt64, _ body: (UInt64, UInt64) -> Void) {
        guard first <= last else { return }
        var start = first
        while true {
            let remaining = last - start  // counters after `start` still to do
            let lanes = SIMD4(start, start &+ 1, start &+ 2, start &+ 3)
            let codes = _key.authenticationCodes(counters: lanes)
            for lane in 0..<4 where UInt64(lane) <= remaining {
                body(start + UInt64(lane), Self.codeValue(Self.dynamicTruncation(codes[lane]), digits: digits))
            }
            guard remaining >= 4 else { return }
            start += 4
        }
    }

    /// RFC 4226 §5.3 step 3: `value` modulo 10^digits. Each divisor is a constant, so the
    /// compiler turns the remainder into multiplications, whose time does not depend on the
    /// (secret) value as a division's may. A 31-bit value is already below 10^10.
    @inlinable
    static func codeValue(_ value: UInt32, digits: Int) -> UInt64 {
        let wide = UInt64(value)
        switch digits {
        case 6: return wide % 1_000_000
        case 7: return wide % 10_000_000
        case 8: return wide % 100_000_000
        case 9: return wide % 1_000_000_000
        default: return wide
        }
    }

    /// `value` modulo 10^digits as exactly `digits` ASCII digits. At most 10 digits, so the
    /// string is stored inline, without a heap allocation.
    @inlinable
    static func decimal(_ value: UInt32, digits: Int) -> String {
        String(unsafeUninitializedCapacity: digits) { buffer in
            var rest = value
            for i in stride(from: digits - 1, through: 0, by: -1) {
                buffer[i] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                rest /= 10
            }
            return digits
        }
    }
}
