// JSON.swift
// A small, strict JSON reader (RFC 8259) for the Wycheproof files, and the string escaping the
// runner's `--json` report uses. Standard library only; it never traps, whatever the input.
//
// What it accepts is exactly the RFC 8259 grammar, with these decisions where the RFC leaves a
// choice to the parser (§8.1, §8.2, §9):
//   - The text must be UTF-8 (§8.1); invalid UTF-8, overlong forms and encoded surrogates are
//     errors. A byte order mark is an error too (§8.1 allows ignoring it; we do not: our files
//     never have one, so one is a sign of a re-encoded file).
//   - A `\u` escape of a lone surrogate (a high one not followed by a low one, or a low one on
//     its own) is an error: a Swift `String` cannot hold it, and replacing it would change data.
//   - Names in an object need not be unique (§4 says SHOULD); every member is kept, in order.
//     Whoever reads an object decides; the Wycheproof check rejects duplicates.
//   - Numbers are kept as the literal text, so nothing is rounded; `integer` converts the ones
//     written as integers that fit in `Int`. Any length is accepted up to the size limit.
//   - Limits (§9): at most `maximumBytes` of input and `maximumDepth` nested arrays/objects,
//     so deep nesting is an error, not a stack overflow.
//   - Any value may be the top level (§2), surrounded by whitespace (space, tab, LF, CR only);
//     anything after it is an error.

/// A JSON value and the 1-based line it starts on.
struct JSONValue: Sendable {
    enum Kind: Sendable {
        case null
        case bool(Bool)
        /// The number as written (`-12.5e3`), checked against the RFC 8259 §6 grammar.
        case number(String)
        case string(String)
        case array([JSONValue])
        /// Members in file order; duplicate names are kept.
        case object([JSONMember])
    }

    var kind: Kind
    var line: Int

    /// The number, when it is written as an integer (no fraction or exponent) that fits in `Int`.
    var integer: Int? {
        guard case .number(let literal) = kind else { return nil }
        var digits = Substring(literal)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        guard let magnitude = parseDecimal(ArraySlice(digits.utf8)) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int.max) + 1 else { return nil }
            return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int.max) else { return nil }
        return Int(magnitude)
    }

    /// `null`, `true`, `a number`, `a string`, `an array` or `an object`: for messages.
    var typeName: String {
        switch kind {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One `"name": value` member of an object.
struct JSONMember: Sendable {
    var name: String
    var value: JSONValue
    /// The line of the name.
    var line: Int
}

/// Why a text is not JSON: where (1-based line, and column in bytes) and what.
struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    var line: Int
    var column: Int
    var problem: Problem

    enum Problem: Equatable, Sendable, CustomStringConvertible {
        /// The input is longer than the limit (bytes).
        case tooLarge(limit: Int)
        /// Arrays and objects nest deeper than the limit.
        case tooDeep(limit: Int)
        /// The text starts with a UTF-8 byte order mark.
        case byteOrderMark
        /// The input ended where `expected` was needed.
        case unexpectedEnd(expected: String)
        /// A byte that cannot start or continue what `expected` names.
        case unexpectedByte(UInt8, expected: String)
        /// A number that breaks the RFC 8259 §6 grammar (`01`, `1.`, `-`, `1e`).
        case invalidNumber(String)
        /// A backslash escape RFC 8259 §7 does not define, or a `\u` without four hex digits.
        case invalidEscape(String)
        /// An unescaped control character (U+0000 to U+001F) inside a string.
        case controlCharacter(UInt8)
        /// Bytes that are not well-formed UTF-8.
        case invalidUTF8
        /// A `\u` escape of a surrogate that is not half of a pair.
        case loneSurrogate(UInt16)
        /// Something after the top-level value.
        case trailingContent(UInt8)

        var description: String {
            switch self {
            case .tooLarge(let limit): "larger than the limit of \(limit) bytes"
            case .tooDeep(let limit): "arrays and objects nested deeper than \(limit)"
            case .byteOrderMark: "starts with a byte order mark (RFC 8259 §8.1: JSON text must not have one)"
            case .unexpectedEnd(let expected): "the text ends where \(expected) was expected"
            case .unexpectedByte(let byte, let expected): "expected \(expected), found \(showByte(byte))"
            case .invalidNumber(let why): "invalid number: \(why)"
            case .invalidEscape(let why): "invalid escape: \(why)"
            case .controlCharacter(let byte): "control character 0x\(hexByte(byte)) in a string must be escaped"
            case .invalidUTF8: "not valid UTF-8"
            case .loneSurrogate(let unit): "\\u\(String(unit, radix: 16, uppercase: true)) is a lone surrogate"
            case .trailingContent(let byte): "\(showByte(byte)) after the end of the JSON value"
            }
        }
    }

    /// `line 3, column 7: expected ',' or ']', found '}'`.
    var description: String { "line \(line), column \(column): \(problem)" }
}

/// `'x'` for printable ASCII, `0xNN` otherwise.
private func showByte(_ byte: UInt8) -> String {
    byte >= 0x21 && byte <= 0x7E ? "'\(String(Unicode.Scalar(byte)))'" : "byte 0x\(hexByte(byte))"
}

/// The reader's limits.
struct JSONLimits: Sendable {
    /// The longest input, in bytes (16 MiB; the largest Wycheproof HMAC file is 88 kB).
    var maximumBytes = 16 << 20
    /// The deepest nesting of arrays and objects (Wycheproof files nest 5 deep).
    var maximumDepth = 64
}

/// Parses one JSON text (RFC 8259).
func parseJSON(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) throws(JSONError) -> JSONValue {
    guard bytes.count <= limits.maximumBytes else {
        throw JSONError(line: 1, column: 1, problem: .tooLarge(limit: limits.maximumBytes))
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
        throw JSONError(line: 1, column: 1, problem: .byteOrderMark)
    }
    let result: Result<JSONValue, JSONError> = bytes.withUnsafeBufferPointer { buffer in
        var parser = _JSONParser(bytes: buffer, maximumDepth: limits.maximumDepth)
        do throws(JSONError) {
            let value = try parser.parseDocument()
            return .success(value)
        } catch {
            return .failure(error)
        }
    }
    return try result.get()
}

// MARK: - Parser

/// A recursive-descent parser over the input bytes; depth is bounded, so recursion is too.
private struct _JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var index = 0
    var line = 1
    var lineStart = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    func error(_ problem: JSONError.Problem, at position: Int? = nil) -> JSONError {
        JSONError(line: line, column: (position ?? index) - lineStart + 1, problem: problem)
    }

    /// An error for the byte at `index`, or for the end of input.
    func unexpected(_ expected: String) -> JSONError {
        index < bytes.count ? error(.unexpectedByte(bytes[index], expected: expected)) : error(.unexpectedEnd(expected: expected))
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D:
                index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if index < bytes.count { throw error(.trailingContent(bytes[index])) }
        return value
    }

    mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard index < bytes.count else { throw error(.unexpectedEnd(expected: "a value")) }
        let startLine = line
        switch bytes[index] {
        case UInt8(ascii: "{"): return JSONValue(kind: .object(try parseObject(depth: depth + 1)), line: startLine)
        case UInt8(ascii: "["): return JSONValue(kind: .array(try parseArray(depth: depth + 1)), line: startLine)
        case UInt8(ascii: "\""): return JSONValue(kind: .string(try parseString()), line: startLine)
        case UInt8(ascii: "t"): try parseLiteral("true"); return JSONValue(kind: .bool(true), line: startLine)
        case UInt8(ascii: "f"): try parseLiteral("false"); return JSONValue(kind: .bool(false), line: startLine)
        case UInt8(ascii: "n"): try parseLiteral("null"); return JSONValue(kind: .null, line: startLine)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(kind: .number(try parseNumber()), line: startLine)
        default:
            throw unexpected("a value")
        }
    }

    mutating func parseLiteral(_ word: StaticString) throws(JSONError) {
        let expected = word.withUTF8Buffer { Array($0) }
        for byte in expected {
            guard index < bytes.count, bytes[index] == byte else { throw unexpected("'\(word)'") }
            index += 1
        }
    }

    mutating func parseObject(depth: Int) throws(JSONError) -> [JSONMember] {
        guard depth <= maximumDepth else { throw error(.tooDeep(limit: maximumDepth)) }
        index += 1  // {
        var members: [JSONMember] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw unexpected("a member name (a string)") }
            let nameLine = line
            let name = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw unexpected("':'") }
            index += 1
            skipWhitespace()
            members.append(JSONMember(name: name, value: try parseValue(depth: depth), line: nameLine))
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd(expected: "',' or '}'")) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return members
            default: throw unexpected("',' or '}'")
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONError) -> [JSONValue] {
        guard depth <= maximumDepth else { throw error(.tooDeep(limit: maximumDepth)) }
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd(expected: "',' or ']'")) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return elements
            default: throw unexpected("',' or ']'")
            }
        }
    }

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(JSONError) -> String {
        let start = index
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { throw error(.invalidNumber("'-' must be followed by a digit")) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { throw error(.invalidNumber("leading zeros are not allowed"), at: start) }
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw error(.invalidNumber("'.' must be followed by a digit")) }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { throw error(.invalidNumber("the exponent needs a digit")) }
            while isDigit(index) { index += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// RFC 8259 §7: a quoted string; control characters must be escaped; UTF-8 is checked.
    mutating func parseString() throws(JSONError) -> String {
        index += 1  // opening quote
        var output: [UInt8] = []
        var runStart = index
        while true {
            guard index < bytes.count else { throw error(.unexpectedEnd(expected: "'\"' closing the string")) }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index += 1
                // Every byte was checked: raw runs are well-formed UTF-8, escapes encode scalars.
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                try parseEscape(into: &output)
                runStart = index
            case 0x00..<0x20:
                throw error(.controlCharacter(byte))
            case 0x80...:
                try skipUTF8Sequence()
            default:
                index += 1
            }
        }
    }

    /// One backslash escape, appended to `output` as UTF-8.
    mutating func parseEscape(into output: inout [UInt8]) throws(JSONError) {
        let escapeStart = index
        index += 1  // backslash
        guard index < bytes.count else { throw error(.unexpectedEnd(expected: "an escape character")) }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(letter)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try parseHex4()
            var scalarValue = UInt32(unit)
            if unit >= 0xD800, unit <= 0xDBFF {
                // A high surrogate must be followed by `\u` and a low surrogate.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error(.loneSurrogate(unit), at: escapeStart)
                }
                index += 2
                let low = try parseHex4()
                guard low >= 0xDC00, low <= 0xDFFF else { throw error(.loneSurrogate(unit), at: escapeStart) }
                scalarValue = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
            } else if unit >= 0xDC00, unit <= 0xDFFF {
                throw error(.loneSurrogate(unit), at: escapeStart)
            }
            guard let scalar = Unicode.Scalar(scalarValue) else { throw error(.loneSurrogate(unit), at: escapeStart) }
            output.append(contentsOf: String(scalar).utf8)
        default:
            throw error(.invalidEscape("\\\(showByte(letter)) is not one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"), at: escapeStart)
        }
    }

    mutating func parseHex4() throws(JSONError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let nibble = hexValue(bytes[index]) else {
                throw error(.invalidEscape("\\u must be followed by four hex digits"))
            }
            value = value << 4 | UInt16(nibble)
            index += 1
        }
        return value
    }

    /// Checks one multi-byte UTF-8 sequence at `index` (Unicode Table 3-7: no overlong forms, no
    /// surrogates, nothing above U+10FFFF) and moves past it.
    mutating func skipUTF8Sequence() throws(JSONError) {
        let lead = bytes[index]
        let count: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: count = 1
        case 0xE0: count = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: count = 2
        case 0xED: count = 2; high = 0x9F
        case 0xF0: count = 3; low = 0x90
        case 0xF1...0xF3: count = 3
        case 0xF4: count = 3; high = 0x8F
        default: throw error(.invalidUTF8)
        }
        for offset in 1...count {
            let position = index + offset
            guard position < bytes.count else { throw error(.invalidUTF8) }
            let byte = bytes[position]
            let (minimum, maximum) = offset == 1 ? (low, high) : (0x80, 0xBF)
            guard byte >= minimum, byte <= maximum else { throw error(.invalidUTF8) }
        }
        index += count + 1
    }
}

// MARK: - Writing

/// `text` as a JSON string literal (RFC 8259 §7): quotes, backslashes and control characters
/// escaped; everything else as UTF-8.
public func jsonQuoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default:
            result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}
