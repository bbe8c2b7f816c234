// A known-answer executable built in Embedded Swift from the library sources (see
// Scripts/check-embedded.sh): RFC 4226 Appendix D, RFC 6238 Appendix B, and the library's
// self-test of every hash and HMAC. It prints one line per group and a final verdict line,
// and exits with status 1 when anything failed.

import OTP
import OTPCrypto
import OTPEncoding

/// The C library's exit, which flushes standard output (a trap would lose it).
@_extern(c, "exit")
func exit(_ status: Int32)

@main
struct KnownAnswers {
    static func main() {
        var failures = 0

        // RFC 4226 Appendix D: counters 0...9 with the 20-byte ASCII secret.
        let rfc4226 = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        var hotpFailures = 0
        if let hotp = try? HOTP(secret: SecretBytes(Array("12345678901234567890".utf8))) {
            for (counter, code) in rfc4226.enumerated() where hotp.code(counter: UInt64(counter)) != code {
                hotpFailures += 1
            }
        } else {
            hotpFailures = rfc4226.count
        }
        report("RFC 4226 Appendix D", cases: rfc4226.count, failed: hotpFailures)
        failures += hotpFailures

        // RFC 6238 Appendix B: 8-digit codes; seeds of 20, 32 and 64 bytes.
        let times: [UInt64] = [59, 1_111_111_109, 1_111_111_111, 1_234_567_890, 2_000_000_000, 20_000_000_000]
        let expected: [(HashAlgorithm, [String])] = [
            (.sha1, ["94287082", "07081804", "14050471", "89005924", "69279037", "65353130"]),
            (.sha256, ["46119246", "68084774", "67062674", "91819424", "90698825", "77737706"]),
            (.sha512, ["90693936", "25091201", "99943326", "93441116", "38618901", "47863826"]),
        ]
        var totpFailures = 0
        for (algorithm, codes) in expected {
            let seed = Array("1234567890123456789012345678901234567890123456789012345678901234".utf8)
            let secret = SecretBytes(seed[0..<algorithm.digestByteCount])
            guard let totp = try? TOTP(secret: secret, algorithm: algorithm, digits: 8) else {
                totpFailures += codes.count
                continue
            }
            for (time, code) in zip(times, codes) where (try? totp.code(at: time)) != code {
                totpFailures += 1
            }
        }
        report("RFC 6238 Appendix B", cases: 18, failed: totpFailures)
        failures += totpFailures

        // RFC 4648 §10 and the RFC 6238 seed in Base32.
        var base32Failures = 0
        if Base32.encode(Array("foobar".utf8)) != "MZXW6YTBOI======" { base32Failures += 1 }
        if (try? Base32.decodeLenient("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")) != Array("12345678901234567890".utf8) {
            base32Failures += 1
        }
        report("RFC 4648 Base32", cases: 2, failed: base32Failures)
        failures += base32Failures

        // The library's own power-up self-test: every hash and HMAC.
        let selfTestFailures = SelfTest.run().count
        report("SelfTest (SHA, HMAC, HOTP, TOTP)", cases: SelfTest.Check.allCases.count, failed: selfTestFailures)
        failures += selfTestFailures

        if failures == 0 {
            print("verdict: PASS")
        } else {
            print("verdict: FAIL (\(failures) failed)")
            exit(1)
        }
    }

    static func report(_ name: String, cases: Int, failed: Int) {
        print((failed == 0 ? "PASS  " : "FAIL  ") + name + ": \(cases - failed) of \(cases)")
    }
}
