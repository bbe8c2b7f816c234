// KeyValueFormatTests.swift
// Our key = value format: the reader's rules and the base32 / base16 checks.

import Testing
@testable import Conformance

/// A base32 file with `records` after the standard header.
private func base32File(_ records: String, kind: String = "base32") -> [UInt8] {
    Array("# test\nkind = \(kind)\nsource = \"test\"\n\n\(records)\n".utf8)
}

@Suite("key = value files")
struct KeyValueFormatTests {
    @Test("records, comments inside records, CRLF and a UTF-8 BOM")
    func basicReading() throws {
        let text = "\u{FEFF}kind = base32\r\nsource = \"RFC 4648 §10\"\r\n\r\n\r\n# first\r\nid = a\r\n# inside\r\nbytes = 66\r\ntext = \"MY======\"\r\n\r\nid = b\r\noperation = encode-unpadded\r\nbytes =\r\ntext = \"\""
        let report = try Conformance.check(fileName: "x.txt", contents: Array(text.utf8))
        #expect(report.passed == 2 && report.failed == 0)
        #expect(report.format == "base32 (key = value)")
        let file = try readKeyValueFile(Array(text.utf8))
        #expect(file.source == "RFC 4648 §10")
        #expect(file.records.map(\.line) == [6, 11])
    }

    @Test("quoted strings and their escapes")
    func escapes() throws {
        let file = try readKeyValueFile(base32File(#"id = a\#ntext = "q\" b\\ t\t n\n u\u{e9}\u{1F600}\u{0}""#))
        let text = try file.records[0].requireQuoted("text")
        #expect(text == "q\" b\\ t\t n\n u\u{e9}\u{1F600}\u{0}")
        for bad in [#""abc"#, #""a" b"#, #""\q""#, #""\u{}""#, #""\u{D800}""#, #""\u{110000}""#, #""\u{123456789}""#, #""\u12""#, #""abc\"#] {
            let error = expectFileError("x.txt", base32File("id = a\ntext = \(bad)\nbytes = 00"))
            guard case .invalidQuotedString = error?.problem else {
                Issue.record("\(bad): \(String(describing: error))")
                continue
            }
            #expect(error?.line == 6)
        }
    }

    @Test("malformed records", arguments: [
        ("id = a\nbytes = 66\ntext = \"MY======\"\ncolour = red", VectorFileError.Problem.unexpectedField("colour")),
        ("id = a\nbytes = 66\nbytes = 66\ntext = \"MY======\"", .duplicateField("bytes")),
        ("bytes = 66\ntext = \"MY======\"", .missingField("id")),
        ("id = a\nbytes = 66", .missingField("text")),
        ("id = a\ntext = \"MY======\"", .missingField("bytes")),
        ("id = a\nbytes = 6\ntext = \"MY======\"", .invalidHex(field: "bytes", detail: "1 hex digits is an odd number")),
        ("id = a\nbytes = 66\ntext = MY======", .invalidValue(field: "text", value: "MY======", expected: "a quoted string")),
        ("id = \"a\"\nbytes = 66\ntext = \"MY\"", .invalidValue(field: "id", value: "\"…\"", expected: "a bare (unquoted) value")),
        ("id = a b\nbytes = 66\ntext = \"MY\"", .invalidValue(field: "id", value: "a b", expected: "a token of letters, digits, '_', '-', '.' or ':'")),
        ("id = a\nbytes = 66\ntext = \"MY======\"\n\nid = a\nbytes = 66\ntext = \"MY======\"", .duplicateID("a")),
        ("id = a\noperation = encode\nbytes = 66\ntext = \"MY\"", .invalidValue(field: "operation", value: "encode", expected: "one of roundtrip, decode, decode-lenient, encode-unpadded")),
        ("id = a\ntext = \"MY\"\nexpect = error:invalidLength", .unexpectedField("expect (only for decode operations)")),
        ("id = a\noperation = decode\nbytes = 66\ntext = \"MY\"\nexpect = error:invalidLength", .unexpectedField("bytes (not with expect)")),
        ("id = a\noperation = decode\ntext = \"MY\"\nexpect = error:tooShort", .invalidValue(field: "expect", value: "error:tooShort", expected: "error:<case> with a case of invalidCharacter, invalidLength, invalidPadding, nonZeroTrailingBits")),
        ("id = a\noperation = decode\ntext = \"MY\"\nexpect = error:invalidLength\nposition = 2", .unexpectedField("position (invalidLength has none)")),
        ("id = a\noperation = decode\ntext = \"M!\"\nexpect = error:invalidCharacter\nposition = one", .invalidNumber(field: "position", value: "one")),
        ("id = a\nbytes = 66\nposition = 1\ntext = \"MY======\"", .unexpectedField("position (only with expect)")),
        ("id = a\nbytes 66", .malformedLine("bytes 66")),
        ("id = a\nby tes = 66", .malformedLine("by tes = 66")),
        ("id = a\nbytes = 6\"6", .invalidQuotedString("a bare value may not contain '\"'")),
    ])
    func malformedRecords(records: String, problem: VectorFileError.Problem) {
        #expect(expectFileError("x.txt", base32File(records))?.problem == problem)
    }

    @Test("headers: unknown kind, missing source, extra keys, no header")
    func headers() {
        #expect(expectFileError("x.txt", base32File("id = a", kind: "base64"))?.problem
            == .unrecognisedFormat("unknown kind \"base64\" (known: base32, base16, keyuri, hotp, totp, verifier, steam, google-migration, aegis)"))
        #expect(expectFileError("x.txt", Array("kind = base32\n\nid = a\n".utf8))?.problem == .missingField("source"))
        #expect(expectFileError("x.txt", Array("kind = base32\nsource = \"s\"\nauthor = me\n".utf8))?.problem == .unexpectedField("author"))
        #expect(expectFileError("x.txt", Array("kind = base32\nsource = \"s\"\n".utf8))?.problem == .noCases)
        #expect(expectFileError("x.txt", Array("id = a\nkind = base32\n".utf8))?.problem
            == .unrecognisedFormat("no reader for the file name \"x.txt\", and no `kind = …` header"))
    }

    @Test("invalid UTF-8 and control characters are errors")
    func notText() {
        var bytes = base32File("id = a\nbytes = 66\ntext = \"MY======\"")
        let invalid = bytes + Array("\nid = b\ntext = \"".utf8) + [0xC3, 0x28] + Array("\"\nbytes = 00\n".utf8)
        #expect(expectFileError("x.txt", invalid)?.problem == .invalidUTF8)
        bytes[bytes.count - 3] = 0x07
        #expect(expectFileError("x.txt", bytes)?.problem == .notText(byte: 0x07, column: 16))
    }

    @Test("expected errors: case and position must both match when given")
    func expectedErrors() throws {
        let records = """
            id = right-case-and-position
            operation = decode
            text = "MZXW 6YTB"
            expect = error:invalidCharacter
            position = 4

            id = right-case-no-position
            operation = decode-lenient
            text = "MZ!W6YTB"
            expect = error:invalidCharacter

            id = wrong-position
            operation = decode
            text = "MZXW 6YTB"
            expect = error:invalidCharacter
            position = 5

            id = wrong-case
            operation = decode
            text = "MY"
            expect = error:invalidPadding

            id = error-expected-but-decoded
            operation = decode-lenient
            text = "my"
            expect = error:invalidLength

            id = bytes-expected-but-error
            operation = decode
            bytes = 66
            text = "my======"
            """
        let report = try Conformance.check(fileName: "x.txt", contents: base32File(records))
        #expect(report.passed == 2)
        #expect(report.failures.map(\.caseID) == ["wrong-position", "wrong-case", "error-expected-but-decoded", "bytes-expected-but-error"])
        #expect(report.failures.map(\.message) == [
            "decode: expected error:invalidCharacter (position 5), got error:invalidCharacter (position 4)",
            "decode: expected error:invalidPadding, got error:invalidLength",
            "decode lenient: expected error:invalidLength, got 66",
            "decode: expected 66, got error:invalidCharacter (position 0)",
        ])
    }

    @Test("base16 files take roundtrip and decode only, with Base16Error case names")
    func base16() throws {
        let good = "id = a\nbytes = 0aff\ntext = \"0AFF\"\n\nid = b\noperation = decode\ntext = \"0aff\"\nbytes = 0aff\n\nid = c\noperation = decode\ntext = \"0AF\"\nexpect = error:oddLength\n\nid = d\noperation = decode\ntext = \"0X\"\nexpect = error:invalidCharacter\nposition = 1"
        let report = try Conformance.check(fileName: "b16.txt", contents: base32File(good, kind: "base16"))
        #expect(report.passed == 4 && report.failed == 0)
        let lenient = expectFileError("b16.txt", base32File("id = a\noperation = decode-lenient\ntext = \"0a\"\nbytes = 0a", kind: "base16"))
        #expect(lenient?.problem == .invalidValue(field: "operation", value: "decode-lenient", expected: "one of roundtrip, decode"))
        let base32Case = expectFileError("b16.txt", base32File("id = a\noperation = decode\ntext = \"0\"\nexpect = error:invalidLength", kind: "base16"))
        #expect(base32Case?.problem == .invalidValue(field: "expect", value: "error:invalidLength", expected: "error:<case> with a case of invalidCharacter, oddLength"))
    }

    @Test("a roundtrip checks both directions")
    func roundtripBothDirections() throws {
        // Encoding 0x66 gives "MY======"; "MZ======" has non-zero trailing bits, so both fail.
        let report = try Conformance.check(fileName: "x.txt", contents: base32File("id = a\nbytes = 66\ntext = \"MZ======\""))
        #expect(report.failures.first?.message
            == "encode: expected \"MZ======\", got \"MY======\"; decode: expected 66, got error:nonZeroTrailingBits (position 1)")
    }
}
