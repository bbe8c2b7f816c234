// JSONReaderTests.swift
// The strict JSON reader (RFC 8259) on the kinds of case the public JSONTestSuite collects
// (retyped from its y_ / n_ / i_ categories, not copied): every y_ text parses, every n_ text
// is an error, and each i_ text gets the decision documented in JSON.swift. Nothing traps.

import Testing
@testable import Conformance

private func parse(_ text: String) throws(JSONError) -> JSONValue {
    try parseJSON(Array(text.utf8))
}

private func parseBytes(_ bytes: [UInt8]) -> Result<JSONValue, JSONError> {
    do throws(JSONError) {
        return .success(try parseJSON(bytes))
    } catch {
        return .failure(error)
    }
}

private func problem(_ text: String) -> JSONError.Problem? {
    problem(Array(text.utf8))
}

private func problem(_ bytes: [UInt8]) -> JSONError.Problem? {
    if case .failure(let error) = parseBytes(bytes) { return error.problem }
    return nil
}

/// The string inside a one-element array `["…"]`.
private func onlyString(_ text: String) throws -> String {
    let value = try parse(text)
    guard case .array(let elements) = value.kind, elements.count == 1, case .string(let string) = elements[0].kind else {
        Issue.record("not a one-string array: \(text)")
        return ""
    }
    return string
}

@Suite("JSON reader")
struct JSONReaderTests {
    // MARK: - Accepted (JSONTestSuite y_)

    @Test("texts RFC 8259 accepts parse", arguments: [
        // arrays and structure
        "[[]   ]", "[\"\"]", "[]", "[\"a\"]", "[false]", "[null, 1, \"1\", {}]", "[null]", "[1\n]", " [1]",
        "[1,null,null,null,2]", "[2] ", "[[[[[]]]]]", " [] ", "[1]\n", "\t\r\n[\r\n1\t]\r\n",
        // lone values at the top level (RFC 8259 §2)
        "\"asd\"", "null", "true", "false", "42", "-0.1", "\" \"", "0", "-0",
        // numbers
        "[123e65]", "[0e+1]", "[0e1]", "[ 4]", "[-0.000000000000000000000000000000000000000000000001]", "[20e1]",
        "[-0]", "[-123]", "[-1]", "[1E22]", "[1E-2]", "[1E+2]", "[123e45]", "[123.456e78]", "[1e-2]", "[1e+2]",
        "[123]", "[123.456789]", "[100000000000000000000]", "[0.5]", "[1.0]",
        // objects
        "{\"asd\":\"sdf\", \"dfg\":\"fgh\"}", "{\"asd\":\"sdf\"}", "{\"a\":\"b\",\"a\":\"c\"}", "{\"a\":\"b\",\"a\":\"b\"}",
        "{}", "{\"\":0}", "{\"foo\\u0000bar\": 42}", "{ \"min\": -1.0e+28, \"max\": 1.0e+28 }",
        "{\"x\":[{\"id\": \"xxx\"}], \"id\": \"xxx\"}", "{\"a\":[]}", "{\n\"a\": \"b\"\n}",
        // strings and escapes
        "[\"\\u0060\\u012a\\u12AB\"]", "[\"\\uD801\\udc37\"]", "[\"\\ud83d\\ude39\\ud83d\\udc8d\"]",
        "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]", "[\"\\\\u0000\"]", "[\"\\\"\"]", "[\"a/*b*/c/*d//e\"]", "[\"\\\\a\"]",
        "[\"\\\\n\"]", "[\"\\u0012\"]", "[\"\\uFFFF\"]", "[\"asd\"]", "[ \"asd\"]", "[\"\\uDBFF\\uDFFF\"]",
        "[\"new\\u00A0line\"]", "[\"\\u0000\"]", "[\"\\u002c\"]", "[\"π\"]", "[\"asd \"]", "[\"\\uD834\\uDd1e\"]",
        "[\"\\u0821\"]", "[\"\\u0061\\u30af\\u30EA\\u30b9\"]", "[\"new\\u000Aline\"]", "[\"\u{7F}\"]", "[\"€𝄞\"]",
        "[\"\\u005C\"]", "[\"\\uFDD0\"]", "[\"\\uFFFE\"]", "[\"⍂㈴⍂\"]", "[\"\u{10FFFF}\"]", "[\"\u{FFFF}\"]",
    ])
    func accepted(text: String) {
        if case .failure(let error) = parseBytes(Array(text.utf8)) {
            Issue.record("\(text.debugDescription): \(error)")
        }
    }

    @Test("values come out exactly")
    func values() throws {
        #expect(try onlyString("[\"\\uD801\\udc37\"]") == "\u{10437}")
        #expect(try onlyString("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]") == "\"\\/\u{8}\u{C}\n\r\t")
        #expect(try onlyString("[\"\\u0000\"]") == "\u{0}")
        #expect(try onlyString("[\"\\uDBFF\\uDFFF\"]") == "\u{10FFFF}")
        #expect(try onlyString("[\"a\\u00e9b\"]") == "aéb")
        #expect(try onlyString("[\"\u{1F600}\"]") == "\u{1F600}")

        let object = try parse("{\"a\":\"b\",\n\"a\":\n[1, -0, 1.50e+3]}")
        guard case .object(let members) = object.kind else { Issue.record("not an object"); return }
        #expect(members.map(\.name) == ["a", "a"])   // duplicates kept, in order
        #expect(members.map(\.line) == [1, 2])
        guard case .array(let numbers) = members[1].value.kind else { Issue.record("not an array"); return }
        #expect(members[1].value.line == 3)
        let literals = numbers.map { value -> String in if case .number(let text) = value.kind { text } else { "?" } }
        #expect(literals == ["1", "-0", "1.50e+3"])   // kept as written
        #expect(numbers.map(\.integer) == [1, 0, nil])
    }

    @Test("integers: exact within Int, nil beyond or with a fraction or exponent")
    func integers() throws {
        let cases: [(String, Int?)] = [
            ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min), ("9223372036854775808", nil),
            ("-9223372036854775809", nil), ("100000000000000000000", nil), ("1.0", nil), ("1e2", nil), ("0", 0), ("-0", 0),
            ("174", 174),
        ]
        for (text, expected) in cases {
            #expect(try parse(text).integer == expected, "\(text)")
        }
        #expect(try parse("\"12\"").integer == nil)
    }

    // MARK: - Rejected (JSONTestSuite n_)

    @Test("texts RFC 8259 rejects are errors", arguments: [
        // arrays
        "[1 true]", "[\"\": 1]", "[\"\"],", "[,1]", "[1,,2]", "[\"x\",,]", "[\"x\"]]", "[\"\",]", "[\"x\"", "[x", "[3[4]]",
        "[1:2]", "[,]", "[-]", "[   , \"\"]", "[\"a\",\n4\n,1,", "[1,]", "[1,,]", "[*]", "[\"\"", "[1,", "[1,\n1\n,1", "[{}",
        "[\"a\"\u{C}]", "[\u{C}]", "[fals]", "[nul]", "[tru]", "[True]", "[ false, tru", "[\"\\\"]",
        // numbers
        "[++1234]", "[+1]", "[+Inf]", "[-01]", "[-1.0.]", "[-2.]", "[-NaN]", "[.-1]", "[.2e-3]", "[0.1.2]", "[0.3e+]",
        "[0.3e]", "[0.e1]", "[0E+]", "[0E]", "[0e+]", "[0e]", "[1.0e+]", "[1.0e-]", "[1.0e]", "[1 000.0]", "[1eE2]",
        "[2.e+3]", "[2.e-3]", "[2.e3]", "[9.e+]", "[Inf]", "[NaN]", "[012]", "[-012]", "[0x1]", "[0x42]", "[1ea]",
        "[1.2a-3]", "[1.8011670033376514H-308]", "[-foo]", "[- 1]", "[Infinity]", "[-Infinity]", "01", "-", "1.", ".1",
        // objects
        "{\"x\", null}", "{\"x\"::\"b\"}", "{[: \"x\"}", "{\"a\" b}", "{key: 'value'}", "{\"a\":\"a\" 123}", "{\"a\" \"b\"}",
        "{\"a\":}", "{:\"b\"}", "{null:null,null:null}", "{\"id\":0,,,,,}", "{'a':0}", "{\"id\":0,}", "{\"a\":\"b\"}/**/",
        "{\"a\":\"b\"}//", "{\"a\":\"b\",,\"c\":\"d\"}", "{a: \"b\"}", "{\"a\":\"a", "{ \"foo\" : \"bar\", \"a\" }",
        "{\"a\":\"b\"}#", "{\"a\"", "{1:1}", "{9999E9999:1}", "{\"a\":\"b\",}", "{\"a\":1}}", "{", "}",
        // strings
        "[\"\u{0}\"]", "[\"\t\"]", "[\"new\nline\"]", "[\"\\x00\"]", "[\"\\a\"]", "[\"\\u00A\"]", "[\"\\uqqqq\"]", "[\"\\",
        "[\"\\uD800\\u\"]", "[\"\\uD800\\u1\"]", "[\"\\uD800\\u1x\"]", "['single quote']", "abc", "[é]", "\"", "[\"a\u{0}a\"]",
        "[\"\\U0041\"]", "[\"\\'\"]", "\"\\u{41}\"",
        // structure
        "", " ", "\n\t\r", "[", "]", "<.>", "[<null>]", "[1]x", "[]]", "[\"asd]", "true false", "[][]", "\"a\" \"b\"", "1]",
        "[1]]", "[\u{0}]", "<null>", "[\u{2060}]", "nul", "\u{C}[]", "[1]\u{0}", "{\"a\":\"b\"}#{}", "[\"a\"]\u{A0}", "//[]",
    ])
    func rejected(text: String) {
        if case .success = parseBytes(Array(text.utf8)) {
            Issue.record("accepted \(text.debugDescription)")
        }
    }

    @Test("rejected bytes that are not UTF-8 text", arguments: [
        [0x5B, 0x61, 0xE5, 0x5D],                  // [aå] in Latin-1, outside a string
        [0x5B, 0xFF, 0x5D],                        // [0xFF]
        [0x5B, 0x31, 0x65, 0x31, 0xE5, 0x5D],      // [1e1å]
        [0xEF, 0xBB, 0xBF],                        // a byte order mark and nothing else
    ] as [[UInt8]])
    func rejectedBytes(bytes: [UInt8]) {
        #expect(problem(bytes) != nil)
    }

    @Test("errors name the line, column and rule")
    func errorPositions() {
        #expect(throws: JSONError(line: 1, column: 4, problem: .unexpectedByte(UInt8(ascii: "]"), expected: "a value"))) { try parse("[1,]") }
        #expect(throws: JSONError(line: 2, column: 10, problem: .unexpectedByte(UInt8(ascii: "}"), expected: "a member name (a string)"))) {
            try parse("{\"a\": 1,\n  \"b\": 2,}")
        }
        #expect(throws: JSONError(line: 1, column: 2, problem: .invalidNumber("leading zeros are not allowed"))) { try parse("[01]") }
        #expect(throws: JSONError(line: 1, column: 3, problem: .trailingContent(UInt8(ascii: "x")))) { try parse("[]x") }
        #expect(throws: JSONError(line: 1, column: 1, problem: .unexpectedEnd(expected: "a value"))) { try parse("") }
        #expect(throws: JSONError(line: 3, column: 3, problem: .controlCharacter(0x09))) { try parse("\n\n[\"\t\"]") }
        #expect(throws: JSONError(line: 1, column: 3, problem: .loneSurrogate(0xD800))) { try parse("[\"\\uD800\"]") }
        #expect(throws: JSONError(line: 1, column: 1, problem: .byteOrderMark)) { try parseJSON([0xEF, 0xBB, 0xBF, 0x7B, 0x7D]) }
        #expect(throws: JSONError(line: 1, column: 3, problem: .invalidUTF8)) { try parseJSON([0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D]) }
        #expect(throws: JSONError(line: 1, column: 4, problem: .invalidEscape("\\'x' is not one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"))) {
            try parse("[ \"\\x\"]")
        }
        let error = JSONError(line: 2, column: 5, problem: .unexpectedByte(0x7D, expected: "',' or ']'"))
        #expect(error.description == "line 2, column 5: expected ',' or ']', found '}'")
    }

    // MARK: - Implementation-defined (JSONTestSuite i_): our decisions

    @Test("huge numbers are kept as written (i_number_*)", arguments: [
        "[0.4e" + String(repeating: "9", count: 300) + "]", "[123123e100000]", "[123123e-10000000]", "[-1e+9999]",
        "[1.5e+9999]", "[-123123e100000]", "[100000000000000000000]", "[-237462374673276894279832749832423479823246327846]",
        "[" + String(repeating: "7", count: 5000) + "]",
    ])
    func hugeNumbers(text: String) throws {
        let value = try parse(text)
        guard case .array(let elements) = value.kind, case .number(let literal) = elements.first?.kind else {
            Issue.record("not a number array")
            return
        }
        #expect(literal == String(text.dropFirst().dropLast()))
        #expect(elements[0].integer == nil)
    }

    @Test("lone and broken surrogate escapes are errors (i_string_*surrogate*)", arguments: [
        "{\"\\uDFAA\":0}", "[\"\\uDADA\"]", "[\"\\uD888\\u1234\"]", "[\"\\uD800\\n\"]", "[\"\\uDd1ea\"]",
        "[\"\\uD800\\uD800\\n\"]", "[\"\\ud800\"]", "[\"\\ud800abc\"]", "[\"\\uDd1e\\uD834\"]", "[\"\\uDFAA\"]",
    ])
    func loneSurrogates(text: String) {
        guard case .loneSurrogate = problem(text) else {
            Issue.record("\(text): \(String(describing: problem(text)))")
            return
        }
    }

    @Test("invalid UTF-8 inside strings is an error (i_string_* encodings)", arguments: [
        [0xFF], [0xE9], [0x81], [0xF4, 0xBF, 0xBF, 0xBF], [0xC0, 0xAF], [0xFC, 0x83, 0xBF, 0xBF, 0xBF, 0xBF],
        [0xFC, 0x80, 0x80, 0x80, 0x80, 0x80], [0xE0, 0xFF], [0xE6, 0x97, 0xA5, 0xD1, 0x88, 0xFA], [0xED, 0xA0, 0x80],
        [0xED, 0xBF, 0xBF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC2],
        [0xE2, 0x82], [0xF0, 0x9F, 0x98],
    ] as [[UInt8]])
    func invalidUTF8(inside: [UInt8]) {
        #expect(problem([0x5B, 0x22] + inside + [0x22, 0x5D]) == .invalidUTF8)
    }

    @Test("UTF-16 texts and a byte order mark are errors (i_string_UTF-16*, i_structure_UTF-8_BOM_empty_object)")
    func otherEncodings() {
        #expect(problem([0xFF, 0xFE, 0x5B, 0x00, 0x22, 0x00, 0xE9, 0x00, 0x22, 0x00, 0x5D, 0x00]) != nil)
        #expect(problem([0x00, 0x5B, 0x00, 0x22, 0x00, 0xE9, 0x00, 0x22, 0x00, 0x5D]) != nil)
        #expect(problem([0xEF, 0xBB, 0xBF, 0x7B, 0x7D]) == .byteOrderMark)
    }

    // MARK: - Limits

    @Test("nesting deeper than the limit is an error, not a stack overflow")
    func depth() throws {
        let limit = JSONLimits().maximumDepth
        _ = try parse(String(repeating: "[", count: limit) + String(repeating: "]", count: limit))
        #expect(problem(String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)) == .tooDeep(limit: limit))
        #expect(problem(String(repeating: "[", count: 500) + String(repeating: "]", count: 500)) == .tooDeep(limit: limit))
        #expect(problem(String(repeating: "[", count: 100_000)) == .tooDeep(limit: limit))
        #expect(problem(String(repeating: "{\"\":", count: 50_000)) == .tooDeep(limit: limit))
        #expect(problem(String(repeating: "[{\"\":", count: 50_000)) == .tooDeep(limit: limit))
        let small = JSONLimits(maximumBytes: 100, maximumDepth: 2)
        #expect(throws: JSONError.self) { try parseJSON(Array("[[[]]]".utf8), limits: small) }
        #expect(throws: JSONError(line: 1, column: 1, problem: .tooLarge(limit: 100))) {
            try parseJSON(Array(("\"" + String(repeating: "a", count: 100) + "\"").utf8), limits: small)
        }
    }

    @Test("random bytes and random edits never trap")
    func fuzz() {
        var generator = SplitMix64(state: 0x15_0F_7E57)
        let alphabet = Array("[]{}\",:0123456789eE.+-truefalsn\\/ubfnrt \n\t\u{1}".utf8) + [0x80, 0xC3, 0xED, 0xF4, 0xFF]
        var outcomes = (values: 0, errors: 0)
        for _ in 0..<3000 {
            let count = Int.random(in: 0...40, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            switch parseBytes(bytes) {
            case .success: outcomes.values += 1
            case .failure: outcomes.errors += 1
            }
        }
        let seed = Array("{\"a\": [1, -2.5e3, \"x\\u00e9\\ud83d\\ude00\", true, null, {\"b\": []}], \"c\": \"\"}".utf8)
        for _ in 0..<3000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = alphabet.randomElement(using: &generator)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(alphabet.randomElement(using: &generator)!, at: index)
                }
            }
            switch parseBytes(bytes) {
            case .success: outcomes.values += 1
            case .failure: outcomes.errors += 1
            }
        }
        #expect(outcomes.values > 0 && outcomes.errors > 0)
    }

    // MARK: - Writing

    @Test("jsonQuoted output reads back as the same string")
    func quotedRoundTrip() throws {
        for text in ["", "plain", "q\"uote", "back\\slash", "tab\tnew\nline\r", "\u{0}\u{1}\u{1F}\u{7F}", "é€𝄞\u{10FFFF}", "</x>"] {
            #expect(try onlyString("[" + jsonQuoted(text) + "]") == text)
        }
        #expect(jsonQuoted("a\u{1}b") == "\"a\\u0001b\"")
    }
}
