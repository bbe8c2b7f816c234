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
