import OTP
import OTPCrypto
import Testing

let sha1Seed = SecretBytes(Array("12345678901234567890".utf8))
let sha256Seed = SecretBytes(Array("12345678901234567890123456789012".utf8))
let sha512Seed = SecretBytes(Array("1234567890123456789012345678901234567890123456789012345678901234".utf8))

func seed(for algorithm: HashAlgorithm) -> SecretBytes {
    switch algorithm {
    case .sha1: sha1Seed
    case .sha256: sha256Seed
    case .sha512: sha512Seed
    }
}

@Suite("HOTP (RFC 4226)")
struct HOTPTests {
    /// RFC 4226 Appendix D: counter, truncated value (hex), HOTP value.
    static let appendixD: [(UInt64, UInt32, String)] = [
        (0, 0x4c93cf18, "755224"), (1, 0x41397eea, "287082"), (2, 0x82fef30, "359152"),
        (3, 0x66ef7655, "969429"), (4, 0x61c5938a, "338314"), (5, 0x33c083d4, "254676"),
        (6, 0x7256c032, "287922"), (7, 0x4e5b397, "162583"), (8, 0x2823443f, "399871"),
        (9, 0x2679dc69, "520489"),
    ]

    @Test("RFC 4226 Appendix D")
    func appendixDValues() throws {
        let hotp = try HOTP(secret: sha1Seed)
        for (counter, truncated, code) in Self.appendixD {
            #expect(hotp.truncatedValue(counter: counter) == truncated)
            #expect(hotp.code(counter: counter) == code)
        }
        #expect(hotp.authenticationCode(counter: 0).description == "cc93cf18508d94934c64b65d8ba7667fb7cde4b0")
    }

    @Test("digits outside 6...10 are an error, not a trap", arguments: [Int.min, -1, 0, 1, 5, 11, 12, Int.max])
    func badDigits(digits: Int) {
        #expect(throws: OTPError.digitsOutOfRange(digits)) { try HOTP(secret: sha1Seed, digits: digits) }
    }

    @Test("an empty secret is an error")
    func emptySecret() {
        #expect(throws: OTPError.emptySecret) { try HOTP(secret: SecretBytes([UInt8]())) }
    }

    @Test("leading zeros are kept")
    func leadingZeros() throws {
        // RFC 4226 Appendix D, counter 2, truncated 0x82fef30 = 137359152: the 10-digit code
        // has a leading zero; the 7-digit one keeps all seven places.
        #expect(try HOTP(secret: sha1Seed, digits: 10).code(counter: 2) == "0137359152")
        #expect(try HOTP(secret: sha1Seed, digits: 7).code(counter: 7) == "2162583")
    }

    @Test("algorithm names parse in any case")
    func algorithmNames() {
        #expect(HashAlgorithm(caseInsensitiveName: "sha1") == .sha1)
        #expect(HashAlgorithm(caseInsensitiveName: "Sha256") == .sha256)
        #expect(HashAlgorithm(caseInsensitiveName: "SHA512") == .sha512)
        #expect(HashAlgorithm(caseInsensitiveName: "SHA-1") == nil)
        #expect(HashAlgorithm(caseInsensitiveName: "md5") == nil)
        #expect(HashAlgorithm(caseInsensitiveName: "ſha1") == nil)
    }
}

@Suite("TOTP (RFC 6238)")
struct TOTPTests {
    /// RFC 6238 Appendix B: time, algorithm, 8-digit TOTP.
    static let appendixB: [(UInt64, HashAlgorithm, String)] = [
        (59, .sha1, "94287082"), (59, .sha256, "46119246"), (59, .sha512, "90693936"),
        (1111111109, .sha1, "07081804"), (1111111109, .sha256, "68084774"), (1111111109, .sha512, "25091201"),
        (1111111111, .sha1, "14050471"), (1111111111, .sha256, "67062674"), (1111111111, .sha512, "99943326"),
        (1234567890, .sha1, "89005924"), (1234567890, .sha256, "91819424"), (1234567890, .sha512, "93441116"),
        (2000000000, .sha1, "69279037"), (2000000000, .sha256, "90698825"), (2000000000, .sha512, "38618901"),
        (20000000000, .sha1, "65353130"), (20000000000, .sha256, "77737706"), (20000000000, .sha512, "47863826"),
    ]

    @Test("RFC 6238 Appendix B, with the 20-, 32- and 64-byte seeds")
    func appendixBValues() throws {
        for (time, algorithm, code) in Self.appendixB {
            let totp = try TOTP(secret: seed(for: algorithm), algorithm: algorithm, digits: 8)
            #expect(try totp.code(at: time) == code, "\(algorithm) at \(time)")
        }
    }

    /// Edge times, periods and T0, computed independently with Python's hmac and the
    /// RFC 4226 §5.3 truncation (algorithm, time, period, T0, digits, code).
    static let edges: [(String, UInt64, UInt64, UInt64, Int, String)] = [
    ("sha1", 0, 30, 0, 10, "1284755224"),
    ("sha1", 2147483647, 30, 0, 9, "824703886"),
    ("sha1", 2147483648, 30, 0, 10, "0824703886"),
    ("sha1", 4294967296, 30, 0, 7, "9791428"),
    ("sha1", 9223372036854775808, 30, 0, 8, "48451934"),
    ("sha1", 18446744073709551615, 30, 0, 10, "0628277486"),
    ("sha1", 18446744073709551615, 1, 0, 6, "094451"),
    ("sha1", 1000, 7, 100, 6, "425216"),
    ("sha1", 100, 30, 100, 8, "84755224"),
    ("sha1", 18446744073709551615, 18446744073709551615, 0, 10, "1094287082"),
    ("sha256", 0, 30, 0, 10, "0618920136"),
    ("sha256", 2147483647, 30, 0, 9, "268493486"),
    ("sha256", 2147483648, 30, 0, 10, "1268493486"),
    ("sha256", 4294967296, 30, 0, 7, "7645532"),
    ("sha256", 9223372036854775808, 30, 0, 8, "02144869"),
    ("sha256", 18446744073709551615, 30, 0, 10, "1770353595"),
    ("sha256", 18446744073709551615, 1, 0, 6, "635627"),
    ("sha256", 1000, 7, 100, 6, "072534"),
    ("sha256", 100, 30, 100, 8, "18920136"),
    ("sha256", 18446744073709551615, 18446744073709551615, 0, 10, "0746119246"),
    ("sha512", 0, 30, 0, 10, "1653550594"),
    ("sha512", 2147483647, 30, 0, 9, "544067341"),
    ("sha512", 2147483648, 30, 0, 10, "1544067341"),
    ("sha512", 4294967296, 30, 0, 7, "2399846"),
    ("sha512", 9223372036854775808, 30, 0, 8, "71964213"),
    ("sha512", 18446744073709551615, 30, 0, 10, "1025210167"),
    ("sha512", 18446744073709551615, 1, 0, 6, "226760"),
    ("sha512", 1000, 7, 100, 6, "397664"),
    ("sha512", 100, 30, 100, 8, "53550594"),
    ("sha512", 18446744073709551615, 18446744073709551615, 0, 10, "0490693936"),
    ]

    @Test("edge times (0, 2^31±1, 2^32, 2^63, 2^64−1), periods and T0 equal an independent computation")
    func edgeTimes() throws {
        for (name, time, period, t0, digits, code) in Self.edges {
            let algorithm = try #require(HashAlgorithm(caseInsensitiveName: name))
            let totp = try TOTP(secret: seed(for: algorithm), algorithm: algorithm, digits: digits, period: period, t0: t0)
            #expect(try totp.code(at: time) == code, "\(name) at \(time), X=\(period), T0=\(t0)")
        }
    }

    @Test("a time before T0 is an error; a zero period is an error")
    func errors() throws {
        let totp = try TOTP(secret: sha1Seed, t0: 100)
        #expect(throws: OTPError.timeBeforeT0(time: 99, t0: 100)) { try totp.code(at: 99) }
        #expect(try totp.counter(at: 100) == 0)
        #expect(throws: OTPError.periodIsZero) { try TOTP(secret: sha1Seed, period: 0) }
    }

    @Test("error messages name the rule and never the secret")
    func errorMessages() {
        #expect(OTPError.digitsOutOfRange(5).description.contains("6 to 10"))
        #expect(OTPError.timeBeforeT0(time: 1, t0: 2).description.contains("T0"))
    }
}
