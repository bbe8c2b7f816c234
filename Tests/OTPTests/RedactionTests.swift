import OTP
@testable import OTPCrypto
import Testing

@Suite("Keyed values never show their key material")
struct RedactionTests {
    /// The chaining values an HMAC keyed with the RFC 4226 secret holds (K0 ⊕ ipad and K0 ⊕
    /// opad absorbed), in every spelling a printout might use: decimal and hex of each word.
    static func keyedWords() -> [String] {
        let hmac = HMAC<SHA1>(key: Array("12345678901234567890".utf8))
        var words: [String] = []
        for state in [hmac._inner._state.core.h, hmac._outer._state.core.h] {
            for i in 0..<5 {
                words.append(String(state[i]))
                words.append(String(state[i], radix: 16))
            }
        }
        return words
    }

    @Test("print, String(reflecting:) and dump of HMAC, HOTP, TOTP and a verifier show no state word")
    func noStateWords() throws {
        let secret = SecretBytes(Array("12345678901234567890".utf8))
        let totp = try TOTP(secret: secret)
        let verifier = try TOTPVerifier(totp: totp)
        var dumped = ""
        dump(verifier, to: &dumped)
        let texts = [
            String(describing: HMAC<SHA1>(key: secret)), String(reflecting: HMAC<SHA1>(key: secret)),
            String(describing: totp.hotp), String(describing: totp), String(reflecting: verifier), dumped,
        ]
        let words = Self.keyedWords()
        #expect(words.count == 20)
        for text in texts {
            #expect(text.contains("state redacted") || text.contains("redacted"), "\(text)")
            for word in words where word.count >= 5 {
                #expect(!text.contains(word), "\(word) in \(text)")
            }
        }
    }
}
