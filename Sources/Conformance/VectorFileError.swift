// VectorFileError.swift
// Why a vector file could not be read: the file, the line, and the rule it broke.

/// A vector file that could not be checked because it is not what its name or header says.
///
/// This is about the *file*, never about the library under test: a vector whose expected value
/// disagrees with the library is a `CaseFailure` in the `FileReport`, not an error. Every
/// malformed input — a bad hex digit, a `Len` that does not match `Msg`, a missing field, bytes
/// that are not text — ends here, with the 1-based line it was found on.
public struct VectorFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name the check was given (as passed to `Conformance.check`).
    public var fileName: String
    /// The 1-based line the problem was found on, or nil when it concerns the whole file.
    public var line: Int?
    /// What is wrong.
    public var problem: Problem

    public init(fileName: String, line: Int?, problem: Problem) {
        self.fileName = fileName
        self.line = line
        self.problem = problem
    }

    /// The location and the problem, without the file name: `line 12: Msg: ...`.
    /// `line 12: Msg: …`, one bounded line (see `detail`).
    public var message: String {
        line.map { "line \($0): \(detail)" } ?? detail
    }

    /// The problem alone, as one bounded line: control characters from the file are escaped
    /// (a member name holding CR LF could otherwise forge a report line) and the text is cut
    /// at 300 characters.
    public var detail: String {
        singleLine(problem.description, limit: 300)
    }

    /// `SHA1ShortMsg.rsp, line 12: ...`.
    public var description: String { "\(fileName), \(message)" }
}

extension VectorFileError {
    /// The rule a vector file broke. Values quoted from the file are shortened to a few dozen
    /// characters, so a garbage line cannot flood a report.
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        /// Neither the file name nor a `kind = …` header says what the file holds.
        case unrecognisedFormat(String)
        /// A byte that has no place in a text vector file (a control character, or — in the
        /// ASCII-only NIST and RFC files — a byte above 0x7E), at a 1-based column.
        case notText(byte: UInt8, column: Int)
        /// The line is not valid UTF-8 (our own files are UTF-8).
        case invalidUTF8
        /// A line that is none of: blank, comment, section header, `name = value`.
        case malformedLine(String)
        /// A `[section]` header this kind of file does not have, or whose value contradicts the
        /// file name (e.g. `[L = 28]` in a SHA-256 file).
        case unexpectedSection(String)
        /// A test case before any `[section]` header in a file that needs one.
        case missingSection(String)
        /// A field the test case needs is not there.
        case missingField(String)
        /// The same field twice in one test case.
        case duplicateField(String)
        /// A field this kind of test case does not have.
        case unexpectedField(String)
        /// A field that should hold hexadecimal bytes does not.
        case invalidHex(field: String, detail: String)
        /// A field that should hold a decimal number (or the kind of number named) does not.
        case invalidNumber(field: String, value: String)
        /// A field whose value is not one the format allows.
        case invalidValue(field: String, value: String, expected: String)
        /// A length field disagrees with the data it describes, or data has the wrong size.
        case lengthMismatch(field: String, expected: Int, actual: Int)
        /// Test cases that must be numbered in sequence are not.
        case outOfSequence(field: String, expected: String, actual: String)
        /// Two records share one `id`.
        case duplicateID(String)
        /// A quoted string that is not closed, has text after the closing quote, or uses an
        /// escape the format does not define.
        case invalidQuotedString(String)
        /// The file holds no test cases at all (an empty or header-only file proves nothing).
        case noCases
        /// A `.json` file that is not JSON (RFC 8259), at a 1-based byte column of the line.
        case invalidJSON(column: Int, detail: String)

        public var description: String {
            switch self {
            case .unrecognisedFormat(let why):
                return "unrecognised format: \(why)"
            case .notText(let byte, let column):
                return "byte 0x\(hexByte(byte)) at column \(column) is not text"
            case .invalidUTF8:
                return "not valid UTF-8"
            case .malformedLine(let excerpt):
                return "expected a comment, a [section] or 'name = value', found \"\(excerpt)\""
            case .unexpectedSection(let section):
                return "unexpected section [\(section)]"
            case .missingSection(let expected):
                return "test case before any [\(expected)] section header"
            case .missingField(let name):
                return "missing field '\(name)'"
            case .duplicateField(let name):
                return "field '\(name)' given twice in one test case"
            case .unexpectedField(let name):
                return "unexpected field '\(name)'"
            case .invalidHex(let field, let detail):
                return "\(field): \(detail)"
            case .invalidNumber(let field, let value):
                return "\(field): \"\(value)\" is not a valid number"
            case .invalidValue(let field, let value, let expected):
                return "\(field): \"\(value)\" is not \(expected)"
            case .lengthMismatch(let field, let expected, let actual):
                return "\(field): expected \(expected) bytes, found \(actual)"
            case .outOfSequence(let field, let expected, let actual):
                return "\(field): expected \(expected), found \(actual)"
            case .duplicateID(let id):
                return "id '\(id)' used by an earlier record"
            case .invalidQuotedString(let detail):
                return "invalid quoted string: \(detail)"
            case .noCases:
                return "no test cases found"
            case .invalidJSON(let column, let detail):
                return "invalid JSON at column \(column): \(detail)"
            }
        }
    }
}

/// A problem found by a reader or a check, before the file name is attached.
struct FormatError: Error {
    var line: Int?
    var problem: VectorFileError.Problem

    init(line: Int?, _ problem: VectorFileError.Problem) {
        self.line = line
        self.problem = problem
    }
}
