// FileReport.swift
// What checking one vector file found.

/// One test case whose expected value the library did not reproduce.
public struct CaseFailure: Equatable, Sendable, CustomStringConvertible {
    /// The 1-based line where the case starts in the file.
    public var line: Int
    /// How the file names the case: `Len = 24`, `COUNT = 7`, `[L = 32] Count = 4`, or a record `id`.
    public var caseID: String
    /// What differed: `MD: expected 1a2b…, got 3c4d…` (several mismatches joined by `; `).
    public var message: String

    public init(line: Int, caseID: String, message: String) {
        self.line = line
        self.caseID = caseID
        self.message = message
    }

    /// `line 12, Len = 24: MD: expected …, got …`.
    public var description: String { "line \(line), \(caseID): \(message)" }
}

/// The verdict on one vector file: how many cases passed, and each one that failed.
public struct FileReport: Equatable, Sendable {
    /// The file name the check was given.
    public var fileName: String
    /// What the file was read as: `NIST SHAVS ShortMsg, SHA-256`, `RFC 4648 base32 (key = value)`.
    public var format: String
    /// The number of cases that passed.
    public var passed: Int
    /// The cases that failed, in file order.
    public var failures: [CaseFailure]

    public init(fileName: String, format: String, passed: Int, failures: [CaseFailure]) {
        self.fileName = fileName
        self.format = format
        self.passed = passed
        self.failures = failures
    }

    /// The number of cases that failed.
    public var failed: Int { failures.count }
    /// The number of cases checked.
    public var caseCount: Int { passed + failures.count }
    /// Whether every case passed (a file without cases is an error, never a report).
    public var allPassed: Bool { failures.isEmpty }
}

/// Collects case results while a check walks a file.
struct ReportBuilder {
    var passed = 0
    var failures: [CaseFailure] = []

    /// Records one case: passed when `mismatches` is empty, else failed with them joined.
    mutating func record(line: Int, caseID: String, mismatches: [String]) {
        if mismatches.isEmpty {
            passed += 1
        } else {
            failures.append(CaseFailure(line: line, caseID: caseID, message: mismatches.joined(separator: "; ")))
        }
    }

    var caseCount: Int { passed + failures.count }
}

/// `field: expected X, got Y`.
func mismatch(_ field: String, expected: String, got: String) -> String {
    "\(field): expected \(expected), got \(got)"
}
