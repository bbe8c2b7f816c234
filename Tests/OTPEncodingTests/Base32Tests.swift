// Base32Tests.swift
// Base32 encoding and decoding of valid input (RFC 4648 §6, §10).

import OTPEncoding
import Testing

@Suite("Base32: RFC 4648 §10 test vectors")
struct Base32RFCVectorTests {
    /// RFC 4648 §10, BASE32 lines, retyped from the RFC.
    static let vectors: [(input: String, encoded: String)] = [
        ("", ""),
        ("f", "MY======"),
        ("fo", "MZXQ===="),
        ("foo", "MZXW6==="),
        ("foob", "MZXW6YQ="),
        ("fooba", "MZXW6YTB"),
        ("foobar", "MZXW6YTBOI======"),
    ]

    @Test("encode gives the RFC text", arguments: vectors)
    func encode(input: String, encoded: String) {
        #expect(Base32.encode(ascii(input)) == encoded)
    }

    @Test("strict decode gives the RFC input", arguments: vectors)
    func decode(input: String, encoded: String) throws {
        #expect(try Base32.decode(encoded) == ascii(input))
    }

    @Test("lenient decode accepts the RFC text, lower case and unpadded", arguments: vectors)
    func decodeLenient(input: String, encoded: String) throws {
        #expect(try Base32.decodeLenient(encoded) == ascii(input))
        #expect(try Base32.decodeLenient(encoded.lowercased()) == ascii(input))
        let unpadded = String(encoded.prefix { $0 != "=" })
        #expect(try Base32.decodeLenient(unpadded) == ascii(input))
    }

    @Test("unpadded encode is the RFC text without '='", arguments: vectors)
    func encodeUnpadded(input: String, encoded: String) {
        #expect(Base32.encode(ascii(input), padding: false) == String(encoded.prefix { $0 != "=" }))
    }
}

@Suite("Base32: encoding")
struct Base32EncodeTests {
    /// `SplitMix64.bytes(count:)` encoded by Python's `base64.b32encode`.
    static let pythonEncodings: [(count: Int, encoded: String)] = [
        (1, "HA======"),
        (2, "GFNQ===="),
        (3, "USCOQ==="),
        (4, "I2PNLGY="),
        (5, "CK22MBW6"),
        (6, "WJHWOFB32I======"),
        (7, "OH74GZEIFXIQ===="),
        (8, "GVUH5H74I33AE==="),
        (9, "PQ34R37J7Z7DZEQ="),
        (10, "ZDLDUAOAU2R4DPLX"),
        (20, "AU7IIUYDO3PHIS6SEGQK7FNJN3BJHGC7"),
        (37, "P74N4RWWPZORCROEGWJJT7WIM7A3TAYXASCIIB27KHXUTC5LSYHSG4OUQM5A===="),
        (64, "G5W6FYKEYNYSB6YHRWESV67K2B2QM34SMWGUO3VAGWP4M6O7LOEGBPZGZRUA2XLGUI6ORS7YAGB56V6EDUHIPYPMPIFW2GZGATWW2UI="),
    ]

    @Test("pseudo-random bytes encode as Python's base64.b32encode does", arguments: pythonEncodings)
    func matchesPython(count: Int, encoded: String) throws {
        let bytes = SplitMix64.bytes(count: count)
        #expect(Base32.encode(bytes) == encoded)
        #expect(try Base32.decode(encoded) == bytes)
    }

    @Test("the generator reproduces the Python bytes")
    func generatorMatchesPython() {
        // Python: gen(0x5EED0000 + 10, 10).hex(); guards the literals above against a generator change.
        #expect(hexString(SplitMix64.bytes(count: 10)) == "c8d63a01c0a6a3c1bd77")
    }

    @Test("RFC 6238 Appendix B seed, and the example secret JBSWY3DPEHPK3PXP")
    func knownSecrets() {
        #expect(Base32.encode(ascii("12345678901234567890")) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(Base32.encode(ascii("Hello!") + [0xDE, 0xAD, 0xBE, 0xEF]) == "JBSWY3DPEHPK3PXP")
    }

    @Test("every alphabet symbol, in order (RFC 4648 §6 Table 3)")
    func wholeAlphabet() {
        // Python: base64.b32decode("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567").hex()
        let bytes: [UInt8] = [
            0x00, 0x44, 0x32, 0x14, 0xC7, 0x42, 0x54, 0xB6, 0x35, 0xCF,
            0x84, 0x65, 0x3A, 0x56, 0xD7, 0xC6, 0x75, 0xBE, 0x77, 0xDF,
        ]
        #expect(Base32.encode(bytes) == "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    }

    @Test("encode takes any sequence, including one that under-reports its count")
    func anySequence() {
        let bytes = ascii("foobar")
        #expect(Base32.encode(bytes[...]) == "MZXW6YTBOI======")
        #expect(Base32.encode(bytes.lazy.filter { _ in true }) == "MZXW6YTBOI======")
        #expect(Base32.encode(AnySequence(bytes)) == "MZXW6YTBOI======")
    }
}

@Suite("Base32: round trip for every length 0...64")
struct Base32RoundTripTests {
    @Test("encode, then strict and lenient decode, give the bytes back", arguments: 0...64)
    func roundTrip(count: Int) throws {
        let bytes = SplitMix64.bytes(count: count)
        let padded = Base32.encode(bytes)
        let unpadded = Base32.encode(bytes, padding: false)

        // RFC 4648 §6: 8 characters per started 5-byte group; without padding, ceil(8n/5).
        #expect(padded.utf8.count == (count + 4) / 5 * 8)
        #expect(unpadded.utf8.count == (count * 8 + 4) / 5)
        #expect(padded.hasPrefix(unpadded))
        #expect(padded.dropFirst(unpadded.count).allSatisfy { $0 == "=" })
        #expect(unpadded.allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) })

        #expect(try Base32.decode(padded) == bytes)
        #expect(try Base32.decodeLenient(padded) == bytes)
        #expect(try Base32.decodeLenient(unpadded) == bytes)
        #expect(try Base32.decodeLenient(unpadded.lowercased()) == bytes)
        #expect(try Base32.decodeLenient(Base32.grouped(unpadded)) == bytes)
    }
}
