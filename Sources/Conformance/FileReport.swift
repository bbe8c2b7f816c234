// FileReport.swift
// What checking one vector file found.

/// One value a case expected and the value it got: `MD: expected 1a2b…, got 3c4d…`.
public struct Mismatch: Equatable, Sendable, CustomStringConvertible {
    /// What was compared: a field of the file (`MD`, `Mac`, `tag`, `HOTP`) or an operation
    /// (`decode`, `attempt.3`).
    public var field: String
    public var expected: String
    public var got: String

    public init(field: String, expected: String, got: String) {
        self.field = field
        self.expected = expected
        self.got = got
    }

    /// `field: expected X, got Y`, each value cut to `maximumValueLength` characters so that
    /// one mismatch on a multi-megabyte value stays one readable line (`--json` keeps them whole).
    public var description: String {
        "\(singleLine(field, limit: 100)): expected \(singleLine(expected, limit: Self.maximumValueLength)), "
            + "got \(singleLine(got, limit: Self.maximumValueLength))"
    }

    /// The longest value shown in `description`, in characters.
    public static let maximumValueLength = 200
}

/// One input of a case as the file gives it (`Key = 0b0b…`, `counter = 7`), for `--verbose`.
/// Long values are shortened; the file and line locate the whole value.
public struct CaseInput: Equatable, Sendable, CustomStringConvertible {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// The longest value kept, in characters.
    public static let maximumValueLength = 200

    /// `name = value`.
    public var description: String { "\(name) = \(value)" }
}

/// A case that was checked (or skipped): where it starts and how the file names it.
public struct CaseReference: Equatable, Sendable {
    /// The 1-based line where the case starts in the file.
    public var line: Int
    /// `Len = 24`, `[L = 32] Count = 4`, `tcId 17`, or a record `id`.
    public var caseID: String

    public init(line: Int, caseID: String) {
        self.line = line
        self.caseID = caseID
    }
}

/// One test case whose expected value the library (or the implementation under test) did not
/// reproduce.
public struct CaseFailure: Equatable, Sendable, CustomStringConvertible {
    /// The 1-based line where the case starts in the file.
    public var line: Int
    /// How the file names the case: `Len = 24`, `COUNT = 7`, `[L = 32] Count = 4`, `tcId 17`, or
    /// a record `id`.
    public var caseID: String
    /// What differed, in the order checked (never empty).
    public var mismatches: [Mismatch]
    /// The case's inputs as the file gives them.
    public var inputs: [CaseInput]
    /// Labels the file attaches to the case (Wycheproof `flags`), empty elsewhere.
    public var flags: [String]

    public init(line: Int, caseID: String, mismatches: [Mismatch], inputs: [CaseInput] = [], flags: [String] = []) {
        self.line = line
        self.caseID = caseID
        self.mismatches = mismatches
        self.inputs = inputs
        self.flags = flags
    }

    /// Every mismatch, joined with `; `.
    public var message: String { mismatches.map(\.description).joined(separator: "; ") }

    /// `line 12, Len = 24: MD: expected …, got …`, then ` [flags: ModifiedTag]` when there are flags.
    public var description: String {
        "line \(line), \(caseID): \(message)" + (flags.isEmpty ? "" : " [flags: \(flags.joined(separator: ", "))]")
    }
}

/// A case that was not checked, and why (an implementation under test that refused it, when
/// the runner was told to skip such cases).
public struct CaseSkip: Equatable, Sendable {
    public var line: Int
    public var caseID: String
    public var reason: String

    public init(line: Int, caseID: String, reason: String) {
        self.line = line
        self.caseID = caseID
        self.reason = reason
    }
}

/// The verdict on one vector file: which cases passed, and each one that failed.
public struct FileReport: Equatable, Sendable {
    /// The file name the check was given.
    public var fileName: String
    /// What the file was read as: `NIST SHAVS ShortMsg, SHA-256`, `base32 (key = value)`.
    public var format: String
    /// The cases that passed, in file order.
    public var passedCases: [CaseReference]
    /// The cases that failed, in file order.
    public var failures: [CaseFailure]
    /// Cases that were not checked (only with an implementation under test); not counted.
    public var skipped: [CaseSkip]

    public init(fileName: String, format: String, passedCases: [CaseReference], failures: [CaseFailure], skipped: [CaseSkip] = []) {
        self.fileName = fileName
        self.format = format
        self.passedCases = passedCases
        self.failures = failures
        self.skipped = skipped
    }

    /// The number of cases that passed.
    public var passed: Int { passedCases.count }
    /// The number of cases that failed.
    public var failed: Int { failures.count }
    /// The number of cases checked (skipped ones are not).
    public var caseCount: Int { passed + failures.count }
    /// Whether every checked case passed (a file without cases is an error, never a report).
    public var allPassed: Bool { failures.isEmpty }
}

/// Collects case results while a check walks a file.
struct ReportBuilder {
    var passedCases: [CaseReference] = []
    var failures: [CaseFailure] = []

    /// Records one case: passed when `mismatches` is empty, else failed with them and its inputs
    /// (built only then).
    mutating func record(
        line: Int, caseID: String, mismatches: [Mismatch],
        inputs: @autoclosure () -> [CaseInput] = [], flags: [String] = []
    ) {
        if mismatches.isEmpty {
            passedCases.append(CaseReference(line: line, caseID: caseID))
        } else {
            failures.append(CaseFailure(line: line, caseID: caseID, mismatches: mismatches, inputs: inputs(), flags: flags))
        }
    }

    var passed: Int { passedCases.count }
    var caseCount: Int { passedCases.count + failures.count }
}

/// `field: expected X, got Y`.
func mismatch(_ field: String, expected: String, got: String) -> Mismatch {
    Mismatch(field: field, expected: expected, got: got)
}

/// An input whose value is cut to `CaseInput.maximumValueLength` characters.
func caseInput(_ name: String, _ value: String) -> CaseInput {
    CaseInput(name: name, value: shortened(value, limit: CaseInput.maximumValueLength))
}

extension RSPBlock {
    /// The section and every field, as written.
    var inputs: [CaseInput] {
        (section.map { [caseInput("[section]", $0.text)] } ?? []) + fields.map { caseInput($0.name, $0.value.text) }
    }
}

extension KVRecord {
    /// Every field, as written (quoted values re-quoted).
    var inputs: [CaseInput] {
        fields.map { field in
            switch field.value {
            case .bare(let bytes): caseInput(field.key, bytes.text)
            case .quoted(let text): caseInput(field.key, quote(text))
            }
        }
    }
}
