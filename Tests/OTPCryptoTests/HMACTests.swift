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

@Suite("HMAC-SHA-1 of four counters in SIMD lanes")
struct HMACLanesTests {
    @Test("RFC 4226 Appendix D: the HMAC-SHA-1 values of counters 0...7, four at a time")
    func rfc4226() {
        let expected = [
            "cc93cf18508d94934c64b65d8ba7667fb7cde4b0", "75a48a19d4cbe100644e8ac1397eea747a2d33ab",
            "0bacb7fa082fef30782211938bc1c5e70416ff44", "66c28227d03a2d5529262ff016a1e6ef76557ece",
            "a904c900a64b35909874b33e61c5938a8e15ed1c", "a37e783d7b7233c083d4f62926c7a25f238d0316",
            "bc9cd28561042c83f219324d3c607256c03272ae", "a4fb960c0bc06e1eabb804e5b397cdc4b45596fa",
        ]
        let hmac = HMAC<SHA1>(key: Array("12345678901234567890".utf8))
        for first in [0, 4] {
            let tags = hmac.authenticationCodes(counters: SIMD4(0, 1, 2, 3) &+ SIMD4(repeating: UInt64(first)))
            for lane in 0..<4 {
                #expect(tags[lane].bytes == hex(expected[first + lane]), "counter \(first + lane)")
            }
        }
    }

    @Test("each lane equals the one-at-a-time tag, for keys of 1...130 bytes and edge counters")
    func lanesEqualScalar() {
        let counters: [UInt64] = [0, 1, 0xff, 0x1_0000_0000, 0x8000_0000_0000_0000, UInt64.max - 1, UInt64.max, 0x0123_4567_89ab_cdef]
        for keyLength in [1, 10, 20, 63, 64, 65, 130] {
            let hmac = HMAC<SHA1>(key: patternKey(keyLength))
            for start in stride(from: 0, to: counters.count, by: 4) {
                let lanes = SIMD4(counters[start], counters[start + 1], counters[start + 2], counters[start + 3])
                let tags = hmac.authenticationCodes(counters: lanes)
                for lane in 0..<4 {
                    var block = lanes[lane].bigEndian
                    let one = withUnsafeBytes(of: &block) { hmac.authenticationCode(bufferPointer: $0) }
                    #expect(tags[lane] == one, "key \(keyLength) bytes, counter \(lanes[lane])")
                }
            }
        }
    }

    @Test("a keyed value that has absorbed bytes takes them into account in every lane")
    func afterUpdate() {
        var hmac = HMAC<SHA1>(key: patternKey(20))
        hmac.update(Array("prefix".utf8))
        let tags = hmac.authenticationCodes(counters: SIMD4(5, 6, 7, 8))
        for lane in 0..<4 {
            let message = Array("prefix".utf8) + withUnsafeBytes(of: UInt64(5 + lane).bigEndian) { Array($0) }
            #expect(tags[lane] == HMAC<SHA1>.authenticationCode(for: message, key: patternKey(20)))
        }
    }
}
