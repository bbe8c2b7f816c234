// RunnerSupportTests.swift
// The pure parts of the runner that live in the library: --filter globs, --implementation
// templates and verdicts, and the JSON / JUnit reports.

import Testing
@testable import Conformance

@Suite("Runner support: globs, command templates, reports")
struct RunnerSupportTests {
    // MARK: - Glob

    @Test("globs", arguments: [
        ("*.json", "a.json", true), ("*.json", "dir/a.json", false), ("**/*.json", "dir/a.json", true),
        ("**/*.json", "a.json", true), ("**/*.json", "a/b/c.json", true), ("wycheproof/**", "wycheproof/x/y.json", true),
        ("wycheproof/**", "wycheproof", true), ("wycheproof/**", "other/x.json", false), ("a/**/b", "a/b", true),
        ("a/**/b", "a/x/y/b", true), ("a/**/b", "a/x/y/c", false), ("?.txt", "a.txt", true), ("?.txt", "ab.txt", false),
        ("?", "/", false), ("nist-*/SHA1*", "nist-shavs/SHA1Monte.rsp", true), ("nist-*/SHA1*", "nist-shavs/SHA224Monte.rsp", false),
        ("*Monte*", "SHA1Monte.rsp", true), ("a*b*c", "abc", true), ("a*b*c", "aXbYbZc", true), ("a*b*c", "aXbYcZ", false),
        ("\\*.txt", "*.txt", true), ("\\*.txt", "a.txt", false), ("**", "anything/at/all", true), ("", "", true), ("x", "", false),
        ("a**b", "aXXb", true), ("a**b", "aX/Xb", false), ("rfc/otp/rfc-4226.txt", "rfc/otp/rfc-4226.txt", true),
        ("**/rfc-*.txt", "rfc/hmac/rfc-2202-sha1.txt", true), ("é*", "école.txt", true),
    ])
    func glob(pattern: String, path: String, matches: Bool) {
        #expect(Glob(pattern).matches(path) == matches, "\(pattern) ~ \(path)")
    }

    @Test("many stars do not take exponential time")
    func globBacktracking() {
        let pattern = Glob(String(repeating: "a*", count: 30) + "b")
        #expect(!pattern.matches(String(repeating: "a", count: 200)))
        #expect(!Glob(String(repeating: "**/", count: 20) + "x").matches(String(repeating: "a/", count: 40) + "y"))
    }

    // MARK: - Command template

    private let hotpVector = OTPVector(
        line: 3, caseID: "c", mode: .hotp, secret: Array("12345678901234567890".utf8), algorithm: "SHA256", digits: 8,
        counter: 7, period: nil, t0: nil, time: nil, expectedTimeStep: nil, expected: .code("12345678"), inputs: [])

    private let totpVector = OTPVector(
        line: 9, caseID: "t", mode: .totp, secret: [0xFF, 0x00], algorithm: "SHA1", digits: 6,
        counter: nil, period: 30, t0: 10, time: 100, expectedTimeStep: nil, expected: .error("timeBeforeT0"), inputs: [])

    @Test("templates split into words without a shell; placeholders fill words")
    func templates() throws {
        let template = try CommandTemplate(parsing: "tool --{mode}='{algorithm_lower} x' \"a\\\"b\" c\\ d {{lit}} '' {secret_base32}{digits}")
        #expect(try template.arguments(for: hotpVector).get() == [
            "tool", "--hotp=sha256 x", "a\"b", "c d", "{lit}", "", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ8",
        ])
        #expect(template.placeholders == [.mode, .algorithmLower, .secretBase32, .digits])
        let all = try CommandTemplate(parsing: "p {secret_hex} {secret_base32_padded} {algorithm} {counter} {time} {period} {t0}")
        #expect(try all.arguments(for: totpVector).get() == ["p", "ff00", "74AA====", "SHA1", "3", "100", "30", "10"])
        // A value with spaces or quotes stays one argument: nothing is re-split.
        let spaced = OTPVector(
            line: 1, caseID: "s", mode: .hotp, secret: Array("a b'c".utf8), algorithm: "SHA1", digits: 6, counter: 0,
            period: nil, t0: nil, time: nil, expectedTimeStep: nil, expected: .code("000000"), inputs: [])
        #expect(try CommandTemplate(parsing: "x {secret_hex}").arguments(for: spaced).get() == ["x", "6120622763"])
    }

    @Test("placeholders with no value for a case, and bad templates")
    func templateErrors() throws {
        let totpOnly = try CommandTemplate(parsing: "oathtool --now=@{time} {secret_hex}")
        #expect(throws: CommandTemplateError.noValue("time", mode: "hotp")) { try totpOnly.arguments(for: hotpVector).get() }
        var early = totpVector
        early.time = 5   // before T0: no time step
        #expect(throws: CommandTemplateError.noValue("counter", mode: "totp")) { try CommandTemplate(parsing: "x {counter}").arguments(for: early).get() }
        let bad: [(String, CommandTemplateError)] = [
            ("", .empty), ("   ", .empty), ("a 'b", .unclosedQuote("'")), ("a \"b", .unclosedQuote("\"")), ("a\\", .danglingBackslash),
            ("a {digits", .unclosedBrace), ("a }", .unopenedBrace), ("a {secret}", .unknownPlaceholder("secret")),
        ]
        for (text, error) in bad {
            #expect(throws: error) { try CommandTemplate(parsing: text) }
        }
        #expect(CommandTemplateError.unknownPlaceholder("x").description.hasPrefix("unknown placeholder {x} (known: {mode}, {secret_hex}"))
    }

    @Test("verdicts on what the command did")
    func verdicts() {
        let out = { (text: String) in Array(text.utf8) }
        #expect(hotpVector.judge(.exited(status: 0, standardOutput: out(" 12345678\n"), standardError: [])) == .passed)
        #expect(hotpVector.judge(.exited(status: 0, standardOutput: out("12345679\n"), standardError: []))
            == .failed([Mismatch(field: "HOTP", expected: "12345678", got: "\"12345679\"")]))
        #expect(hotpVector.judge(.exited(status: 2, standardOutput: [], standardError: out("tool: digits\nnot supported\n")))
            == .refused([Mismatch(field: "HOTP", expected: "12345678", got: "exit status 2, standard error: \"tool: digits | not supported\"")]))
        #expect(totpVector.judge(.exited(status: 1, standardOutput: out("error"), standardError: [])) == .passed)
        #expect(totpVector.judge(.exited(status: 0, standardOutput: out("123456\n"), standardError: []))
            == .failed([Mismatch(field: "TOTP", expected: "a refusal: non-zero exit status (error:timeBeforeT0)", got: "exit status 0, printed \"123456\"")]))
        #expect(totpVector.judge(.timedOut(seconds: 3))
            == .failed([Mismatch(field: "TOTP", expected: "a refusal: non-zero exit status (error:timeBeforeT0)", got: "no exit within 3 s (killed)")]))
        #expect(hotpVector.judge(.signalled(9, standardError: [])) == .failed([Mismatch(field: "HOTP", expected: "12345678", got: "killed by signal 9")]))
        #expect(hotpVector.judge(.couldNotStart("x: No such file or directory"))
            == .failed([Mismatch(field: "HOTP", expected: "12345678", got: "could not start the command: x: No such file or directory")]))
    }

    // MARK: - Reports

    private var sampleRun: RunReport {
        RunReport(outcomes: [
            .checked(FileReport(
                fileName: "Vectors/a <&> \"b\".txt", format: "hotp (key = value)",
                passedCases: [CaseReference(line: 5, caseID: "one"), CaseReference(line: 20, caseID: "three")],
                failures: [CaseFailure(
                    line: 12, caseID: "two", mismatches: [Mismatch(field: "HOTP", expected: "123456", got: "\u{1}bad\n<x>")],
                    inputs: [CaseInput(name: "counter", value: "7")], flags: ["Flag&"])],
                skipped: [CaseSkip(line: 30, caseID: "four", reason: "exit status 1")])),
            .error(path: "Vectors/bad.txt", line: 3, message: "line 3: missing field 'id'"),
            .skipped(path: "Vectors/x.rsp", reason: "no HOTP/TOTP vectors"),
        ])
    }

    @Test("totals, exit status and the summary line")
    func totals() {
        let run = sampleRun
        #expect(run.passed == 2 && run.failed == 1 && run.errors == 1 && run.skippedCases == 1 && run.skippedFiles == 1)
        #expect(run.exitStatus == 2)
        #expect(run.summaryLine == "2 passed, 1 failed")
        #expect(RunReport(outcomes: [run.outcomes[0]]).exitStatus == 1)
        #expect(RunReport().exitStatus == 1)
    }

    @Test("--json is valid JSON with the failed case's file, line, id, expected and got")
    func jsonReport() throws {
        let document = try parseJSON(Array(sampleRun.json().utf8))
        let top = try JSONObject(document, name: "report")
        #expect(try top.integer("passed") == 2)
        #expect(try top.integer("failed") == 1)
        #expect(try top.integer("exitStatus") == 2)
        let files = try top.array("files")
        #expect(files.count == 3)
        let first = try JSONObject(files[0], name: "file")
        #expect(try first.string("status") == "failed")
        let failure = try JSONObject(try first.array("failures")[0], name: "failure")
        #expect(try failure.string("file") == "Vectors/a <&> \"b\".txt")
        #expect(try failure.integer("line") == 12)
        #expect(try failure.string("id") == "two")
        #expect(try JSONObject(try failure.member("expected"), name: "expected").string("HOTP") == "123456")
        #expect(try JSONObject(try failure.member("got"), name: "got").string("HOTP") == "\u{1}bad\n<x>")
        #expect(try JSONObject(try failure.member("inputs"), name: "inputs").string("counter") == "7")
        #expect(try failure.array("flags").map { try $0.requireString("flag") } == ["Flag&"])
        let error = try JSONObject(files[1], name: "file")
        #expect(try error.string("status") == "error")
        #expect(try error.integer("line") == 3)
        #expect(try JSONObject(files[2], name: "file").string("reason") == "no HOTP/TOTP vectors")
        _ = try parseJSON(Array(RunReport().json().utf8))
    }

    @Test("--junit escapes what XML needs escaped")
    func junitText() {
        let xml = sampleRun.junitXML()
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"otp-conformance\" tests=\"5\" failures=\"1\" errors=\"1\" skipped=\"1\">"))
        #expect(xml.contains("name=\"Vectors/a &lt;&amp;&gt; &quot;b&quot;.txt\""))
        #expect(xml.contains("\\u{1}bad\\u{a}&lt;x&gt;"))    // in the failure's message attribute: one line
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(xml.contains("<skipped message=\"exit status 1\"/>"))
        #expect(!xml.contains("Vectors/x.rsp"))
        // Test cases in file order: one (5), two (12), three (20), four (30).
        let order = ["name=\"one\"", "name=\"two\"", "name=\"three\"", "name=\"four\""].compactMap { xml.range(of: $0)?.lowerBound }
        #expect(order.count == 4 && order == order.sorted())
    }
}
