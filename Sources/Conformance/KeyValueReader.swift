// KeyValueReader.swift
// Our own vector format, for everything that has no official file (Vectors/README.md):
//
//   # comment lines anywhere (they do not end a record)
//   kind = base32                     <- the first record is the header: kind and source
//   source = "RFC 4648 §10"
//
//   id = rfc4648-1                    <- every other record is one test case
//   bytes = 666f6f                    <- bare value: a token, hex, a number; may be empty
//   text = "MZXW6==="                 <- quoted value: escapes \" \\ \t \n \u{HEX}
//
// UTF-8, LF or CRLF; records are separated by blank lines. Keys are ASCII letters, digits, `_`,
// `-` and `.`. What each kind's records mean is up to its check (BaseNCheck.swift, ...).

/// A value as written: bare (`666f6f`, `roundtrip`, `error:invalidCharacter`) or quoted.
enum KVValue {
    case bare(ArraySlice<UInt8>)
    case quoted(String)
}

/// One `key = value` line.
struct KVField {
    var key: String
    var value: KVValue
    var line: Int
}

/// The fields between two blank lines.
struct KVRecord {
    /// The line of the first field.
    var line: Int
    var fields: [KVField]

    func field(_ key: String) -> KVField? {
        fields.first { $0.key == key }
    }

    /// Checks that every key is one of `allowed`.
    func requireKeys(in allowed: [String]) throws(FormatError) {
        for field in fields where !allowed.contains(field.key) {
            throw FormatError(line: field.line, .unexpectedField(field.key))
        }
    }

    /// The bare value of `key` (nil when absent); a quoted value is an error.
    func bare(_ key: String) throws(FormatError) -> KVField.Bare? {
        guard let field = field(key) else { return nil }
        guard case .bare(let bytes) = field.value else {
            throw FormatError(line: field.line, .invalidValue(field: key, value: "\"…\"", expected: "a bare (unquoted) value"))
        }
        return KVField.Bare(key: key, bytes: bytes, line: field.line)
    }

    /// The bare value of `key`, which must be there.
    func requireBare(_ key: String) throws(FormatError) -> KVField.Bare {
        guard let value = try bare(key) else { throw FormatError(line: line, .missingField(key)) }
        return value
    }

    /// The quoted value of `key` (nil when absent); a bare value is an error.
    func quoted(_ key: String) throws(FormatError) -> String? {
        guard let field = field(key) else { return nil }
        guard case .quoted(let text) = field.value else {
            throw FormatError(line: field.line, .invalidValue(field: key, value: field.valueExcerpt, expected: "a quoted string"))
        }
        return text
    }

    /// The quoted value of `key`, which must be there.
    func requireQuoted(_ key: String) throws(FormatError) -> String {
        guard let text = try quoted(key) else { throw FormatError(line: line, .missingField(key)) }
        return text
    }
}

extension KVField {
    /// A bare value with the key and line it came from, for typed conversions.
    struct Bare {
        var key: String
        var bytes: ArraySlice<UInt8>
        var line: Int

        var text: String { bytes.text }

        /// A token: ASCII letters, digits, `_`, `-`, `.`, `:` (ids, operations, `error:<case>`).
        func token() throws(FormatError) -> String {
            let allowed = bytes.allSatisfy { byte in
                switch byte {
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2D, 0x2E, 0x3A: return true
                default: return false
                }
            }
            guard allowed, !bytes.isEmpty else {
                throw FormatError(line: line, .invalidValue(field: key, value: bytes.excerpt(), expected: "a token of letters, digits, '_', '-', '.' or ':'"))
            }
            return bytes.text
        }

        /// Hex bytes (possibly none).
        func hex() throws(FormatError) -> [UInt8] {
            do {
                return try decodeHex(bytes)
            } catch {
                throw FormatError(line: line, .invalidHex(field: key, detail: error.detail))
            }
        }

        /// A decimal `Int`.
        func int() throws(FormatError) -> Int {
            guard let number = parseDecimalInt(bytes) else {
                throw FormatError(line: line, .invalidNumber(field: key, value: bytes.excerpt()))
            }
            return number
        }

        /// A decimal `UInt64`.
        func uint64() throws(FormatError) -> UInt64 {
            guard let number = parseDecimal(bytes) else {
                throw FormatError(line: line, .invalidNumber(field: key, value: bytes.excerpt()))
            }
            return number
        }
    }

    var valueExcerpt: String {
        switch value {
        case .bare(let bytes): bytes.excerpt()
        case .quoted(let text): "\"" + shortened(text) + "\""
        }
    }
}

/// A parsed key = value file: the header record and the test records.
struct KVFile {
    /// The header's `kind`.
    var kind: String
    /// The header's `source`.
    var source: String
    var header: KVRecord
    var records: [KVRecord]
}

/// Whether the first record of `bytes` starts with a `kind = …` field, i.e. the file claims to
/// be one of ours. Cheap: looks only at the lines before the first field.
func looksLikeKeyValueFile(_ bytes: [UInt8]) -> Bool {
    for line in splitLines(bytes) {
        var content = line.bytes
        if line.number == 1, content.starts(with: utf8BOM) { content = content.dropFirst(3) }
        content = content.trimmed
        if content.isEmpty || content.first == UInt8(ascii: "#") { continue }
        guard let equals = content.firstIndex(of: UInt8(ascii: "=")) else { return false }
        return content[..<equals].trimmed.elementsEqual("kind".utf8)
    }
    return false
}

private let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

/// Reads a key = value file and its header's `kind` and `source` (both required). Which other
/// header keys are allowed is up to the kind (`KeyValueKind.extraHeaderKeys`).
func readKeyValueFile(_ bytes: [UInt8]) throws(FormatError) -> KVFile {
    var records: [KVRecord] = []
    var current: KVRecord?
    for line in splitLines(bytes) {
        var content = line.bytes
        if line.number == 1, content.starts(with: utf8BOM) { content = content.dropFirst(3) }
        try requireUTF8Text(content, line: line.number)
        content = content.trimmed
        guard let first = content.first else {
            if let record = current { records.append(record) }
            current = nil
            continue
        }
        if first == UInt8(ascii: "#") { continue }
        let field = try parseKeyValueLine(content, line: line.number)
        if current == nil { current = KVRecord(line: line.number, fields: []) }
        if current?.field(field.key) != nil {
            throw FormatError(line: line.number, .duplicateField(field.key))
        }
        current?.fields.append(field)
    }
    if let record = current { records.append(record) }

    guard let header = records.first else {
        throw FormatError(line: nil, .unrecognisedFormat("empty file: no `kind = …` header"))
    }
    guard header.field("kind") != nil else {
        throw FormatError(line: header.line, .unrecognisedFormat("the first record has no `kind = …`"))
    }
    let kind = try header.requireBare("kind").token()
    let source = try header.requireQuoted("source")
    return KVFile(kind: kind, source: source, header: header, records: Array(records.dropFirst()))
}

/// `key = value`, with `value` bare or quoted.
private func parseKeyValueLine(_ content: ArraySlice<UInt8>, line: Int) throws(FormatError) -> KVField {
    guard let equals = content.firstIndex(of: UInt8(ascii: "=")) else {
        throw FormatError(line: line, .malformedLine(content.excerpt()))
    }
    let key = content[..<equals].trimmed
    guard isIdentifier(key, allowHyphen: true) else {
        throw FormatError(line: line, .malformedLine(content.excerpt()))
    }
    let rawValue = content[(equals + 1)...].trimmed
    if rawValue.first == UInt8(ascii: "\"") {
        return KVField(key: key.text, value: .quoted(try parseQuoted(rawValue, line: line)), line: line)
    }
    if rawValue.contains(UInt8(ascii: "\"")) {
        throw FormatError(line: line, .invalidQuotedString("a bare value may not contain '\"'"))
    }
    return KVField(key: key.text, value: .bare(rawValue), line: line)
}

/// `"…"` with the escapes `\"`, `\\`, `\t`, `\n` and `\u{1-8 hex digits}` (a Unicode scalar).
/// The closing quote must end the (trimmed) line.
private func parseQuoted(_ raw: ArraySlice<UInt8>, line: Int) throws(FormatError) -> String {
    var output: [UInt8] = []
    var index = raw.startIndex + 1
    while index < raw.endIndex {
        let byte = raw[index]
        if byte == UInt8(ascii: "\"") {
            guard index + 1 == raw.endIndex else {
                throw FormatError(line: line, .invalidQuotedString("text after the closing quote"))
            }
            return String(decoding: output, as: UTF8.self)
        }
        guard byte == UInt8(ascii: "\\") else {
            output.append(byte)
            index += 1
            continue
        }
        guard index + 1 < raw.endIndex else { break }
        let escape = raw[index + 1]
        index += 2
        switch escape {
        case UInt8(ascii: "\""): output.append(escape)
        case UInt8(ascii: "\\"): output.append(escape)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "u"):
            guard index < raw.endIndex, raw[index] == UInt8(ascii: "{"),
                  let close = raw[index...].firstIndex(of: UInt8(ascii: "}")),
                  let value = parseHexNumber(raw[(index + 1)..<close]), close - index - 1 <= 8,
                  let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: value))
            else {
                throw FormatError(line: line, .invalidQuotedString("\\u must be followed by {1 to 8 hex digits} naming a Unicode scalar"))
            }
            output.append(contentsOf: String(scalar).utf8)
            index = close + 1
        default:
            let shown = escape >= 0x21 && escape <= 0x7E ? String(Unicode.Scalar(escape)) : "0x" + hexByte(escape)
            throw FormatError(line: line, .invalidQuotedString("unknown escape \\\(shown)"))
        }
    }
    throw FormatError(line: line, .invalidQuotedString("no closing quote"))
}

/// Our files are UTF-8 text: no control characters other than tab (use the escapes).
private func requireUTF8Text(_ bytes: ArraySlice<UInt8>, line: Int) throws(FormatError) {
    var column = 1
    for byte in bytes {
        if byte < 0x20 && byte != 0x09 || byte == 0x7F {
            throw FormatError(line: line, .notText(byte: byte, column: column))
        }
        column += 1
    }
    guard String(validating: bytes, as: UTF8.self) != nil else {
        throw FormatError(line: line, .invalidUTF8)
    }
}
