// RunReport.swift
// The results of one `otp-conformance` run, and the machine-readable reports made from them:
// `--json` (one JSON document) and `--junit FILE` (JUnit XML). Rendering only; the runner
// decides where the text goes.

/// What happened to one file of a run.
public enum FileOutcome: Equatable, Sendable {
    /// The file was checked: every case passed, or some failed.
    case checked(FileReport)
    /// The file could not be read or is malformed (exit status 2).
    case error(path: String, line: Int?, message: String)
    /// The file was not checked (it holds no vectors the implementation under test can run).
    case skipped(path: String, reason: String)

    public var path: String {
        switch self {
        case .checked(let report): report.fileName
        case .error(let path, _, _), .skipped(let path, _): path
        }
    }
}

/// Every file outcome of a run, in the order the files were visited.
public struct RunReport: Equatable, Sendable {
    public var outcomes: [FileOutcome] = []

    public init(outcomes: [FileOutcome] = []) {
        self.outcomes = outcomes
    }

    public var passed: Int { reports.reduce(0) { $0 + $1.passed } }
    public var failed: Int { reports.reduce(0) { $0 + $1.failed } }
    public var skippedCases: Int { reports.reduce(0) { $0 + $1.skipped.count } }
    public var errors: Int { outcomes.filter { if case .error = $0 { true } else { false } }.count }
    public var skippedFiles: Int { outcomes.filter { if case .skipped = $0 { true } else { false } }.count }

    private var reports: [FileReport] {
        outcomes.compactMap { if case .checked(let report) = $0 { report } else { nil } }
    }

    /// 0 every case passed and at least one ran; 1 some failed (or none ran); 2 an error.
    public var exitStatus: Int32 {
        if errors > 0 { return 2 }
        if failed > 0 || passed == 0 { return 1 }
        return 0
    }

    /// `N passed, M failed`: the last line of the human report.
    public var summaryLine: String { "\(passed) passed, \(failed) failed" }

    // MARK: - JSON

    /// The `--json` document:
    ///
    ///     { "passed": N, "failed": M, "skipped": K, "errors": E, "exitStatus": 0|1|2,
    ///       "files": [ { "file": …, "status": "passed"|"failed"|"error"|"skipped",
    ///                    "format": …, "passed": n, "failed": m, "skipped": k,
    ///                    "failures": [ { "file": …, "line": …, "id": …, "message": …,
    ///                                    "expected": { field: value }, "got": { field: value },
    ///                                    "flags": [ … ], "inputs": { name: value } } ],
    ///                    "skippedCases": [ { "line": …, "id": …, "reason": … } ],
    ///                    "line": …, "message": … (errors), "reason": … (skipped files) } ] }
    public func json() -> String {
        var out = "{\n"
        out += "  \"passed\": \(passed),\n  \"failed\": \(failed),\n  \"skipped\": \(skippedCases),\n"
        out += "  \"errors\": \(errors),\n  \"exitStatus\": \(exitStatus),\n  \"files\": ["
        for (index, outcome) in outcomes.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    " + fileJSON(outcome)
        }
        out += outcomes.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    private func fileJSON(_ outcome: FileOutcome) -> String {
        var members: [(String, String)] = [("file", jsonQuoted(outcome.path))]
        switch outcome {
        case .checked(let report):
            members += [
                ("status", jsonQuoted(report.allPassed ? "passed" : "failed")),
                ("format", jsonQuoted(report.format)),
                ("passed", String(report.passed)),
                ("failed", String(report.failed)),
                ("skipped", String(report.skipped.count)),
                ("failures", "[" + report.failures.map { failureJSON($0, file: report.fileName) }.joined(separator: ", ") + "]"),
            ]
            if !report.skipped.isEmpty {
                members.append(("skippedCases", "[" + report.skipped.map { skip in
                    jsonObject([("line", String(skip.line)), ("id", jsonQuoted(skip.caseID)), ("reason", jsonQuoted(skip.reason))])
                }.joined(separator: ", ") + "]"))
            }
        case .error(_, let line, let message):
            members += [("status", jsonQuoted("error")), ("line", line.map { String($0) } ?? "null"), ("message", jsonQuoted(message))]
        case .skipped(_, let reason):
            members += [("status", jsonQuoted("skipped")), ("reason", jsonQuoted(reason))]
        }
        return jsonObject(members)
    }

    private func failureJSON(_ failure: CaseFailure, file: String) -> String {
        var expected: [(String, String)] = []
        var got: [(String, String)] = []
        for item in failure.mismatches {
            var name = item.field
            var suffix = 2
            while expected.contains(where: { $0.0 == jsonQuoted(name) }) {
                name = "\(item.field) (\(suffix))"
                suffix += 1
            }
            expected.append((jsonQuoted(name), jsonQuoted(item.expected)))
            got.append((jsonQuoted(name), jsonQuoted(item.got)))
        }
        var inputs: [(String, String)] = []
        for input in failure.inputs where !inputs.contains(where: { $0.0 == jsonQuoted(input.name) }) {
            inputs.append((jsonQuoted(input.name), jsonQuoted(input.value)))
        }
        return jsonObject([
            ("file", jsonQuoted(file)),
            ("line", String(failure.line)),
            ("id", jsonQuoted(failure.caseID)),
            ("message", jsonQuoted(failure.message)),
            ("expected", rawJSONObject(expected)),
            ("got", rawJSONObject(got)),
            ("flags", "[" + failure.flags.map(jsonQuoted).joined(separator: ", ") + "]"),
            ("inputs", rawJSONObject(inputs)),
        ])
    }

    // MARK: - JUnit XML

    /// JUnit XML (the schema CI systems read, as written by Ant and Maven Surefire): one
    /// `<testsuite>` per file, one `<testcase>` per case with `<failure>` or `<skipped/>`, and
    /// an `<error>` test case for a file that could not be read. Skipped files are left out.
    public func junitXML() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let total = passed + failed + skippedCases + errors
        out += "<testsuites name=\"otp-conformance\" tests=\"\(total)\" failures=\"\(failed)\" errors=\"\(errors)\" skipped=\"\(skippedCases)\">\n"
        for outcome in outcomes {
            switch outcome {
            case .checked(let report):
                let cases = report.passedCases.count + report.failures.count + report.skipped.count
                out += "  <testsuite name=\(xmlAttribute(report.fileName)) tests=\"\(cases)\" failures=\"\(report.failed)\" errors=\"0\" skipped=\"\(report.skipped.count)\">\n"
                out += "    <properties><property name=\"format\" value=\(xmlAttribute(report.format))/></properties>\n"
                // In file order: passed, failed and skipped cases interleaved by line.
                var rows: [(line: Int, text: String)] = []
                for item in report.passedCases {
                    rows.append((item.line, testCase(report.fileName, item.line, item.caseID, body: nil)))
                }
                for failure in report.failures {
                    var detail = failure.description
                    for input in failure.inputs { detail += "\n  \(input)" }
                    let body = "<failure message=\(xmlAttribute(failure.message)) type=\"mismatch\">\(xmlText(detail))</failure>"
                    rows.append((failure.line, testCase(report.fileName, failure.line, failure.caseID, body: body)))
                }
                for skip in report.skipped {
                    rows.append((skip.line, testCase(report.fileName, skip.line, skip.caseID, body: "<skipped message=\(xmlAttribute(skip.reason))/>")))
                }
                for row in rows.sorted(by: { $0.line < $1.line }) { out += row.text }
                out += "  </testsuite>\n"
            case .error(let path, let line, let message):
                out += "  <testsuite name=\(xmlAttribute(path)) tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
                let text = (line.map { "line \($0): " } ?? "") + message
                out += testCase(path, line ?? 0, "(file)", body: "<error message=\(xmlAttribute(text)) type=\"VectorFileError\">\(xmlText(text))</error>")
                out += "  </testsuite>\n"
            case .skipped:
                continue
            }
        }
        out += "</testsuites>\n"
        return out
    }

    private func testCase(_ file: String, _ line: Int, _ caseID: String, body: String?) -> String {
        let open = "    <testcase classname=\(xmlAttribute(file)) name=\(xmlAttribute(caseID)) file=\(xmlAttribute(file)) line=\"\(line)\""
        guard let body else { return open + "/>\n" }
        return open + ">" + body + "</testcase>\n"
    }
}

/// `{"a": 1, …}` from already-encoded names and values.
private func rawJSONObject(_ members: [(String, String)]) -> String {
    "{" + members.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
}

/// `{"name": value, …}` from plain names and already-encoded values.
private func jsonObject(_ members: [(String, String)]) -> String {
    rawJSONObject(members.map { (jsonQuoted($0.0), $0.1) })
}

// MARK: - XML escaping

/// Text content: `&`, `<`, `>` escaped; characters XML 1.0 forbids shown as `\u{…}`.
func xmlText(_ text: String) -> String {
    xmlEscaped(text, attribute: false)
}

/// A quoted attribute value: as text, plus `"` and the whitespace that attribute
/// normalisation would otherwise fold (tab, LF, CR) as character references.
func xmlAttribute(_ text: String) -> String {
    "\"" + xmlEscaped(text, attribute: true) + "\""
}

private func xmlEscaped(_ text: String, attribute: Bool) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"" where attribute: out += "&quot;"
        case "\t" where attribute: out += "&#9;"
        case "\n" where attribute: out += "&#10;"
        case "\r": out += "&#13;"
        case "\t", "\n": out.unicodeScalars.append(scalar)
        // XML 1.0 §2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
        case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
            out += "\\u{" + String(scalar.value, radix: 16) + "}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
