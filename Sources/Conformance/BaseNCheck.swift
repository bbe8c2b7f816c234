// BaseNCheck.swift
// The `kind = base32` and `kind = base16` key = value files (RFC 4648 §10 and our edge cases).
//
// A record:
//   id = token                        required, unique in the file
//   operation = roundtrip             (default) encode(bytes) == text and strict decode(text) == bytes
//             | decode                strict decode(text) == bytes, or throws `expect`
//             | decode-lenient        base32 only: decodeLenient(text) == bytes, or throws `expect`
//             | encode-unpadded       base32 only: encode(bytes, padding: false) == text
//   bytes = <hex, may be empty>       required unless `expect` is given (then forbidden)
//   text = "…"                        required
//   expect = error:<case>             decode operations only: the error case, by its Swift name
//   position = N                      with `expect`, for cases that carry a position: its value

import OTPEncoding

/// The Base-N encodings our files cover.
enum BaseNEncoding {
    case base32, base16

    var supportedOperations: [BaseNOperation] {
        switch self {
        case .base32: BaseNOperation.allCases
        case .base16: [.roundtrip, .decode]
        }
    }

    /// Each error case's Swift name, and whether it carries a `position`.
    var errorCases: [(name: String, hasPosition: Bool)] {
        switch self {
        case .base32:
            [("invalidCharacter", true), ("invalidLength", false), ("invalidPadding", true), ("nonZeroTrailingBits", true)]
        case .base16:
            [("invalidCharacter", true), ("oddLength", false)]
        }
    }

    func encode(_ bytes: [UInt8], padding: Bool) -> String {
        switch self {
        case .base32: Base32.encode(bytes, padding: padding)
        case .base16: Base16.encode(bytes)
        }
    }

    /// Decodes `text`; on failure, the error case's name and position (nil for cases without one).
    func decode(_ text: String, lenient: Bool) -> DecodeOutcome {
        switch self {
        case .base32:
            do {
                return .bytes(lenient ? try Base32.decodeLenient(text) : try Base32.decode(text))
            } catch {
                return .error(ThrownCase(error))
            }
        case .base16:
            do {
                return .bytes(try Base16.decode(text))
            } catch {
                return .error(ThrownCase(error))
            }
        }
    }
}

enum BaseNOperation: String, CaseIterable {
    case roundtrip
    case decode
    case decodeLenient = "decode-lenient"
    case encodeUnpadded = "encode-unpadded"
}

/// A thrown error reduced to what a vector can state: the case name and its position, if any.
struct ThrownCase: Equatable, CustomStringConvertible {
    var name: String
    var position: Int?

    init(_ error: Base32Error) {
        switch error {
        case .invalidCharacter(let position): (name, self.position) = ("invalidCharacter", position)
        case .invalidLength: (name, position) = ("invalidLength", nil)
        case .invalidPadding(let position): (name, self.position) = ("invalidPadding", position)
        case .nonZeroTrailingBits(let position): (name, self.position) = ("nonZeroTrailingBits", position)
        }
    }

    init(_ error: Base16Error) {
        switch error {
        case .invalidCharacter(let position): (name, self.position) = ("invalidCharacter", position)
        case .oddLength: (name, position) = ("oddLength", nil)
        }
    }

    /// `error:invalidCharacter (position 4)`.
    var description: String {
        "error:\(name)" + (position.map { " (position \($0))" } ?? "")
    }
}

enum DecodeOutcome {
    case bytes([UInt8])
    case error(ThrownCase)
}

/// The outcome a record expects from a decode.
private enum ExpectedOutcome {
    case bytes([UInt8])
    case error(name: String, position: Int?)

    var description: String {
        switch self {
        case .bytes(let bytes): hexString(bytes)
        case .error(let name, let position): "error:\(name)" + (position.map { " (position \($0))" } ?? "")
        }
    }
}

/// Checks every record of a base32 or base16 file.
func checkBaseN(_ file: KVFile, encoding: BaseNEncoding) throws(FormatError) -> ReportBuilder {
    var report = ReportBuilder()
    var seenIDs = Set<String>()
    for record in file.records {
        try record.requireKeys(in: ["id", "operation", "bytes", "text", "expect", "position"])
        let idField = try record.requireBare("id")
        let id = try idField.token()
        guard seenIDs.insert(id).inserted else { throw FormatError(line: idField.line, .duplicateID(id)) }

        let operation = try operation(of: record, encoding: encoding)
        let text = try record.requireQuoted("text")
        let expected = try expectedOutcome(of: record, operation: operation, encoding: encoding)

        var mismatches: [Mismatch] = []
        switch operation {
        case .roundtrip:
            guard case .bytes(let bytes) = expected else { break }
            let encoded = encoding.encode(bytes, padding: true)
            if encoded != text {
                mismatches.append(mismatch("encode", expected: quote(text), got: quote(encoded)))
            }
            mismatches += compare(encoding.decode(text, lenient: false), with: expected, label: "decode")
        case .encodeUnpadded:
            guard case .bytes(let bytes) = expected else { break }
            let encoded = encoding.encode(bytes, padding: false)
            if encoded != text {
                mismatches.append(mismatch("encode unpadded", expected: quote(text), got: quote(encoded)))
            }
        case .decode:
            mismatches += compare(encoding.decode(text, lenient: false), with: expected, label: "decode")
        case .decodeLenient:
            mismatches += compare(encoding.decode(text, lenient: true), with: expected, label: "decode lenient")
        }
        report.record(line: record.line, caseID: id, mismatches: mismatches, inputs: record.inputs)
    }
    return report
}

private func operation(of record: KVRecord, encoding: BaseNEncoding) throws(FormatError) -> BaseNOperation {
    guard let field = try record.bare("operation") else { return .roundtrip }
    let names = encoding.supportedOperations.map(\.rawValue)
    guard let operation = BaseNOperation(rawValue: field.text), encoding.supportedOperations.contains(operation) else {
        throw FormatError(line: field.line, .invalidValue(
            field: "operation", value: field.bytes.excerpt(), expected: "one of " + names.joined(separator: ", ")))
    }
    return operation
}

private func expectedOutcome(of record: KVRecord, operation: BaseNOperation, encoding: BaseNEncoding) throws(FormatError) -> ExpectedOutcome {
    let bytesField = try record.bare("bytes")
    let positionField = try record.bare("position")
    guard let expectField = try record.bare("expect") else {
        guard let bytesField else { throw FormatError(line: record.line, .missingField("bytes")) }
        if let positionField {
            throw FormatError(line: positionField.line, .unexpectedField("position (only with expect)"))
        }
        return .bytes(try bytesField.hex())
    }
    guard operation == .decode || operation == .decodeLenient else {
        throw FormatError(line: expectField.line, .unexpectedField("expect (only for decode operations)"))
    }
    if let bytesField {
        throw FormatError(line: bytesField.line, .unexpectedField("bytes (not with expect)"))
    }
    let token = try expectField.token()
    let caseNames = encoding.errorCases.map(\.name)
    guard token.hasPrefix("error:"),
          let errorCase = encoding.errorCases.first(where: { "error:" + $0.name == token })
    else {
        throw FormatError(line: expectField.line, .invalidValue(
            field: "expect", value: shortened(token),
            expected: "error:<case> with a case of " + caseNames.joined(separator: ", ")))
    }
    guard let positionField else { return .error(name: errorCase.name, position: nil) }
    guard errorCase.hasPosition else {
        throw FormatError(line: positionField.line, .unexpectedField("position (\(errorCase.name) has none)"))
    }
    return .error(name: errorCase.name, position: try positionField.int())
}

/// Compares a decode outcome with the expected one; `position` is compared only when given.
private func compare(_ outcome: DecodeOutcome, with expected: ExpectedOutcome, label: String) -> [Mismatch] {
    switch (outcome, expected) {
    case (.bytes(let got), .bytes(let want)):
        return got == want ? [] : [mismatch(label, expected: hexString(want), got: hexString(got))]
    case (.error(let thrown), .error(let name, let position)):
        if thrown.name == name, position == nil || thrown.position == position { return [] }
        return [mismatch(label, expected: expected.description, got: thrown.description)]
    case (.error(let thrown), .bytes):
        return [mismatch(label, expected: expected.description, got: thrown.description)]
    case (.bytes(let got), .error):
        return [mismatch(label, expected: expected.description, got: hexString(got))]
    }
}

/// `text` quoted with the file's escapes, so invisible characters show.
func quote(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\t": result += "\\t"
        case "\n": result += "\\n"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            result += "\\u{" + String(scalar.value, radix: 16) + "}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}
