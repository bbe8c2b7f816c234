import OTPCrypto

/// The hash functions an OTP may use: SHA-1 (RFC 4226 §5.3), SHA-256 and SHA-512
/// (RFC 6238 §1.2). This is the one place where the enum meets the generic `HMAC<H>`.
public enum HashAlgorithm: String, Sendable, CaseIterable {
    case sha1 = "SHA1"
    case sha256 = "SHA256"
    case sha512 = "SHA512"

    /// Parses `SHA1`, `SHA256` or `SHA512` in any letter case (the spelling of the key URI's
    /// `algorithm` parameter); nil for anything else.
    public init?(caseInsensitiveName name: some StringProtocol) {
        var upper = ""
        for scalar in name.unicodeScalars {
            guard scalar.isASCII else { return nil }
            upper.unicodeScalars.append(scalar.properties.isLowercase
                ? Unicode.Scalar(UInt8(scalar.value) - 0x20) : scalar)
        }
        self.init(rawValue: upper)
    }

    /// The digest size in bytes, which is also the default secret size (RFC 4226 §4 R6
    /// recommends 160 bits for SHA-1; RFC 6238's test seeds match each digest size).
    public var digestByteCount: Int {
        switch self {
        case .sha1: SHA1.digestByteCount
        case .sha256: SHA256.digestByteCount
        case .sha512: SHA512.digestByteCount
        }
    }
}

/// An HMAC keyed once with the secret, for the algorithm chosen at run time.
@usableFromInline
enum _KeyedHMAC: Sendable {
    case sha1(HMAC<SHA1>)
    case sha256(HMAC<SHA256>)
    case sha512(HMAC<SHA512>)

    @inlinable
    init(_ algorithm: HashAlgorithm, secret: SecretBytes) {
        switch algorithm {
        case .sha1: self = .sha1(HMAC(key: secret))
        case .sha256: self = .sha256(HMAC(key: secret))
        case .sha512: self = .sha512(HMAC(key: secret))
        }
    }

    /// The tags of four 8-byte counters; SHA-1 computes them together in SIMD lanes.
    @inlinable
    func authenticationCodes(counters: SIMD4<UInt64>) -> InlineArray<4, Digest> {
        switch self {
        case .sha1(let hmac): hmac.authenticationCodes(counters: counters)
        case .sha256(let hmac): hmac.authenticationCodes(counters: counters)
        case .sha512(let hmac): hmac.authenticationCodes(counters: counters)
        }
    }

    @inlinable
    func authenticationCode(bufferPointer: UnsafeRawBufferPointer) -> Digest {
        switch self {
        case .sha1(let hmac): hmac.authenticationCode(bufferPointer: bufferPointer)
        case .sha256(let hmac): hmac.authenticationCode(bufferPointer: bufferPointer)
        case .sha512(let hmac): hmac.authenticationCode(bufferPointer: bufferPointer)
        }
    }
}
