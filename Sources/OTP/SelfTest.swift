import OTPCrypto

/// Power-up known-answer tests in the spirit of FIPS 140-3 §7.10 (self-tests): one published
/// answer for each hash function, HMAC with each OTP hash, HOTP and TOTP. Cheap enough to run
/// at start-up on a microcontroller: about twenty compression-function calls in all.
public enum SelfTest {
    /// One known-answer test.
    public enum Check: String, Sendable, CaseIterable {
        case sha1, sha224, sha256, sha384, sha512, sha512_224, sha512_256
        case hmacSHA1, hmacSHA256, hmacSHA512
        case hotp, totp
    }

    /// Runs every check and returns those that failed; empty when all passed.
    public static func run() -> [Check] {
        Check.allCases.filter { !passes($0) }
    }

    /// Whether one check gives its published answer.
    public static func passes(_ check: Check) -> Bool {
        // FIPS 180-4 example message "abc" (NIST's examples of the SHA family).
        let abc: [UInt8] = [0x61, 0x62, 0x63]
        // RFC 2202 §3 / RFC 4231 §4.3 test case 2: key "Jefe", "what do ya want for nothing?".
        let jefe: [UInt8] = Array("Jefe".utf8)
        let question: [UInt8] = Array("what do ya want for nothing?".utf8)
        switch check {
        case .sha1:
            return SHA1.hash(abc).isHex("a9993e364706816aba3e25717850c26c9cd0d89d")
        case .sha224:
            return SHA224.hash(abc).isHex("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")
        case .sha256:
            return SHA256.hash(abc).isHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        case .sha384:
            return SHA384.hash(abc).isHex(
                "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        case .sha512:
            return SHA512.hash(abc).isHex(
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        case .sha512_224:
            return SHA512_224.hash(abc).isHex("4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa")
        case .sha512_256:
            return SHA512_256.hash(abc).isHex("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23")
        case .hmacSHA1:
            return HMAC<SHA1>.authenticationCode(for: question, key: jefe).isHex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        case .hmacSHA256:
            return HMAC<SHA256>.authenticationCode(for: question, key: jefe)
                .isHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        case .hmacSHA512:
            return HMAC<SHA512>.authenticationCode(for: question, key: jefe).isHex(
                "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")
        case .hotp:
            // RFC 4226 Appendix D, counter 9.
            guard let hotp = try? HOTP(secret: SecretBytes(Array("12345678901234567890".utf8))) else { return false }
            return hotp.code(counter: 9) == "520489"
        case .totp:
            // RFC 6238 Appendix B, SHA-256 at 1111111109, with the 32-byte seed.
            guard let totp = try? TOTP(
                secret: SecretBytes(Array("12345678901234567890123456789012".utf8)), algorithm: .sha256, digits: 8)
            else { return false }
            return (try? totp.code(at: 1_111_111_109)) == "68084774"
        }
    }
}

extension Digest {
    /// Whether the digest is the bytes written as lower-case hex in `hex`.
    fileprivate func isHex(_ hex: StaticString) -> Bool {
        guard hex.utf8CodeUnitCount == 2 * count else { return false }
        var difference: UInt8 = 0
        for i in 0..<count {
            let high = hexValue(hex.utf8Start[2 * i]), low = hexValue(hex.utf8Start[2 * i + 1])
            difference |= self[i] ^ (high << 4 | low)
        }
        return difference == 0
    }

    private func hexValue(_ c: UInt8) -> UInt8 {
        c <= 0x39 ? c &- 0x30 : c &- 0x61 &+ 10
    }
}
