// Base32ErrorTests.swift
// Every way Base32 decoding rejects input, with the exact typed error and position.
// Each rejected text is also rejected by Python's base64.b32decode (lenient ones after
// upper-casing, dropping spaces and hyphens and padding), except the nonZeroTrailingBits cases,
// which Python accepts because it ignores those bits; they are derived from the bit layout.

import OTPEncoding
import Testing

@Suite("Base32: strict decoding rejects")
struct Base32StrictErrorTests {
    @Test("characters outside the upper-case alphabet (RFC 4648 §3.3)", arguments: [
        ("mzxw6ytb", 0),          // lower case
        ("MZXw6YTB", 3),
        ("MZXW 6YTB", 4),         // whitespace
        ("MZXW6YTB\n", 8),
        ("\tMZXW6YTB", 0),
        ("MZXW-6YTB", 4),         // hyphen
        ("MZXW0YTB", 4),          // 0, 1, 8, 9 are not in the alphabet
        ("1ZXW6YTB", 0),
        ("MZXW6YT8", 7),
        ("MZ9W6YTB", 2),
        ("MZ\u{E9}W6YTB", 2),     // é: position counts scalars, not UTF-8 bytes
        ("\u{1F511}MZXW6YTB", 0),
        ("MZ\u{1F511}", 2),
        ("MZXW6YTB\0", 8),
    ])
    func invalidCharacter(text: String, position: Int) {
        #expect(throws: Base32Error.invalidCharacter(position: position)) {
            try Base32.decode(text)
        }
    }

    @Test("missing padding (RFC 4648 §3.2), as a length that is not a multiple of 8", arguments: [
        ("MY", 2), ("MZXQ", 4), ("MZXW6", 5), ("MZXW6YQ", 7),
        ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA", 52),
    ])
    func missingPadding(text: String, symbols: Int) {
        #expect(throws: Base32Error.invalidLength(significantCharacters: symbols)) {
            try Base32.decode(text)
        }
    }

    @Test("a final quantum of 1, 3 or 6 symbols (RFC 4648 §6)", arguments: [
        ("M=======", 1), ("MZX=====", 3), ("MZXW6Y==", 6), ("M", 1), ("MZX", 3), ("MZXW6Y", 6),
        ("MZXW6YTBO=======", 9),
    ])
    func impossibleLength(text: String, symbols: Int) {
        #expect(throws: Base32Error.invalidLength(significantCharacters: symbols)) {
            try Base32.decode(text)
        }
    }

    @Test("'=' where it may not stand, or the wrong number of them (RFC 4648 §3.2, §6)", arguments: [
        ("MZ=W6YTB", 2),          // symbols after '='
        ("MY======MY======", 2),  // two padded encodings joined
        ("=MZXW6YTB", 0),
        ("MY=====", 2),           // 5 '=' after 2 symbols (6 required)
        ("MY=======", 2),         // 7
        ("MZXQ===", 4),           // 3 after 4 (4 required)
        ("MZXW6==", 5),           // 2 after 5 (3 required)
        ("MZXW6YQ==", 7),         // 2 after 7 (1 required)
        ("MZXW6YTB========", 8),  // none allowed after a full quantum
        ("MZXW6YTB=", 8),
        ("========", 0),
    ])
    func invalidPadding(text: String, position: Int) {
        #expect(throws: Base32Error.invalidPadding(position: position)) {
            try Base32.decode(text)
        }
    }

    /// RFC 4648 §3.5. Bit layouts (5 bits per symbol, 8 per byte):
    /// - "MZ": M 01100, Z 11001 -> 0x66 and unused "01" (canonical "MY").
    /// - "MZXR": 20 bits = 0x66 0x6F and unused "0001" from R 10001 (canonical "MZXQ").
    /// - "MZXW7": 25 bits = 3 bytes and unused "1" from 7 11111 (canonical "MZXW6").
    /// - "MZXW6YR": 35 bits = 4 bytes and unused "001" from R 10001 (canonical "MZXW6YQ").
    /// - "7Z": 7 11111, Z 11001 -> 0xFE and unused "01" (canonical "74").
    @Test("non-zero unused bits in the last symbol (RFC 4648 §3.5)", arguments: [
        ("MZ======", 1), ("MZXR====", 3), ("MZXW7===", 4), ("MZXW6YR=", 6),
        ("MZXW6YTB7Z======", 9),
    ])
    func nonZeroTrailingBits(text: String, position: Int) {
        #expect(throws: Base32Error.nonZeroTrailingBits(position: position)) {
            try Base32.decode(text)
        }
    }

    @Test("each unused-bit pattern of a one-byte encoding: only the zero one is accepted")
    func everyTrailingBitPattern() throws {
        // "M" + symbol v with v = 0b11000 | low: byte 01100 110 = 0x66 and unused bits `low`.
        for low in 0..<4 {
            let symbol = Array("YZ23")[low]   // values 24, 25, 26, 27
            let text = "M\(symbol)======"
            if low == 0 {
                #expect(try Base32.decode(text) == [0x66])
            } else {
                #expect(throws: Base32Error.nonZeroTrailingBits(position: 1)) {
                    try Base32.decode(text)
                }
            }
        }
    }

    @Test("when several rules are broken, the first fault found is reported")
    func precedence() {
        // A bad character before a length problem.
        #expect(throws: Base32Error.invalidCharacter(position: 1)) { try Base32.decode("M!") }
        // A bad character after padding is still a bad character.
        #expect(throws: Base32Error.invalidCharacter(position: 2)) { try Base32.decode("MY!=====") }
        // Symbols after '=' are found while reading, before the length is known.
        #expect(throws: Base32Error.invalidPadding(position: 1)) { try Base32.decode("M=Z") }
        // Length before padding count: 6 symbols with 2 '=' is a length fault.
        #expect(throws: Base32Error.invalidLength(significantCharacters: 6)) {
            try Base32.decode("MZXW6Y==")
        }
        // Padding count before trailing bits.
        #expect(throws: Base32Error.invalidPadding(position: 2)) { try Base32.decode("MZ==") }
    }
}

@Suite("Base32: lenient decoding")
struct Base32LenientTests {
    static let foobar = ascii("foobar")
    static let helloDeadBeef = ascii("Hello!") + [0xDE, 0xAD, 0xBE, 0xEF]

    @Test("accepts lower and mixed case")
    func caseInsensitive() throws {
        #expect(try Base32.decodeLenient("mzxw6ytboi======") == Self.foobar)
        #expect(try Base32.decodeLenient("MzXw6YtBoI") == Self.foobar)
        #expect(try Base32.decodeLenient("jbswy3dpehpk3pxp") == Self.helloDeadBeef)
    }

    @Test("ignores spaces and hyphens anywhere")
    func separators() throws {
        #expect(try Base32.decodeLenient("JBSW Y3DP EHPK 3PXP") == Self.helloDeadBeef)
        #expect(try Base32.decodeLenient("jbsw-y3dp-ehpk-3pxp") == Self.helloDeadBeef)
        #expect(try Base32.decodeLenient("  -MZ XW--6Y TBOI== ==-== ") == Self.foobar)
        #expect(try Base32.decodeLenient(" - ") == [])
        #expect(try Base32.decodeLenient("") == [])
    }

    @Test("padding is optional, but if present must be exact")
    func optionalPadding() throws {
        #expect(try Base32.decodeLenient("MZXW6YTBOI") == Self.foobar)
        #expect(try Base32.decodeLenient("MZXW6YTBOI======") == Self.foobar)
        #expect(try Base32.decodeLenient("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == ascii("12345678901234567890"))
        #expect(throws: Base32Error.invalidPadding(position: 2)) { try Base32.decodeLenient("MY==") }
        #expect(throws: Base32Error.invalidPadding(position: 7)) { try Base32.decodeLenient("MZXW6YQ==") }
        #expect(throws: Base32Error.invalidPadding(position: 4)) { try Base32.decodeLenient("MZXW=6YTB") }
        #expect(throws: Base32Error.invalidPadding(position: 10)) {
            try Base32.decodeLenient("MZXW6YTBOI=======")
        }
    }

    @Test("rejects characters other than the alphabet, spaces and hyphens", arguments: [
        ("mzxw 0ytb", 5),
        ("JBSW-Y3DP-EHPK-1PXP", 15),
        ("JBSW\tY3DP", 4),
        ("JBSWY3DPEHPK3PXP\n", 16),
        ("JBSW_Y3DP", 4),
        ("jbsw y3dp \u{E9}hpk 3pxp", 10),
        ("mzxw6yte\u{301}", 8),   // "e" + combining acute: one Character, two scalars
        ("JBSW\u{A0}Y3DP", 4),    // no-break space is not a space here
        ("JBSW\u{2010}Y3DP", 4),  // nor is the Unicode hyphen
    ])
    func invalidCharacter(text: String, position: Int) {
        #expect(throws: Base32Error.invalidCharacter(position: position)) {
            try Base32.decodeLenient(text)
        }
    }

    @Test("rejects impossible lengths: 1, 3 or 6 symbols mod 8", arguments: [
        ("M", 1), ("mzx", 3), ("MZXW 6Y", 6), ("MZXW6YTBO", 9), ("MZXW6YTBOIX", 11),
        ("MZXW6YTBOIXXXX", 14), ("M=======", 1),
    ])
    func impossibleLength(text: String, symbols: Int) {
        #expect(throws: Base32Error.invalidLength(significantCharacters: symbols)) {
            try Base32.decodeLenient(text)
        }
    }

    @Test("still rejects non-zero unused bits, with the position in the text as typed")
    func nonZeroTrailingBits() {
        #expect(throws: Base32Error.nonZeroTrailingBits(position: 1)) { try Base32.decodeLenient("mz") }
        // "MZXW 7": 7 = 11111 leaves the unused bit "1"; the space counts toward the position.
        #expect(throws: Base32Error.nonZeroTrailingBits(position: 5)) { try Base32.decodeLenient("MZXW 7") }
        #expect(throws: Base32Error.nonZeroTrailingBits(position: 7)) {
            try Base32.decodeLenient("mzxw-6yr-")
        }
    }
}

@Suite("Base32Error: descriptions")
struct Base32ErrorDescriptionTests {
    @Test("each description names the RFC rule and the position, and never the input")
    func descriptions() {
        let secret = "JBSWY3DPEHPK3PX!"
        var thrown: Base32Error?
        do { _ = try Base32.decode(secret) } catch { thrown = error }
        #expect(thrown == .invalidCharacter(position: 15))
        let errors: [Base32Error] = [
            thrown ?? .invalidCharacter(position: -1),
            .invalidLength(significantCharacters: 3),
            .invalidPadding(position: 12),
            .nonZeroTrailingBits(position: 7),
        ]
        for (error, number) in zip(errors, ["15", "3", "12", "7"]) {
            #expect(error.description.contains("RFC 4648"))
            #expect(error.description.contains(number))
            #expect(!error.description.contains("JBSW"))
        }
        #expect(Set(errors.map(\.description)).count == errors.count)
    }
}
