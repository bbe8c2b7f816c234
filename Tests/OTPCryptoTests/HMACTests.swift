import OTPCrypto
import Testing

@Suite("HMAC")
struct HMACTests {
    @Test("keys of length 0, block-1, block, block+1 and 2×block equal Python's hmac")
    func keyLengths() {
        for (name, keyLength, expected) in hmacFixtures {
            let tag = hmacTag(hashType(named: name), key: patternKey(keyLength), message: patternMessage(100))
            #expect(tag.bytes == hex(expected), "\(name), key of \(keyLength) bytes")
        }
    }

    @Test("RFC 2202 test case 1 with a reused keyed state")
    func reusedKey() {
        let keyed = HMAC<SHA1>(key: [UInt8](repeating: 0x0b, count: 20))
        let first = keyed.authenticationCode(for: Array("Hi There".utf8))
        let again = keyed.authenticationCode(for: Array("Hi There".utf8))
        #expect(first.description == "b617318655057264e28bc0b6fb378c8ef146be00")
        #expect(again == first)
        var streamed = keyed
        streamed.update(Array("Hi ".utf8))
        streamed.update(Array("There".utf8))
        #expect(streamed.finalize() == first)
    }

    @Test("RFC 4231 test case 5: a 128-bit truncated tag verifies, a wrong or too short one does not")
    func truncatedTags() {
        let keyed = HMAC<SHA256>(key: [UInt8](repeating: 0x0c, count: 20))
        let message = Array("Test With Truncation".utf8)
        let truncated = hex("a3b6167473100ee06e0c796c2955552b")
        #expect(keyed.isValidAuthenticationCode(truncated, for: message))
        var flipped = truncated
        flipped[15] ^= 0x01
        #expect(!keyed.isValidAuthenticationCode(flipped, for: message))
        #expect(!keyed.isValidAuthenticationCode(truncated[0..<3], for: message))
        #expect(!keyed.isValidAuthenticationCode([UInt8](), for: message))
        #expect(!keyed.isValidAuthenticationCode(truncated + [UInt8](repeating: 0, count: 17), for: message))
    }

    @Test("a secret key gives the same tag as its bytes")
    func secretKey() {
        let bytes = patternKey(33)
        let message = patternMessage(10)
        #expect(HMAC<SHA512>(key: SecretBytes(bytes)).authenticationCode(for: message)
            == HMAC<SHA512>(key: bytes).authenticationCode(for: message))
    }
}

@Suite("Constant-time comparison and secrets")
struct ConstantTimeTests {
    @Test("equality by content, inequality by any byte or by length")
    func equality() {
        let a = patternMessage(32)
        #expect(constantTimeEqual(a, a))
        for i in 0..<a.count {
            var b = a
            b[i] ^= 0x80
            #expect(!constantTimeEqual(a, b))
        }
        #expect(!constantTimeEqual(a, a.dropLast()))
        #expect(constantTimeEqual([UInt8](), [UInt8]()))
    }

    @Test("codes as strings (contiguous UTF-8) and as lazy sequences (byte by byte) agree with ==")
    func stringsAndNonContiguous() {
        let code = "0123456789"
        #expect(constantTimeEqual(code.utf8, "0123456789".utf8))
        #expect(constantTimeEqual(code.utf8, Array(code.utf8).lazy.map { $0 }))
        for i in 0..<10 {
            var bytes = Array(code.utf8)
            bytes[i] = 0x78  // "x"
            let other = String(decoding: bytes, as: UTF8.self)
            #expect(!constantTimeEqual(code.utf8, other.utf8), "position \(i)")
            #expect(!constantTimeEqual(code.utf8, bytes.lazy.map { $0 }), "position \(i)")
        }
        #expect(!constantTimeEqual("123456".utf8, "1234567".utf8))
    }

    @Test("digest prefix and tag checks")
    func digestPrefix() {
        let digest = SHA1.hash(Array("abc".utf8))
        #expect(digest.prefix(4)?.description == "a9993e36")
        #expect(digest.prefix(21) == nil)
        #expect(digest.prefix(-1) == nil)
        #expect(digest.isValidTag(hex("a9993e3647")))
        #expect(!digest.isValidTag(hex("a9993e3648")))
        #expect(digest != SHA1.hash(Array("abd".utf8)))
    }

    @Test("a secret's description never shows its bytes")
    func secretDescription() {
        let secret = SecretBytes(Array("12345678901234567890".utf8))
        for text in [secret.description, secret.debugDescription, "\(secret)", String(reflecting: secret)] {
            #expect(!text.contains("1234"))
            #expect(!text.contains("3132"))
            #expect(text.contains("20 bytes"))
        }
        #expect(secret == SecretBytes(Array("12345678901234567890".utf8)))
        #expect(secret != SecretBytes(Array("12345678901234567891".utf8)))
    }
}
