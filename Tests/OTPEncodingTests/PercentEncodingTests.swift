// PercentEncodingTests.swift
// RFC 3986 §2.1 percent-decoding (once, strict escapes, UTF-8) and §2.3 unreserved encoding.

import OTPEncoding
import Testing

@Suite("Percent-encoding (RFC 3986 §2.1, §2.3)")
struct PercentEncodingTests {
    // MARK: - Decoding

    @Test("escapes decode in either hex case (RFC 3986 §2.1: %41 and %4a, %4A)")
    func decodesEitherCase() throws {
        #expect(try PercentEncoding.decode("%41") == "A")
        #expect(try PercentEncoding.decode("%4a%4A") == "JJ")
        #expect(try PercentEncoding.decode("a%20b") == "a b")
        #expect(try PercentEncoding.decode("Big%20Corporation%3A%20alice%40bigco.com") == "Big Corporation: alice@bigco.com")
    }

    @Test("text without escapes comes back unchanged, including the empty string")
    func plainText() throws {
        #expect(try PercentEncoding.decode("") == "")
        #expect(try PercentEncoding.decode("alice@example.com") == "alice@example.com")
        #expect(try PercentEncoding.decode("Škoda 株式会社") == "Škoda 株式会社")
    }

    @Test("'+' is a plus sign, not a space (RFC 3986 has no form-encoding rule)")
    func plusIsLiteral() throws {
        #expect(try PercentEncoding.decode("Hello+World") == "Hello+World")
        #expect(try PercentEncoding.decode("a%2Bb") == "a+b")
    }

    @Test("decoding happens exactly once (RFC 3986 §2.4)")
    func decodesOnce() throws {
        #expect(try PercentEncoding.decode("%2541") == "%41")
        #expect(try PercentEncoding.decode("%253A") == "%3A")
        #expect(try PercentEncoding.decode("%25") == "%")
    }

    @Test("UTF-8 sequences decode to their characters (RFC 3986 §2.5)")
    func decodesUTF8() throws {
        #expect(try PercentEncoding.decode("%C5%A0koda") == "Škoda")
        #expect(try PercentEncoding.decode("%E6%A0%AA%E5%BC%8F%E4%BC%9A%E7%A4%BE") == "株式会社")
        #expect(try PercentEncoding.decode("%F0%9F%94%91") == "\u{1F511}")
        // A NUL byte is valid UTF-8 and is decoded; rejecting control characters is left to
        // the caller.
        #expect(try PercentEncoding.decode("a%00b") == "a\u{0}b")
    }

    @Test("a '%' without two hex digits is an error at its position", arguments: [
        ("%", 0), ("abc%", 3), ("%4", 0), ("ab%4", 2), ("%zz", 0), ("%ZZ", 0), ("x%G1", 1),
        ("%1G", 0), ("%%41", 0), ("%41%", 3), ("% 41", 0), ("%-1", 0), ("%+1", 0),
    ])
    func invalidEscape(input: String, position: Int) {
        #expect(throws: PercentEncodingError.invalidEscape(position: position)) {
            try PercentEncoding.decode(input)
        }
    }

    @Test("positions count Unicode scalars, not bytes")
    func positionsCountScalars() {
        // "Š" is two UTF-8 bytes and one scalar; "株" three bytes and one scalar; the decoded
        // "%C5%A0" before the bad escape counts as its three characters.
        #expect(throws: PercentEncodingError.invalidEscape(position: 1)) { try PercentEncoding.decode("Š%Z0") }
        #expect(throws: PercentEncodingError.invalidEscape(position: 2)) { try PercentEncoding.decode("株式%") }
        #expect(throws: PercentEncodingError.invalidEscape(position: 7)) { try PercentEncoding.decode("%C5%A0x%4") }
    }

    @Test("decoded bytes that are not UTF-8 are an error", arguments: [
        "%C3%28", "%FF", "%80", "%C5", "%E6%A0", "%ED%A0%80", "%C0%AF", "%F5%80%80%80", "a%FEb",
    ])
    func invalidUTF8(input: String) {
        #expect(throws: PercentEncodingError.invalidUTF8) { try PercentEncoding.decode(input) }
    }

    @Test("decode works on a Substring")
    func substring() throws {
        let text = "xx%41yy"
        #expect(try PercentEncoding.decode(text.dropFirst(2).dropLast(2)) == "A")
    }

    // MARK: - Encoding

    @Test("RFC 3986 §2.3 unreserved characters are kept")
    func unreservedKept() {
        let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
        #expect(PercentEncoding.encode(unreserved) == unreserved)
        #expect(PercentEncoding.encode("") == "")
    }

    @Test("everything else is %XX with upper-case hex", arguments: [
        (" ", "%20"), (":", "%3A"), ("+", "%2B"), ("@", "%40"), ("%", "%25"), ("/", "%2F"),
        ("?", "%3F"), ("#", "%23"), ("&", "%26"), ("=", "%3D"), ("\u{0}", "%00"), ("\u{7F}", "%7F"),
        ("Š", "%C5%A0"), ("株式会社", "%E6%A0%AA%E5%BC%8F%E4%BC%9A%E7%A4%BE"),
        ("ACME Co", "ACME%20Co"), ("Text: More", "Text%3A%20More"), ("\u{1F511}", "%F0%9F%94%91"),
    ])
    func encodesReserved(input: String, expected: String) {
        #expect(PercentEncoding.encode(input) == expected)
    }

    @Test("every printable ASCII character: encode then decode gives it back, exactly once")
    func asciiRoundTrip() throws {
        for value in UInt8(0x00)...UInt8(0x7F) {
            let text = String(Unicode.Scalar(value))
            let encoded = PercentEncoding.encode(text)
            #expect(try PercentEncoding.decode(encoded) == text)
            // Encoding the encoded text encodes its '%' once more; decoding once undoes only that.
            #expect(try PercentEncoding.decode(PercentEncoding.encode(encoded)) == encoded)
        }
    }

    @Test("random UTF-8 strings round-trip (fixed seed)")
    func randomRoundTrip() throws {
        var generator = SplitMix64(state: 0x3986_0000)
        let pool: [Unicode.Scalar] = ["a", "Z", "0", " ", "%", "+", ":", "/", "?", "&", "=", "#", "~",
                                      "\u{0}", "\u{7F}", "é", "Š", "\u{30C}", "株", "\u{1F511}", "\u{FFFD}"]
        for _ in 0..<500 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 24) {
                scalars.append(pool[Int(generator.next() % UInt64(pool.count))])
            }
            let text = String(scalars)
            let encoded = PercentEncoding.encode(text)
            #expect(encoded.utf8.allSatisfy { $0 < 0x80 })
            #expect(try PercentEncoding.decode(encoded) == text)
        }
    }

    @Test("error descriptions cite RFC 3986 and do not echo the input")
    func descriptions() {
        let escape = PercentEncodingError.invalidEscape(position: 3).description
        #expect(escape.contains("RFC 3986 §2.1") && escape.contains("position 3"))
        #expect(PercentEncodingError.invalidUTF8.description.contains("UTF-8"))
    }
}
