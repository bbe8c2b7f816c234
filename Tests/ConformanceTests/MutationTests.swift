// MutationTests.swift
// One wrong expected value in a copy of an official file fails exactly that case, named by
// its line and id; every other case still passes.

import Testing
@testable import Conformance

@Suite("Mutated vector files")
struct MutationTests {
    /// Flips the last hex digit of the `field` line that follows line `caseLine`, checks the copy,
    /// and returns the report.
    private func checkWithFlippedField(
        _ field: String, afterLine caseLine: Int, fileName: String, bytes: [UInt8]
    ) throws -> FileReport {
        let fieldLine = try #require(lines(of: bytes).first { $0.number > caseLine && $0.text.hasPrefix(field + " =") })
        let mutated = replacingLine(fieldLine.number, with: flippingLastHexDigit(fieldLine.text), in: bytes)
        return try Conformance.check(fileName: fileName, contents: mutated)
    }

    @Test("one flipped MD in a ShortMsg file fails that case alone")
    func shortMessageDigest() throws {
        let bytes = try vectorBytes("nist-shavs/SHA256ShortMsg.rsp")
        let caseLine = try #require(lineNumber(of: "Len = 24", in: bytes))
        let report = try checkWithFlippedField("MD", afterLine: caseLine, fileName: "SHA256ShortMsg.rsp", bytes: bytes)
        #expect(report.passed == 64)
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.line == caseLine)
        #expect(report.failures.first?.caseID == "Len = 24")
        #expect(report.failures.first?.message.hasPrefix("MD: expected ") == true)
    }

    @Test("one flipped MD in a LongMsg file fails that case alone")
    func longMessageDigest() throws {
        let bytes = try vectorBytes("nist-shavs/SHA512_224LongMsg.rsp")
        let caseLine = try #require(lineNumber(of: "Len = 2608", in: bytes))
        let report = try checkWithFlippedField("MD", afterLine: caseLine, fileName: "SHA512_224LongMsg.rsp", bytes: bytes)
        #expect(report.passed == 127)
        #expect(report.failures.map(\.caseID) == ["Len = 2608"])
        #expect(report.failures.first?.line == caseLine)
    }

    /// SHA1Monte.rsp cut before `COUNT = 6`: the seed and checkpoints 0 to 5. The chain is the
    /// same as in the full file; six checkpoints keep the debug-build test fast.
    private func shortMonteFile() throws -> [UInt8] {
        let bytes = try vectorBytes("nist-shavs/SHA1Monte.rsp")
        let cut = try #require(lineNumber(of: "COUNT = 6", in: bytes))
        return Array(lines(of: bytes).prefix(cut - 1).map { $0.text + "\r\n" }.joined().utf8)
    }

    @Test("one flipped Monte Carlo checkpoint fails that checkpoint alone", arguments: ["0", "3", "5"])
    func monteCarloCheckpoint(count: String) throws {
        let bytes = try shortMonteFile()
        #expect(try Conformance.check(fileName: "SHA1Monte.rsp", contents: bytes).passed == 6)
        let caseLine = try #require(lineNumber(of: "COUNT = \(count)", in: bytes))
        let report = try checkWithFlippedField("MD", afterLine: caseLine, fileName: "SHA1Monte.rsp", bytes: bytes)
        #expect(report.passed == 5)
        #expect(report.failures.map(\.caseID) == ["COUNT = \(count)"])
        #expect(report.failures.first?.line == caseLine)
    }

    @Test("a flipped Monte Carlo seed fails checkpoint 0 alone")
    func monteCarloSeed() throws {
        let bytes = try shortMonteFile()
        let report = try checkWithFlippedField("Seed", afterLine: 0, fileName: "SHA1Monte.rsp", bytes: bytes)
        #expect(report.passed == 5)
        #expect(report.failures.map(\.caseID) == ["COUNT = 0"])
    }

    @Test("one flipped HMACVS Mac fails that case alone")
    func hmacvsMac() throws {
        let bytes = try vectorBytes("nist-hmacvs/HMAC.rsp")
        let section = try #require(lineNumber(of: "[L=32]", in: bytes))
        let caseLine = try #require(lineNumber(of: "Count = 17", in: bytes, after: section))
        let report = try checkWithFlippedField("Mac", afterLine: caseLine, fileName: "HMAC.rsp", bytes: bytes)
        #expect(report.passed == 1574)
        #expect(report.failures.map(\.caseID) == ["[L = 32] Count = 17"])
        #expect(report.failures.first?.line == caseLine)
    }

    @Test("one flipped RFC 4231 MD fails that case alone")
    func rfcHMAC() throws {
        let bytes = try vectorBytes("rfc/hmac/rfc-4231-sha384.txt")
        let report = try checkWithFlippedField("MD", afterLine: 0, fileName: "rfc-4231-sha384.txt", bytes: bytes)
        #expect(report.passed == 5)
        #expect(report.failures.map(\.caseID) == ["case 1"])
    }

    @Test("one changed TOTP fails that case alone")
    func totp() throws {
        let bytes = try vectorBytes("rfc/otp/rfc-6238.txt")
        let caseLine = try #require(lineNumber(of: "COUNT = 7", in: bytes))
        let totpLine = try #require(lineNumber(of: "TOTP = 67062674", in: bytes, after: caseLine))
        let mutated = replacingLine(totpLine, with: "TOTP = 67062675", in: bytes)
        let report = try Conformance.check(fileName: "rfc-6238.txt", contents: mutated)
        #expect(report.passed == 17)
        #expect(report.failures.map(\.line) == [caseLine])
        #expect(report.failures.map(\.caseID) == ["COUNT = 7"])
        #expect(report.failures.first?.mismatches == [Mismatch(field: "TOTP", expected: "67062675", got: "67062674")])
        #expect(report.failures.first?.inputs.contains(CaseInput(name: "TOTP", value: "67062675")) == true)
    }

    @Test("each wrong RFC 4226 value is named")
    func hotpValues() throws {
        let bytes = try vectorBytes("rfc/otp/rfc-4226.txt")
        let caseLine = try #require(lineNumber(of: "COUNT = 2", in: bytes))
        var mutated = bytes
        for (old, new) in [("TRUNCATED = 82fef30", "TRUNCATED = 82fef31"), ("HOTP = 359152", "HOTP = 359153")] {
            let number = try #require(lineNumber(of: old, in: mutated, after: caseLine))
            mutated = replacingLine(number, with: new, in: mutated)
        }
        let report = try Conformance.check(fileName: "rfc-4226.txt", contents: mutated)
        #expect(report.passed == 9)
        #expect(report.failures.map(\.caseID) == ["COUNT = 2"])
        #expect(report.failures.first?.line == caseLine)
        #expect(report.failures.first?.message == "TRUNCATED: expected 82fef31, got 82fef30; HOTP: expected 359153, got 359152")
    }

    @Test("a wrong Base32 text fails that record alone")
    func base32Record() throws {
        let bytes = try vectorBytes("rfc4648/base32.txt")
        let number = try #require(lineNumber(of: "text = \"MZXW6===\"", in: bytes))
        let mutated = replacingLine(number, with: "text = \"MZXW7===\"", in: bytes)
        let report = try Conformance.check(fileName: "base32.txt", contents: mutated)
        #expect(report.passed == 6)
        #expect(report.failures.map(\.caseID) == ["rfc4648-10-base32-foo"])
        #expect(report.failures.first?.message.contains("encode: expected \"MZXW7===\", got \"MZXW6===\"") == true)
    }
}
