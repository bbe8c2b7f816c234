// OTPVectorFileTests.swift
// Our `kind = hotp`, `kind = totp` and `kind = verifier` files: a wrong expected value fails
// exactly its record; a malformed record is a format error naming the line.

import Testing
@testable import Conformance

private func file(_ kind: String, _ records: String) -> [UInt8] {
    Array("kind = \(kind)\nsource = \"test\"\n\n\(records)\n".utf8)
}

private let rfcSecret = "3132333435363738393031323334353637383930"

private func hotpRecord(id: String = "a", digits: Int = 6, counter: Int = 1, tail: String = "code = 287082") -> String {
    "id = \(id)\nsecret = \(rfcSecret)\nalgorithm = SHA1\ndigits = \(digits)\ncounter = \(counter)\n\(tail)"
}

private func totpRecord(id: String = "a", period: Int = 30, t0: Int = 0, time: Int = 59, tail: String = "code = 94287082") -> String {
    "id = \(id)\nsecret = \(rfcSecret)\nalgorithm = SHA1\ndigits = 8\nperiod = \(period)\nt0 = \(t0)\ntime = \(time)\n\(tail)"
}

/// A TOTP verifier record (RFC secret, 6 digits, X = 30, window ±1, 5 failures) with `attempts`.
private func verifierRecord(id: String = "s", extra: String = "", _ attempts: [String]) -> String {
    var lines = ["id = \(id)", "verifier = totp", "secret = \(rfcSecret)", "algorithm = SHA1", "digits = 6", "period = 30",
                 "t0 = 0", "steps-behind = 1", "steps-ahead = 1", "max-failures = 5", "initial-delay = 30", "max-delay = 3600"]
    if !extra.isEmpty { lines.append(extra) }
    for (index, attempt) in attempts.enumerated() { lines.append("attempt.\(index + 1) = \(attempt)") }
    return lines.joined(separator: "\n")
}

@Suite("HOTP, TOTP and verifier vector files")
struct OTPVectorFileTests {
    // MARK: - hotp / totp

    @Test("one changed code in Vectors/otp fails that record alone", arguments: [
        ("otp/hotp.txt", "hotp.txt", "sha256-counter-1"),
        ("otp/totp.txt", "totp.txt", "time-2pow64-1-period-1"),
        ("otp/totp.txt", "totp.txt", "sha512-time-59-digits-10"),
    ])
    func changedCode(path: String, name: String, id: String) throws {
        let bytes = try vectorBytes(path)
        let total = independentCaseCount(bytes)
        let idLine = try #require(lineNumber(of: "id = \(id)", in: bytes))
        let codeLine = try #require(lines(of: bytes).first { $0.number > idLine && $0.text.hasPrefix("code = ") })
        let oldCode = String(codeLine.text.dropFirst("code = ".count))
        let newCode = String(oldCode.dropLast()) + (oldCode.last == "0" ? "1" : "0")
        let report = try Conformance.check(fileName: name, contents: replacingLine(codeLine.number, with: "code = \(newCode)", in: bytes))
        #expect(report.passed == total - 1)
        #expect(report.failures.map(\.caseID) == [id])
        #expect(report.failures.first?.line == idLine)
        #expect(report.failures.first?.mismatches.first?.expected == newCode)
        #expect(report.failures.first?.mismatches.first?.got == oldCode)
    }

    @Test("expected errors: the OTPError case must match")
    func expectedErrors() throws {
        let records = [
            hotpRecord(id: "right", digits: 5, tail: "expect = error:digitsOutOfRange"),
            hotpRecord(id: "wrong-case", digits: 11, tail: "expect = error:emptySecret"),
            hotpRecord(id: "no-error", digits: 6, tail: "expect = error:digitsOutOfRange"),
        ].joined(separator: "\n\n")
        let report = try Conformance.check(fileName: "x.txt", contents: file("hotp", records))
        #expect(report.passed == 1)
        #expect(report.failures.map(\.message) == [
            "HOTP: expected error:emptySecret, got error:digitsOutOfRange",
            "HOTP: expected error:digitsOutOfRange, got 287082",
        ])
        let totp = [
            totpRecord(id: "before-t0", t0: 60, tail: "expect = error:timeBeforeT0"),
            totpRecord(id: "period-0", period: 0, tail: "expect = error:periodIsZero"),
            totpRecord(id: "step", tail: "step = 2\ncode = 94287082"),
            totpRecord(id: "code-but-error", t0: 100, tail: "code = 94287082"),
        ].joined(separator: "\n\n")
        let totpReport = try Conformance.check(fileName: "x.txt", contents: file("totp", totp))
        #expect(totpReport.passed == 2)
        #expect(totpReport.failures.map(\.message) == [
            "step: expected 2, got 1",
            "TOTP: expected 94287082, got error:timeBeforeT0 (time 59 is before T0 = 100 (RFC 6238 §4.2 counts time steps from T0))",
        ])
    }

    @Test("malformed hotp and totp records", arguments: [
        ("hotp", hotpRecord(tail: "code = 287082\nperiod = 30"), VectorFileError.Problem.unexpectedField("period")),
        ("hotp", hotpRecord(tail: "code = 28708"), .invalidValue(field: "code", value: "28708", expected: "6 digits (the record's digits)")),
        ("hotp", hotpRecord(tail: "code = 28708x"), .invalidValue(field: "code", value: "28708x", expected: "a string of digits")),
        ("hotp", hotpRecord(tail: "code = 287082\nexpect = error:emptySecret"), .unexpectedField("expect (not with code)")),
        ("hotp", hotpRecord(tail: "expect = error:tooShort"), .invalidValue(
            field: "expect", value: "error:tooShort", expected: "error:<case> with a case of digitsOutOfRange, periodIsZero, timeBeforeT0, emptySecret")),
        ("hotp", hotpRecord(tail: ""), .missingField("code")),
        ("hotp", hotpRecord(counter: -1), .invalidNumber(field: "counter", value: "-1")),
        ("hotp", hotpRecord(tail: "code = 287082").replacingOccurrences(of: "SHA1", with: "SHA384"), .invalidValue(
            field: "algorithm", value: "SHA384", expected: "SHA1, SHA256 or SHA512")),
        ("hotp", hotpRecord() + "\n\n" + hotpRecord(), .duplicateID("a")),
        ("totp", totpRecord(tail: "code = 94287082").replacingOccurrences(of: "t0 = 0\n", with: ""), .missingField("t0")),
        ("totp", totpRecord(tail: "counter = 1\ncode = 94287082"), .unexpectedField("counter")),
        ("totp", totpRecord(time: 0).replacingOccurrences(of: "time = 0", with: "time = 18446744073709551616"), .invalidNumber(
            field: "time", value: "18446744073709551616")),
    ])
    func malformed(kind: String, records: String, problem: VectorFileError.Problem) {
        #expect(expectFileError("x.txt", file(kind, records))?.problem == problem)
    }

    @Test("the RFC tables and our files give the same vectors to an implementation as to the library")
    func otpVectorsExtraction() throws {
        let rfc = try #require(try Conformance.otpVectors(fileName: "rfc-6238.txt", contents: vectorBytes("rfc/otp/rfc-6238.txt")))
        #expect(rfc.vectors.count == 18)
        #expect(rfc.vectors[0].mode == .totp && rfc.vectors[0].period == 30 && rfc.vectors[0].t0 == 0 && rfc.vectors[0].digits == 8)
        let hotp = try #require(try Conformance.otpVectors(fileName: "rfc-4226.txt", contents: vectorBytes("rfc/otp/rfc-4226.txt")))
        #expect(hotp.vectors.map(\.timeStep) == (0...9).map { UInt64($0) })
        #expect(hotp.vectors[3].expected == .code("969429"))
        let ours = try #require(try Conformance.otpVectors(fileName: "totp.txt", contents: vectorBytes("otp/totp.txt")))
        #expect(ours.vectors.count == independentCaseCount(try vectorBytes("otp/totp.txt")))
        #expect(ours.vectors.contains { $0.expected == .error("timeBeforeT0") && $0.timeStep == nil })
        #expect(try Conformance.otpVectors(fileName: "base32.txt", contents: vectorBytes("rfc4648/base32.txt")) == nil)
        #expect(try Conformance.otpVectors(fileName: "HMAC.rsp", contents: vectorBytes("nist-hmacvs/HMAC.rsp")) == nil)
        #expect(try Conformance.otpVectors(fileName: "v.txt", contents: vectorBytes("verifier/totp-verifier.txt")) == nil)
    }

    // MARK: - verifier

    @Test("one changed verdict in Vectors/verifier fails that scenario alone, naming the attempt", arguments: [
        ("verifier/totp-verifier.txt", "replay-same-code", "attempt.2", "replayed", "rejected"),
        ("verifier/hotp-verifier.txt", "resync", "attempt.2", "drift=7", "drift=6"),
        ("verifier/totp-verifier.txt", "lockout-after-max-failures", "attempt.3", "locked-until=132", "locked-until=131"),
    ])
    func changedVerdict(path: String, id: String, attempt: String, old: String, new: String) throws {
        let bytes = try vectorBytes(path)
        let total = independentCaseCount(bytes)
        let idLine = try #require(lineNumber(of: "id = \(id)", in: bytes))
        let attemptLine = try #require(lines(of: bytes).first { $0.number > idLine && $0.text.hasPrefix(attempt + " = ") })
        let mutated = replacingLine(attemptLine.number, with: attemptLine.text.replacingOccurrences(of: old, with: new), in: bytes)
        let report = try Conformance.check(fileName: "v.txt", contents: mutated)
        #expect(report.passed == total - 1)
        #expect(report.failures.map(\.caseID) == [id])
        #expect(report.failures.first?.line == idLine)
        #expect(report.failures.first?.mismatches.map(\.field) == [attempt])
        #expect(report.failures.first?.mismatches.first?.expected.contains(new) == true)
        #expect(report.failures.first?.mismatches.first?.got.contains(old) == true)
    }

    @Test("the state passes from attempt to attempt; numbers compare canonically")
    func stateAndCanonicalNumbers() throws {
        let records = verifierRecord([
            "verify   code=287082   time=60 -> accepted drift=-01 step=1",
            "verify code=287082 time=61 -> replayed last-step=1 failures=1",
        ]) + "\n\n" + verifierRecord(id: "wrong", ["verify code=287082 time=60 -> accepted step=1 drift=0 last-step=none"])
        let report = try Conformance.check(fileName: "v.txt", contents: file("verifier", records))
        #expect(report.passed == 1)
        #expect(report.failures.first?.message == "attempt.1: expected accepted step=1 drift=0 last-step=none, got accepted step=1 drift=-1 last-step=1")
    }

    @Test("configuration errors: expected, unexpected, and the wrong case")
    func configurationErrors() throws {
        let records = [
            verifierRecord(id: "expected", extra: "expect = error:windowTooLarge", []).replacingOccurrences(of: "steps-behind = 1", with: "steps-behind = 11"),
            verifierRecord(id: "unexpected", ["verify code=287082 time=59 -> accepted step=1 drift=0"]).replacingOccurrences(of: "max-failures = 5", with: "max-failures = 0"),
            verifierRecord(id: "wrong-case", extra: "expect = error:invalidThrottle", []).replacingOccurrences(of: "digits = 6", with: "digits = 5"),
            verifierRecord(id: "no-error", extra: "expect = error:invalidThrottle", []),
        ].joined(separator: "\n\n")
        let report = try Conformance.check(fileName: "v.txt", contents: file("verifier", records))
        #expect(report.passed == 1)
        #expect(report.failures.map(\.message) == [
            "verifier: expected a verifier, got error:invalidThrottle (the throttle policy must allow at least 1 failure before locking (RFC 4226 §7.3))",
            "verifier: expected error:invalidThrottle, got error:digitsOutOfRange",
            "verifier: expected error:invalidThrottle, got a verifier",
        ])
    }

    @Test("malformed verifier scenarios", arguments: [
        (verifierRecord(["verify code=287082 time=59"]), VectorFileError.Problem.invalidValue(
            field: "attempt.1", value: "verify code=287082 time=59", expected: "'ACTION ARG=VALUE … -> OUTCOME …'")),
        (verifierRecord(["verify code=287082 time=59 -> accepted step=1 drift=0"]).replacingOccurrences(of: "attempt.1", with: "attempt.2"),
         .outOfSequence(field: "attempt", expected: "attempt.1", actual: "attempt.2")),
        (verifierRecord(["resync first=1 second=2 time=0 -> rejected"]), .invalidValue(
            field: "attempt.1", value: "resync first=1 second=2 time=0 -> reject…", expected: "an attempt starting 'verify'")),
        (verifierRecord(["verify code=1 time=0 -> denied"]), .invalidValue(
            field: "attempt.1", value: "verify code=1 time=0 -> denied",
            expected: "an outcome of accepted, rejected, replayed, malformed, lockedOut, timeBeforeT0")),
        (verifierRecord(["verify code=1 time=0 -> accepted step=1"]), .invalidValue(
            field: "attempt.1", value: "verify code=1 time=0 -> accepted step=1", expected: "an attempt with 'drift='")),
        (verifierRecord(["verify code=1 -> rejected"]), .invalidValue(
            field: "attempt.1", value: "verify code=1 -> rejected", expected: "an attempt with 'time='")),
        (verifierRecord(["verify code=1 time=x -> rejected"]), .invalidNumber(field: "attempt.1", value: "x")),
        (verifierRecord(["verify code=1 code=2 time=0 -> rejected"]), .invalidValue(
            field: "attempt.1", value: "verify code=1 code=2 time=0 -> rejected", expected: "'code=' once")),
        (verifierRecord(["verify code=1 time=0 -> rejected next-counter=1"]), .invalidValue(
            field: "attempt.1", value: "verify code=1 time=0 -> rejected next-co…",
            expected: "'rejected' followed only by failures=, locked-until=, last-step=")),
        (verifierRecord(["verify code=1 time=0 counter=3 -> rejected"]), .invalidValue(
            field: "attempt.1", value: "verify code=1 time=0 counter=3 -> reject…", expected: "'verify' with only code=, time=")),
        (verifierRecord([]), .missingField("attempt.1")),
        (verifierRecord(extra: "expect = error:windowTooLarge", ["verify code=1 time=0 -> rejected"]), .unexpectedField("attempt.1 (not with expect)")),
        (verifierRecord(extra: "look-ahead = 3", ["verify code=1 time=0 -> rejected"]), .unexpectedField("look-ahead")),
        (verifierRecord(["verify code=1 time=0 -> rejected"]).replacingOccurrences(of: "verifier = totp", with: "verifier = sms"),
         .invalidValue(field: "verifier", value: "sms", expected: "totp or hotp")),
    ])
    func malformedScenarios(records: String, problem: VectorFileError.Problem) {
        #expect(expectFileError("v.txt", file("verifier", records))?.problem == problem)
    }

    @Test("random edits to our OTP files give a report or a typed error, never a trap")
    func structuredFuzz() throws {
        var generator = SplitMix64(state: 0x0770_F11E)
        let interesting = Array("=-> \t\n0123456789:.aeptxz\"\\".utf8) + [0x00, 0xC3]
        var outcomes = (reports: 0, errors: 0)
        for path in ["otp/hotp.txt", "otp/totp.txt", "verifier/totp-verifier.txt", "verifier/hotp-verifier.txt"] {
            let original = try vectorBytes(path)
            for _ in 0..<15 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[index] = interesting.randomElement(using: &generator)!
                    case 1: bytes.remove(at: index)
                    default: bytes.insert(interesting.randomElement(using: &generator)!, at: index)
                    }
                }
                do {
                    _ = try Conformance.check(fileName: "x.txt", contents: bytes)
                    outcomes.reports += 1
                } catch {
                    outcomes.errors += 1
                }
            }
        }
        #expect(outcomes.reports > 0 && outcomes.errors > 0)
    }
}
