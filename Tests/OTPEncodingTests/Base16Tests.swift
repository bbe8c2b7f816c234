// Base16Tests.swift
// RFC 4648 §8 Base16, checked against RFC 4648 §10 and Python's base64.b16encode.

import OTPEncoding
import Testing

@Suite("Base16")
struct Base16Tests {
    /// RFC 4648 §10, BASE16 lines, retyped from the RFC.
    static let vectors: [(input: String, encoded: String)] = [
        ("", ""),
        ("f", "66"),
        ("fo", "666F"),
        ("foo", "666F6F"),
        ("foob", "666F6F62"),
        ("fooba", "666F6F6261"),
        ("foobar", "666F6F626172"),
    ]

    @Test("RFC 4648 §10 vectors: encode, and decode in both cases", arguments: vectors)
    func rfcVectors(input: String, encoded: String) throws {
        #expect(Base16.encode(ascii(input)) == encoded)
        #expect(Base16.encode(ascii(input), uppercase: false) == encoded.lowercased())
        #expect(try Base16.decode(encoded) == ascii(input))
        #expect(try Base16.decode(encoded.lowercased()) == ascii(input))
        #expect(try Base16.decode(utf8: Array(encoded.utf8)) == ascii(input))
    }

    @Test("all 256 byte values, against a hex writer that does not use Base16")
    func allByteValues() throws {
        let bytes = (0...255).map { UInt8($0) }
        let lower = hexString(bytes)
        #expect(Base16.encode(bytes, uppercase: false) == lower)
        #expect(Base16.encode(bytes) == lower.uppercased())
        #expect(try Base16.decode(lower) == bytes)
        #expect(try Base16.decode(lower.uppercased()) == bytes)
    }

    @Test("pseudo-random bytes encode as Python's base64.b16encode does")
    func matchesPython() throws {
        let bytes = SplitMix64.bytes(count: 37)
        let python = "7FF8DE46D67E5D1145C4359299FEC867C1B98317048484075F51EF498BAB960F2371D4833A"
        #expect(Base16.encode(bytes) == python)
        #expect(try Base16.decode(python) == bytes)
    }

    @Test("mixed case in one string is accepted")
    func mixedCase() throws {
        #expect(try Base16.decode("dEaDbEeF") == [0xDE, 0xAD, 0xBE, 0xEF])
    }

    @Test("odd length is rejected with the character count", arguments: ["6", "666", "666F6F6"])
    func oddLength(text: String) {
        #expect(throws: Base16Error.oddLength(text.count)) { try Base16.decode(text) }
        #expect(throws: Base16Error.oddLength(text.count)) { try Base16.decode(utf8: Array(text.utf8)) }
    }

    @Test("a character that is not a hex digit is rejected with its position", arguments: [
        ("6G", 1), ("g6", 0), ("66 6F", 2), ("666f\n", 4), ("0x66", 1), ("66:6F", 2),
        ("@6", 0), ("`6", 0), ("/6", 0), (":6", 0), ("G6", 0),   // neighbours of 0-9, A-F, a-f
        ("6\u{E9}", 1), ("66\u{1F511}6F", 2), ("-1", 0),
    ])
    func invalidCharacter(text: String, position: Int) {
        #expect(throws: Base16Error.invalidCharacter(position: position)) { try Base16.decode(text) }
    }

    @Test("a bad character is reported before an odd length")
    func characterBeforeLength() {
        #expect(throws: Base16Error.invalidCharacter(position: 2)) { try Base16.decode("66G") }
        #expect(throws: Base16Error.invalidCharacter(position: 0)) { try Base16.decode("\u{E9}") }
    }

    @Test("decode(utf8:) takes slices and non-contiguous collections; positions are from the start")
    func utf8Collections() throws {
        let line = Array("Key = 0b0b0B0b".utf8)
        let value = line[6...]
        #expect(try Base16.decode(utf8: value) == [0x0B, 0x0B, 0x0B, 0x0B])
        #expect(try Base16.decode(utf8: value.lazy.map { $0 }) == [0x0B, 0x0B, 0x0B, 0x0B])
        let badLine = Array("Key = 0b0X0b".utf8)
        #expect(throws: Base16Error.invalidCharacter(position: 3)) {
            try Base16.decode(utf8: badLine[6...])
        }
        #expect(throws: Base16Error.invalidCharacter(position: 3)) {
            try Base16.decode(utf8: badLine[6...].lazy.map { $0 })
        }
        #expect(throws: Base16Error.oddLength(7)) { try Base16.decode(utf8: line[7...]) }
    }

    @Test("descriptions name the rule and the position, never the input")
    func descriptions() {
        let invalid = Base16Error.invalidCharacter(position: 41)
        let odd = Base16Error.oddLength(13)
        #expect(invalid.description.contains("41") && invalid.description.contains("RFC 4648 §8"))
        #expect(odd.description.contains("13") && odd.description.contains("RFC 4648 §8"))
        #expect(invalid.description != odd.description)
    }
}
