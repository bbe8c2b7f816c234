import OTP
import OTPCrypto

/// The hashes, HMAC and OTP hot paths at the sizes issue targets name: 1 MiB and 64-byte
/// messages, an 8-byte HMAC with a prepared key (the HOTP counter block), an HOTP code, and a
/// TOTP verification with a window of ±1 step (three candidate codes).
enum CryptoBenchmarks {
    static let mebibyte = [UInt8](repeating: 0x61, count: 1 << 20)
    static let block64 = [UInt8](repeating: 0x61, count: 64)
    static let counterBlock: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 1]
    static let rfcSecret = SecretBytes(Array("12345678901234567890".utf8))

    /// Checks one known answer for every measured function before anything is timed, so that
    /// a fast wrong answer is never reported. Returns what failed.
    static func knownAnswerFailures() -> [String] {
        var failures = SelfTest.run().map(\.rawValue)
        // RFC 4226 Appendix D, counter 1; RFC 6238 Appendix B at 59 (8 digits); and a window
        // check that accepts RFC 4226's counter-1 code one step late.
        if let hotp = try? HOTP(secret: rfcSecret), hotp.code(counter: 1) != "287082" { failures.append("hotp") }
        if let totp = try? TOTP(secret: rfcSecret, digits: 8), (try? totp.code(at: 59)) != "94287082" { failures.append("totp") }
        if let verifier = try? TOTPVerifier(totp: try TOTP(secret: rfcSecret)),
           verifier.verify("287082", at: 60, state: TOTPState()).outcome != .accepted(step: 1, drift: -1) {
            failures.append("totp verify")
        }
        return failures
    }

    /// Each benchmark with the key it has in `--json`.
    static func all() throws -> [(key: String, benchmark: Benchmark)] {
        let keyed = HMAC<SHA1>(key: Array("12345678901234567890".utf8))
        let hotp = try HOTP(secret: rfcSecret)
        let verifier = try TOTPVerifier(totp: try TOTP(secret: rfcSecret))
        var counter: UInt64 = 0
        let group = "Hashes, HMAC and OTP (prepared keys)"
        return [
            ("sha1_1MiB", Benchmark(group: group, name: "SHA-1, 1 MiB", bytesPerCall: 1 << 20, iterations: 4) {
                blackHole(SHA1.hash(mebibyte))
            }),
            ("sha256_1MiB", Benchmark(group: group, name: "SHA-256, 1 MiB", bytesPerCall: 1 << 20, iterations: 4) {
                blackHole(SHA256.hash(mebibyte))
            }),
            ("sha512_1MiB", Benchmark(group: group, name: "SHA-512, 1 MiB", bytesPerCall: 1 << 20, iterations: 4) {
                blackHole(SHA512.hash(mebibyte))
            }),
            ("sha1_64B", Benchmark(group: group, name: "SHA-1, 64 bytes", bytesPerCall: 64, iterations: 20_000) {
                blackHole(SHA1.hash(block64))
            }),
            ("sha256_64B", Benchmark(group: group, name: "SHA-256, 64 bytes", bytesPerCall: 64, iterations: 20_000) {
                blackHole(SHA256.hash(block64))
            }),
            ("sha512_64B", Benchmark(group: group, name: "SHA-512, 64 bytes", bytesPerCall: 64, iterations: 20_000) {
                blackHole(SHA512.hash(block64))
            }),
            ("hmac_sha1_8B", Benchmark(group: group, name: "HMAC-SHA-1, 8 bytes, prepared key", bytesPerCall: 8, iterations: 20_000) {
                blackHole(keyed.authenticationCode(for: counterBlock))
            }),
            ("hotp_sha1", Benchmark(group: group, name: "HOTP-SHA-1 code, prepared key", iterations: 20_000) {
                counter &+= 1
                blackHole(hotp.code(counter: counter))
            }),
            ("totp_verify_w1", Benchmark(group: group, name: "TOTP verify, window ±1 (3 codes)", iterations: 10_000) {
                blackHole(verifier.verify("123456", at: 1_700_000_000, state: TOTPState()))
            }),
        ]
    }
}
