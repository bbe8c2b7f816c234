// WycheproofTests.swift
// Wycheproof MAC files read unchanged: results, truncation, flags, and a strict schema.

import Testing
@testable import Conformance

private let sha256File = "wycheproof/testvectors_v1/hmac_sha256_test.json"
private let sha256Name = "hmac_sha256_test.json"

/// The line of `"tcId": id,` in `bytes`.
private func tcIdLine(_ id: Int, in bytes: [UInt8]) throws -> Int {
    try #require(lineNumber(of: "\"tcId\": \(id),", in: bytes))
}

/// `bytes` with the first line after `start` whose trimmed text is `old` replaced by `new`
/// (indentation kept).
private func replacing(_ old: String, with new: String, after start: Int = 0, in bytes: [UInt8]) throws -> [UInt8] {
    let number = try #require(lineNumber(of: old, in: bytes, after: start))
    let original = line(number, of: bytes)
    let indent = String(original.prefix { $0 == " " })
    return replacingLine(number, with: indent + new, in: bytes)
}

@Suite("Wycheproof MAC files")
struct WycheproofTests {
    @Test("a flipped result valid -> invalid fails that test alone, with its flags")
    func validFlippedToInvalid() throws {
        let bytes = try vectorBytes(sha256File)
        let idLine = try tcIdLine(5, in: bytes)
        let mutated = try replacing("\"result\": \"valid\"", with: "\"result\": \"invalid\"", after: idLine, in: bytes)
        let report = try Conformance.check(fileName: sha256Name, contents: mutated)
        #expect(report.passed == 173)
        #expect(report.failures.map(\.caseID) == ["tcId 5"])
        let failure = try #require(report.failures.first)
        #expect(failure.line == idLine - 1)   // the line of the test's `{`
        #expect(failure.flags == ["Pseudorandom"])
        #expect(failure.mismatches == [Mismatch(field: "verify", expected: "reject (result invalid)", got: "accepted")])
        #expect(failure.description.hasSuffix("[flags: Pseudorandom]"))
        #expect(failure.inputs.contains(CaseInput(name: "msg", value: "cc021d65")))
        #expect(failure.inputs.contains(CaseInput(name: "tagSize", value: "256")))
    }

    @Test("a flipped result invalid -> valid fails that test alone")
    func invalidFlippedToValid() throws {
        let bytes = try vectorBytes(sha256File)
        let idLine = try tcIdLine(28, in: bytes)
        let mutated = try replacing("\"result\": \"invalid\"", with: "\"result\": \"valid\"", after: idLine, in: bytes)
        let report = try Conformance.check(fileName: sha256Name, contents: mutated)
        #expect(report.passed == 173)
        let failure = try #require(report.failures.first)
        #expect(report.failures.count == 1)
        #expect(failure.caseID == "tcId 28")
        #expect(failure.flags == ["ModifiedTag"])
        #expect(failure.mismatches.first?.field == "tag")
        #expect(failure.mismatches.first?.expected == "d28b42096d80f45f826b44a9d5607de72496a415d3f4a1a8c88e3bb9da8dc1cb")
        #expect(failure.mismatches.first?.got == "d38b42096d80f45f826b44a9d5607de72496a415d3f4a1a8c88e3bb9da8dc1cb")
    }

    @Test("one flipped tag hex digit fails that test alone")
    func flippedTagDigit() throws {
        let bytes = try vectorBytes(sha256File)
        let idLine = try tcIdLine(5, in: bytes)
        let tagLine = try #require(lines(of: bytes).first { $0.number > idLine && $0.text.contains("\"tag\"") })
        let flipped = tagLine.text.replacingOccurrences(of: "5fe8\"", with: "5fe9\"")
        #expect(flipped != tagLine.text)
        let report = try Conformance.check(fileName: sha256Name, contents: replacingLine(tagLine.number, with: flipped, in: bytes))
        #expect(report.passed == 173)
        #expect(report.failures.map(\.caseID) == ["tcId 5"])
        #expect(report.failures.first?.message.hasSuffix("got e87538eb167e62d7cb236690ff3f034a9c12d417aa8dfa694d7405f9e1f85fe8") == true)
    }

    @Test("acceptable passes whichever way the tag compares")
    func acceptable() throws {
        var bytes = try vectorBytes(sha256File)
        bytes = try replacing("\"result\": \"valid\"", with: "\"result\": \"acceptable\"", after: try tcIdLine(5, in: bytes), in: bytes)
        bytes = try replacing("\"result\": \"invalid\"", with: "\"result\": \"acceptable\"", after: try tcIdLine(28, in: bytes), in: bytes)
        let report = try Conformance.check(fileName: sha256Name, contents: bytes)
        #expect(report.passed == 174 && report.failed == 0)
    }

    @Test("a tag of the wrong length never verifies, and the group's tagSize sets the truncation")
    func tagLength() throws {
        // tcId 5 is in the (256, 256) group: cut its tag to 16 bytes and it no longer matches.
        let bytes = try vectorBytes(sha256File)
        let idLine = try tcIdLine(5, in: bytes)
        let cut = try replacing(
            "\"tag\": \"e87538eb167e62d7cb236690ff3f034a9c12d417aa8dfa694d7405f9e1f85fe8\",",
            with: "\"tag\": \"e87538eb167e62d7cb236690ff3f034a\",", after: idLine, in: bytes)
        #expect(try Conformance.check(fileName: sha256Name, contents: cut).failures.map(\.caseID) == ["tcId 5"])
        // The same 16 bytes pass when the group says tagSize 128.
        let truncated = try replacing("\"tagSize\": 256,", with: "\"tagSize\": 128,", in: cut)
        let report = try Conformance.check(fileName: sha256Name, contents: truncated)
        #expect(!report.failures.map(\.caseID).contains("tcId 5"))
    }

    @Test("the algorithm comes from the file's `algorithm`, not its name")
    func algorithmFromFile() throws {
        let bytes = try vectorBytes("wycheproof/testvectors_v1/hmac_sha512_256_test.json")
        let report = try Conformance.check(fileName: "whatever.json", contents: bytes)
        #expect(report.format == "Wycheproof MAC, HMAC-SHA-512/256")
        #expect(report.passed == 175)
        // Read as HMAC-SHA-512, the TruncatedHmac case (a truncated HMAC-SHA-512 tag, result
        // invalid) now verifies, and no valid (Pseudorandom) case does.
        let asSHA512 = try replacing("\"algorithm\": \"HMACSHA512/256\",", with: "\"algorithm\": \"HMACSHA512\",", in: bytes)
        let wrong = try Conformance.check(fileName: "whatever.json", contents: asSHA512)
        #expect(wrong.failures.contains { $0.flags == ["TruncatedHmac"] })
        #expect(wrong.failures.filter { $0.flags == ["Pseudorandom"] }.count == wrong.failed - 1)
        #expect(wrong.failed > 50)
    }

    @Test("schema violations are format errors naming the line", arguments: [
        ("\"numberOfTests\": 174,", "\"numberOfTests\": 175,", VectorFileError.Problem.invalidValue(
            field: "numberOfTests", value: "175", expected: "the number of tests in the file, 174")),
        ("\"algorithm\": \"HMACSHA256\",", "\"algorithm\": \"HMACSHA3-256\",", .invalidValue(
            field: "algorithm", value: "HMACSHA3-256",
            expected: "one of HMACSHA1, HMACSHA224, HMACSHA256, HMACSHA384, HMACSHA512, HMACSHA512/224, HMACSHA512/256")),
        ("\"tcId\": 5,", "\"tcId\": 4,", .duplicateID("tcId 4")),
        ("\"tcId\": 5,", "\"tcId\": 5.0,", .invalidNumber(field: "tcId", value: "5.0")),
        ("\"tcId\": 5,", "\"tcId\": \"5\",", .invalidNumber(field: "tcId", value: "a string")),
        ("\"comment\": \"short message\",", "\"note\": \"short message\",", .unexpectedField("note")),
        ("\"result\": \"valid\"", "\"result\": \"maybe\"", .invalidValue(field: "result", value: "maybe", expected: "valid, invalid or acceptable")),
        ("\"Pseudorandom\"", "\"Random\"", .invalidValue(field: "flags", value: "Random", expected: "a flag described in \"notes\"")),
        ("\"msg\": \"cc021d65\",", "\"msg\": \"cc021d6\",", .invalidHex(field: "msg", detail: "7 hex digits is an odd number")),
        ("\"msg\": \"cc021d65\",", "\"msg\": \"cc021d6g\",", .invalidHex(field: "msg", detail: "'g' at offset 8 is not a hex digit")),
        ("\"tagSize\": 256,", "\"tagSize\": 260,", .invalidValue(field: "tagSize", value: "260", expected: "a whole number of bytes, in bits, from 8 to 256")),
        ("\"tagSize\": 256,", "\"tagSize\": 512,", .invalidValue(field: "tagSize", value: "512", expected: "a whole number of bytes, in bits, from 8 to 256")),
        ("\"keySize\": 256,", "\"keySize\": 248,", .lengthMismatch(field: "key", expected: 31, actual: 32)),
        ("\"type\": \"MacTest\",", "\"type\": \"MacVerify\",", .invalidValue(field: "type", value: "MacVerify", expected: "MacTest")),
        ("\"schema\": \"mac_test_schema_v1.json\",", "\"schema\": \"mac_test_schema.json\",", .unrecognisedFormat(
            "Wycheproof schema \"mac_test_schema.json\" has no check (supported: mac_test_schema_v1.json)")),
        ("\"schema\": \"mac_test_schema_v1.json\",", "\"scheme\": \"mac_test_schema_v1.json\",", .unrecognisedFormat(
            "a JSON file without a Wycheproof \"schema\"")),
        ("\"comment\": \"short message\",", "\"comment\": \"short message\", \"comment\": \"again\",", .duplicateField("comment")),
    ])
    func schemaViolations(old: String, new: String, problem: VectorFileError.Problem) throws {
        let bytes = try vectorBytes(sha256File)
        // Edit the first occurrence after tcId 5 when there is one, else the first in the file.
        let start = lineNumber(of: old, in: bytes, after: try tcIdLine(5, in: bytes) - 1) != nil ? try tcIdLine(5, in: bytes) - 1 : 0
        let editedLine = try #require(lineNumber(of: old, in: bytes, after: start))
        let mutated = try replacing(old, with: new, after: start, in: bytes)
        let error = try #require(expectFileError(sha256Name, mutated))
        #expect(error.problem == problem)
        #expect(error.line != nil)
        if case .invalidValue(field: "numberOfTests", _, _) = problem {
            #expect(error.line == editedLine)
        }
    }

    @Test("missing members and JSON syntax errors")
    func missingAndSyntax() throws {
        let bytes = try vectorBytes(sha256File)
        let idLine = try tcIdLine(5, in: bytes)
        // Drop the "comment" line of tcId 5.
        let commentLine = try #require(lineNumber(of: "\"comment\": \"short message\",", in: bytes, after: idLine - 1))
        var parts = lines(of: bytes).map(\.text)
        parts.remove(at: commentLine - 1)
        let missing = try #require(expectFileError(sha256Name, Array(parts.joined(separator: "\n").utf8)))
        #expect(missing.problem == .missingField("comment"))
        #expect(missing.line == idLine - 1)
        // A trailing comma after the last member of tcId 5.
        let comma = try replacing("\"result\": \"valid\"", with: "\"result\": \"valid\",", after: idLine, in: bytes)
        let syntax = try #require(expectFileError(sha256Name, comma))
        guard case .invalidJSON(_, let detail) = syntax.problem else {
            Issue.record("\(syntax)")
            return
        }
        #expect(detail == "expected a member name (a string), found '}'")
        #expect(syntax.line == idLine + 9)
        #expect(expectFileError("x.json", Array("[]".utf8))?.problem == .invalidValue(field: "the top-level value", value: "an array", expected: "an object"))
        #expect(expectFileError("x.json", [])?.problem == .invalidJSON(column: 1, detail: "the text ends where a value was expected"))
        let noTests = Array("{\"algorithm\": \"HMACSHA1\", \"schema\": \"mac_test_schema_v1.json\", \"numberOfTests\": 0, \"header\": [], \"notes\": {}, \"testGroups\": []}".utf8)
        #expect(expectFileError("x.json", noTests)?.problem == .noCases)
    }

    @Test("random edits to a Wycheproof file give a report or a typed error, never a trap")
    func structuredFuzz() throws {
        var generator = SplitMix64(state: 0x3E5C_4E00)
        let original = try vectorBytes("wycheproof/testvectors_v1/hmac_sha1_test.json")
        let interesting = Array("{}[]\",:0af9 \n\\-.eE".utf8) + [0x00, 0x80, 0xFF]
        var outcomes = (reports: 0, errors: 0)
        for _ in 0..<20 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = interesting.randomElement(using: &generator)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(interesting.randomElement(using: &generator)!, at: index)
                }
            }
            do {
                _ = try Conformance.check(fileName: "hmac_sha1_test.json", contents: bytes)
                outcomes.reports += 1
            } catch {
                outcomes.errors += 1
            }
        }
        #expect(outcomes.reports + outcomes.errors == 20)
        #expect(outcomes.errors > 0)
    }

    @Test("inventory counts every test without checking")
    func inventory() throws {
        let bytes = try vectorBytes("wycheproof/testvectors_v1/hmac_sha512_224_test.json")
        let found = try Conformance.inventory(fileName: "hmac_sha512_224_test.json", contents: bytes)
        #expect(found.format == "Wycheproof MAC, HMAC-SHA-512/224")
        #expect(found.caseCount == 173)
    }
}
