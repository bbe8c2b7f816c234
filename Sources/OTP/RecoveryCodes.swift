import OTPCrypto
import OTPEncoding

/// Single-use recovery codes, for a user who lost the device: shown once when made, then
/// stored only as salted PBKDF2-HMAC-SHA256 hashes (RFC 8018 §5.2).
///
/// A code is 16 Base32 characters (80 random bits), shown in groups of four
/// (`abcd-efgh-ijkl-mnop`); when redeemed, case, spaces and hyphens do not matter. Each code
/// has its own random salt. Because the codes are random and long, a modest iteration count
/// suffices: the hashes resist a stolen database by the codes' entropy, not by stretching.
public struct RecoveryCodes: Sendable, Equatable {
    /// What is stored for one code.
    public struct Entry: Sendable, Equatable {
        public var salt: [UInt8]
        public var hash: [UInt8]
        public var isUsed: Bool

        public init(salt: [UInt8], hash: [UInt8], isUsed: Bool) {
            self.salt = salt
            self.hash = hash
            self.isUsed = isUsed
        }
    }

    public var entries: [Entry]
    /// The PBKDF2 iteration count used for every entry.
    public var iterations: Int

    /// Bytes of randomness in one code (80 bits, 16 Base32 characters).
    public static let codeByteCount = 10
    static let saltByteCount = 16
    static let hashByteCount = 32

    public init(entries: [Entry], iterations: Int) {
        self.entries = entries
        self.iterations = iterations
    }

    /// Makes `count` new codes. Returns the codes to show the user once, and the value to store.
    ///
    /// - Throws: `PBKDF2Error` when `iterations` is below 1.
    public static func generate(
        count: Int = 10, iterations: Int = 10_000, using generator: inout some RandomNumberGenerator
    ) throws(PBKDF2Error) -> (codes: [String], stored: RecoveryCodes) {
        var codes: [String] = []
        var entries: [Entry] = []
        for _ in 0..<max(count, 0) {
            let secret = randomBytes(codeByteCount, using: &generator)
            let salt = randomBytes(saltByteCount, using: &generator)
            let hash = try PBKDF2.deriveKey(
                SHA256.self, password: secret, salt: salt, iterations: iterations, keyByteCount: hashByteCount)
            codes.append(display(secret))
            entries.append(Entry(salt: salt, hash: hash, isUsed: false))
        }
        return (codes, RecoveryCodes(entries: entries, iterations: iterations))
    }

    /// Makes `count` new codes with the system's cryptographically secure generator.
    public static func generate(count: Int = 10, iterations: Int = 10_000) throws(PBKDF2Error) -> (codes: [String], stored: RecoveryCodes) {
        var generator = SystemRandomNumberGenerator()
        return try generate(count: count, iterations: iterations, using: &generator)
    }

    /// The number of codes not used yet.
    public var remaining: Int { entries.filter { !$0.isUsed }.count }

    /// Redeems `code`: the stored value with that code marked used, or nil when the code is
    /// not one of the unused codes. Every unused entry is hashed and compared in constant
    /// time, so the time does not tell which entry matched.
    public func redeeming(_ code: String) -> RecoveryCodes? {
        guard let secret = try? Base32.decodeLenient(code), secret.count == Self.codeByteCount else { return nil }
        var matched: Int? = nil
        for (index, entry) in entries.enumerated() where !entry.isUsed {
            guard let hash = try? PBKDF2.deriveKey(
                SHA256.self, password: secret, salt: entry.salt, iterations: iterations, keyByteCount: Self.hashByteCount)
            else { return nil }
            if constantTimeEqual(hash, entry.hash) && matched == nil { matched = index }
        }
        guard let matched else { return nil }
        var next = self
        next.entries[matched].isUsed = true
        return next
    }

    static func display(_ secret: [UInt8]) -> String {
        let text = Base32.encode(secret, padding: false)
        var out = ""
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if i > 0 && i % 4 == 0 { out.unicodeScalars.append("-") }
            let lower = scalar.properties.isUppercase ? Unicode.Scalar(UInt8(scalar.value) + 0x20) : scalar
            out.unicodeScalars.append(lower)
        }
        return out
    }
}

/// `count` bytes from `generator`.
func randomBytes(_ count: Int, using generator: inout some RandomNumberGenerator) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    while bytes.count < count {
        var word = generator.next()
        for _ in 0..<min(8, count - bytes.count) {
            bytes.append(UInt8(truncatingIfNeeded: word))
            word >>= 8
        }
    }
    return bytes
}

#if !hasFeature(Embedded)
extension RecoveryCodes: Codable {}
extension RecoveryCodes.Entry: Codable {}
#endif
