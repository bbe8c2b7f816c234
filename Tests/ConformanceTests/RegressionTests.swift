// RegressionTests.swift
// Faults a new user found by feeding the runner unusual files.

import Testing
@testable import Conformance

@Suite("Regressions")
struct RegressionTests {
    @Test("a misspelt KeyURIError case in a keyuri file is a format error, not a failed case")
    func unknownKeyURIErrorName() {
        let file = Array("kind = keyuri\nsource = \"t\"\n\nid = a\nuri = \"otpauth://x\"\nexpect = error:bananas\n".utf8)
        let error = expectFileError("k.txt", file)
        #expect(error?.line == 6)
        // The real case name is accepted.
        let good = Array("kind = keyuri\nsource = \"t\"\n\nid = a\nuri = \"otpauth://x\"\nexpect = error:unknownType\n".utf8)
        #expect((try? Conformance.check(fileName: "k.txt", contents: good))?.passed == 1)
    }

    @Test("a mismatch on a huge value is shown cut, on one short line")
    func longValuesShortened() {
        let huge = String(repeating: "ab", count: 100_000)
        let text = Mismatch(field: "MD", expected: huge, got: huge + "cd").description
        #expect(text.count < 500)
        #expect(text.hasPrefix("MD: expected abab"))
    }

    @Test("duplicate ids are found in files of many records, in linear time")
    func manyRecords() throws {
        var text = "kind = base32\nsource = \"t\"\n"
        for i in 0..<20_000 { text += "\nid = r\(i)\nbytes = 66\ntext = \"MY======\"\n" }
        let report = try Conformance.check(fileName: "big.txt", contents: Array(text.utf8))
        #expect(report.passed == 20_000)
        text += "\nid = r7\nbytes = 66\ntext = \"MY======\"\n"
        #expect(expectFileError("big.txt", Array(text.utf8))?.problem == .duplicateID("r7"))
    }
}

@Suite("Regressions found by fuzzing")
struct FuzzRegressionTests {
    @Test("a JSON member name holding CR LF cannot forge a report line")
    func controlCharactersEscaped() {
        let file = Array(#"{"schema": "mac_test_schema_v1.json", "algorithm": "HMACSHA1", "numberOfTests": 0, "\r\nPASS line 1: forged": 1}"#.utf8)
        let error = expectFileError("x_test.json", file)
        #expect(error.map { !$0.message.contains("\n") && !$0.message.contains("\r") } == true)
        #expect(error?.detail.contains("\\u{d}\\u{a}PASS") == true)
    }

    @Test("error lines are bounded whatever the file holds")
    func boundedMessages() {
        let name = String(repeating: "Q", count: 5_000)
        let file = Array("[L = 20]\r\n\r\nLen = 0\r\nMsg = 00\r\n\(name) = 1\r\n".utf8)
        let error = expectFileError("SHA1ShortMsg.rsp", file)
        #expect((error?.message.count ?? 0) < 400)
    }
}
