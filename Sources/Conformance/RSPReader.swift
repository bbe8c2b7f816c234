// RSPReader.swift
// The NIST CAVP `.rsp` grammar, shared by SHAVS, HMACVS and the RFC transcriptions that use it.
//
// A file is a sequence of lines (CRLF or LF), each trimmed of spaces and tabs:
//   `# ...`          a comment; carries no data and does not end a block
//   `[L = 20]`       a section header (`[L=20]` too); applies to every following block
//   `Name = value`   a field of the current block (split at the first `=`, both sides trimmed)
//   blank            ends the current block; several in a row are allowed
// A section header also ends the current block. Only printable ASCII and tabs are allowed.

/// A `[name = value]` (or `[name]`) section header.
struct RSPSection {
    var name: String
    var value: String?
    var line: Int

    /// The header as written between the brackets, normalised: `L = 20`.
    var text: String { value.map { "\(name) = \($0)" } ?? name }
}

/// One `Name = value` line.
struct RSPField {
    var name: String
    var value: ArraySlice<UInt8>
    var line: Int
}

/// The fields between two blank lines: one test case (or a `Seed`).
struct RSPBlock {
    /// The line of the first field.
    var line: Int
    /// The section header in force when the block started, if any.
    var section: RSPSection?
    var fields: [RSPField]

    func field(_ name: String) -> RSPField? {
        fields.first { $0.name == name }
    }

    /// Checks that the block has exactly the fields in `names` (in any order).
    func requireExactly(_ names: [String]) throws(FormatError) {
        for field in fields where !names.contains(field.name) {
            throw FormatError(line: field.line, .unexpectedField(field.name))
        }
        for name in names where field(name) == nil {
            throw FormatError(line: line, .missingField(name))
        }
    }

    /// The field `name`, which must be there.
    func require(_ name: String) throws(FormatError) -> RSPField {
        guard let found = field(name) else { throw FormatError(line: line, .missingField(name)) }
        return found
    }
}

extension RSPField {
    /// The value as hex bytes.
    func hexBytes() throws(FormatError) -> [UInt8] {
        do {
            return try decodeHex(value)
        } catch {
            throw FormatError(line: line, .invalidHex(field: name, detail: error.detail))
        }
    }

    /// The value as hex bytes, which must be `count` bytes long.
    func hexBytes(count: Int) throws(FormatError) -> [UInt8] {
        let bytes = try hexBytes()
        guard bytes.count == count else {
            throw FormatError(line: line, .lengthMismatch(field: name, expected: count, actual: bytes.count))
        }
        return bytes
    }

    /// The value as a decimal `Int`.
    func int() throws(FormatError) -> Int {
        guard let number = parseDecimalInt(value) else {
            throw FormatError(line: line, .invalidNumber(field: name, value: value.excerpt()))
        }
        return number
    }

    /// The value as a decimal `UInt64`.
    func uint64() throws(FormatError) -> UInt64 {
        guard let number = parseDecimal(value) else {
            throw FormatError(line: line, .invalidNumber(field: name, value: value.excerpt()))
        }
        return number
    }

    /// `Name = value` for case ids (value shortened).
    var caseID: String { "\(name) = \(value.excerpt(limit: 24))" }
}

/// Reads the blocks of a CAVP-style file.
func readRSPBlocks(_ bytes: [UInt8]) throws(FormatError) -> [RSPBlock] {
    var blocks: [RSPBlock] = []
    var current: RSPBlock?
    var section: RSPSection?

    func finishBlock() {
        if let block = current { blocks.append(block) }
        current = nil
    }

    for line in splitLines(bytes) {
        try requirePrintableASCII(line)
        let content = line.bytes.trimmed
        guard let first = content.first else {
            finishBlock()
            continue
        }
        switch first {
        case UInt8(ascii: "#"):
            continue
        case UInt8(ascii: "["):
            finishBlock()
            section = try parseSection(content, line: line.number)
        default:
            guard let equals = content.firstIndex(of: UInt8(ascii: "=")) else {
                throw FormatError(line: line.number, .malformedLine(content.excerpt()))
            }
            let name = content[..<equals].trimmed
            guard isIdentifier(name) else {
                throw FormatError(line: line.number, .malformedLine(content.excerpt()))
            }
            let field = RSPField(name: name.text, value: content[(equals + 1)...].trimmed, line: line.number)
            if current == nil {
                current = RSPBlock(line: line.number, section: section, fields: [])
            }
            if current?.field(field.name) != nil {
                throw FormatError(line: line.number, .duplicateField(field.name))
            }
            current?.fields.append(field)
        }
    }
    finishBlock()
    return blocks
}

/// `[L = 20]`, `[L=20]` or `[SHA-1]`; the closing bracket must end the line.
private func parseSection(_ content: ArraySlice<UInt8>, line: Int) throws(FormatError) -> RSPSection {
    guard content.count >= 2, content.last == UInt8(ascii: "]") else {
        throw FormatError(line: line, .malformedLine(content.excerpt()))
    }
    let inside = content.dropFirst().dropLast().trimmed
    if let equals = inside.firstIndex(of: UInt8(ascii: "=")) {
        let name = inside[..<equals].trimmed
        let value = inside[(equals + 1)...].trimmed
        guard isIdentifier(name), !value.isEmpty else {
            throw FormatError(line: line, .malformedLine(content.excerpt()))
        }
        return RSPSection(name: name.text, value: value.text, line: line)
    }
    guard !inside.isEmpty else { throw FormatError(line: line, .malformedLine(content.excerpt())) }
    return RSPSection(name: inside.text, value: nil, line: line)
}

/// NIST and RFC transcription files are plain ASCII: tabs and printable characters only.
private func requirePrintableASCII(_ line: TextLine) throws(FormatError) {
    var column = 1
    for byte in line.bytes {
        guard byte == 0x09 || (byte >= 0x20 && byte <= 0x7E) else {
            throw FormatError(line: line.number, .notText(byte: byte, column: column))
        }
        column += 1
    }
}
