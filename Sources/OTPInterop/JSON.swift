// JSON.swift
// A small strict JSON reader and writer (RFC 8259) for the Aegis vault format. Standard library
// only; it never traps. (Conformance has its own reader for the Wycheproof files; this one
// lives here because the library cannot import Conformance.)
//
// Decisions where RFC 8259 leaves a choice (§8.1, §9):
//   - UTF-8 only; a byte order mark is skipped (§8.1 allows ignoring it; Windows editors add one).
//   - Invalid UTF-8 and lone surrogate escapes are errors: a Swift String cannot hold them.
//   - Numbers are kept as written; `integer` reads those written as integers that fit in `Int`.
//   - Limits: input size and nesting depth are bounded by the caller, so deep nesting is an
//     error, not a stack overflow.

/// A JSON value.
enum JSONValue {
    case null
    case bool(Bool)
    /// The number's text as written, checked against the RFC 8259 §6 grammar.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order; a repeated name is kept (the reader of the object decides).
    case object([(name: String, value: JSONValue)])

    /// The value of an integer written without fraction or exponent that fits in `Int`.
    var integer: Int? {
        guard case .number(let text) = self else { return nil }
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var magnitude = 0
        for byte in digits.utf8 {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(byte - 0x30))
            guard !o1, !o2 else { return nil }
            magnitude = sum
        }
        return negative ? -magnitude : magnitude
    }

    /// `null`, `a boolean`, `a number`, `a string`, `an array` or `an object`, for messages.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// Where a text stops being JSON, and what was expected there.
struct JSONSyntaxError: Error, Equatable {
    /// 1-based line and byte column.
    var line: Int
    var column: Int
    /// What the reader needed: `a value`, `',' or '}'`, `valid UTF-8`, ...
    var expected: String
}

/// Parses one JSON text (RFC 8259), nesting at most `maximumDepth` arrays and objects.
func parseJSON(_ bytes: [UInt8], maximumDepth: Int) throws(JSONSyntaxError) -> JSONValue {
    var parser = _JSONParser(bytes: bytes, maximumDepth: maximumDepth)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3; parser.lineStart = 3 }
    parser.skipWhitespace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    guard parser.index == bytes.count else { throw parser.error("the end of the text") }
    return value
}

private struct _JSONParser {
    let bytes: [UInt8]
    let maximumDepth: Int
    var index = 0
    var line = 1
    var lineStart = 0

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    func error(_ expected: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: index - lineStart + 1, expected: expected)
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while let byte = current {
            switch byte {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A: index += 1; line += 1; lineStart = index
            default: return
            }
        }
    }

    mutating func expect(_ byte: UInt8, _ description: String) throws(JSONSyntaxError) {
        guard current == byte else { throw error(description) }
        index += 1
    }

    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard let byte = current else { throw error("a value") }
        switch byte {
        case UInt8(ascii: "{"): return .object(try parseObject(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try parseArray(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try parseWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseWord("null"); return .null
        case UInt8(ascii: "-"), 0x30...0x39: return .number(try parseNumber())
        default: throw error("a value")
        }
    }

    mutating func parseWord(_ word: String) throws(JSONSyntaxError) {
        for byte in word.utf8 { try expect(byte, "'\(word)'") }
    }

    mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> [(name: String, value: JSONValue)] {
        guard depth <= maximumDepth else { throw error("at most \(maximumDepth) nested arrays and objects") }
        index += 1
        var members: [(name: String, value: JSONValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; return members }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("a member name") }
            let name = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':'")
            skipWhitespace()
            members.append((name, try parseValue(depth: depth)))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return members
            default: throw error("',' or '}'")
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> [JSONValue] {
        guard depth <= maximumDepth else { throw error("at most \(maximumDepth) nested arrays and objects") }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; return elements }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return elements
            default: throw error("',' or ']'")
            }
        }
    }

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        if current == UInt8(ascii: "-") { index += 1 }
        guard isDigit(current) else { throw error("a digit") }
        if current == UInt8(ascii: "0") {
            index += 1
            if isDigit(current) { throw error("no leading zero") }
        } else {
            while isDigit(current) { index += 1 }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard isDigit(current) else { throw error("a digit after '.'") }
            while isDigit(current) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard isDigit(current) else { throw error("a digit in the exponent") }
            while isDigit(current) { index += 1 }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// RFC 8259 §7: a string; control characters must be escaped; the UTF-8 is checked.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        var output: [UInt8] = []
        while true {
            guard let byte = current else { throw error("'\"' closing the string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: output, as: UTF8.self) else { throw error("valid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                try parseEscape(into: &output)
            case 0x00..<0x20:
                throw error("an escaped control character")
            default:
                output.append(byte)
                index += 1
            }
        }
    }

    mutating func parseEscape(into output: inout [UInt8]) throws(JSONSyntaxError) {
        guard let letter = current else { throw error("an escape") }
        index += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(letter)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try parseHex4())
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                // RFC 8259 §7: a character outside the BMP is a surrogate pair of two escapes.
                guard current == UInt8(ascii: "\\") else { throw error("a low surrogate escape") }
                index += 1
                guard current == UInt8(ascii: "u") else { throw error("a low surrogate escape") }
                index += 1
                let low = UInt32(try parseHex4())
                guard low >= 0xDC00 && low <= 0xDFFF else { throw error("a low surrogate escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let value = Unicode.Scalar(scalar) else { throw error("no lone surrogate") }
            output.append(contentsOf: String(value).utf8)
        default:
            throw error("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u")
        }
    }

    mutating func parseHex4() throws(JSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw error("four hex digits") }
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw error("four hex digits")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }
}

// MARK: - Writing

/// `text` as a JSON string (RFC 8259 §7): `"`, `\` and control characters escaped.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            let digits: [UInt8] = Array("0123456789abcdef".utf8)
            out += "\\u00"
            out.unicodeScalars.append(Unicode.Scalar(digits[Int(scalar.value >> 4)]))
            out.unicodeScalars.append(Unicode.Scalar(digits[Int(scalar.value & 0xF)]))
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
