// OTPVector.swift
// One HOTP or TOTP generator case with every parameter: what our `kind = hotp` / `kind = totp`
// records hold, and what the RFC 4226 / RFC 6238 tables hold. The library check runs them
// through `HOTP` / `TOTP`; the runner's `--implementation` runs them through another program.
//
// A `kind = hotp` record:            A `kind = totp` record:
//   id = token                          id = token
//   secret = <hex, may be empty>        secret = <hex>
//   algorithm = SHA1|SHA256|SHA512      algorithm = SHA1|SHA256|SHA512
//   digits = N                          digits = N
//   counter = N (0 ... 2^64-1)          period = N (seconds, X)
//   code = <the expected code>          t0 = N (Unix seconds, T0)
//   | expect = error:<OTPError case>    time = N (Unix seconds)
//                                       step = N (optional: the expected T)
//                                       code = … | expect = error:<OTPError case>

import OTP
import OTPCrypto
import OTPEncoding

/// One HOTP or TOTP case: the parameters, and the code or the error expected.
public struct OTPVector: Equatable, Sendable {
    public enum Mode: String, Sendable {
        case hotp, totp
    }

    public enum Expected: Equatable, Sendable {
        /// The code, exactly as it must be printed (leading zeros kept).
        case code(String)
        /// The `OTPError` case the library must throw (by its Swift name); another
        /// implementation must refuse the case (exit with a non-zero status).
        case error(String)
    }

    /// The 1-based line where the case starts, and how the file names it.
    public var line: Int
    public var caseID: String
    public var mode: Mode
    public var secret: [UInt8]
    /// `SHA1`, `SHA256` or `SHA512`.
    public var algorithm: String
    public var digits: Int
    /// HOTP: the counter. TOTP: nil (see `timeStep`).
    public var counter: UInt64?
    /// TOTP only: X, T0 and the time, in seconds.
    public var period: UInt64?
    public var t0: UInt64?
    public var time: UInt64?
    /// TOTP only, optional: the time step T the record expects.
    public var expectedTimeStep: UInt64?
    public var expected: Expected
    /// The case's inputs as the file writes them, for `--verbose`.
    public var inputs: [CaseInput]

    /// TOTP: T = floor((time − T0) / X) (RFC 6238 §4.2), nil when time < T0 or X = 0.
    /// HOTP: the counter.
    public var timeStep: UInt64? {
        switch mode {
        case .hotp:
            return counter
        case .totp:
            guard let period, let t0, let time, period > 0, time >= t0 else { return nil }
            return (time - t0) / period
        }
    }

    /// The OTP error case names a vector may expect.
    public static let errorCases = ["digitsOutOfRange", "periodIsZero", "timeBeforeT0", "emptySecret"]
}

/// The Swift case name of an `OTPError`.
func otpErrorName(_ error: OTPError) -> String {
    switch error {
    case .digitsOutOfRange: "digitsOutOfRange"
    case .periodIsZero: "periodIsZero"
    case .timeBeforeT0: "timeBeforeT0"
    case .emptySecret: "emptySecret"
    }
}

// MARK: - Reading

private let hotpRecordKeys = ["id", "secret", "algorithm", "digits", "counter", "code", "expect"]
private let totpRecordKeys = ["id", "secret", "algorithm", "digits", "period", "t0", "time", "step", "code", "expect"]

/// Reads every record of a `kind = hotp` or `kind = totp` file. Every parameter is required:
/// a record states the whole case, so another implementation needs no defaults of ours.
func readOTPVectors(_ file: KVFile, mode: OTPVector.Mode) throws(FormatError) -> [OTPVector] {
    var vectors: [OTPVector] = []
    var seenIDs = Set<String>()
    for record in file.records {
        try record.requireKeys(in: mode == .hotp ? hotpRecordKeys : totpRecordKeys)
        let idField = try record.requireBare("id")
        let id = try idField.token()
        guard seenIDs.insert(id).inserted else { throw FormatError(line: idField.line, .duplicateID(id)) }
        let secret = try record.requireBare("secret").hex()
        let algorithm = try readAlgorithm(record)
        let digits = try record.requireBare("digits").int()
        var vector = OTPVector(
            line: record.line, caseID: id, mode: mode, secret: secret, algorithm: algorithm, digits: digits,
            counter: nil, period: nil, t0: nil, time: nil, expectedTimeStep: nil,
            expected: try readExpectedCode(record, errorCases: OTPVector.errorCases), inputs: record.inputs)
        if case .code(let code) = vector.expected, code.utf8.count != digits {
            let codeField = try record.requireBare("code")
            throw FormatError(line: codeField.line, .invalidValue(field: "code", value: code, expected: "\(digits) digits (the record's digits)"))
        }
        switch mode {
        case .hotp:
            vector.counter = try record.requireBare("counter").uint64()
        case .totp:
            vector.period = try record.requireBare("period").uint64()
            vector.t0 = try record.requireBare("t0").uint64()
            vector.time = try record.requireBare("time").uint64()
            vector.expectedTimeStep = try record.bare("step")?.uint64()
        }
        vectors.append(vector)
    }
    return vectors
}

/// `algorithm = SHA1|SHA256|SHA512`, required.
func readAlgorithm(_ record: KVRecord) throws(FormatError) -> String {
    let field = try record.requireBare("algorithm")
    guard HashAlgorithm(rawValue: field.text) != nil else {
        throw FormatError(line: field.line, .invalidValue(field: "algorithm", value: field.bytes.excerpt(), expected: "SHA1, SHA256 or SHA512"))
    }
    return field.text
}

/// `code = <digits>` or `expect = error:<case>`: exactly one of them.
private func readExpectedCode(_ record: KVRecord, errorCases: [String]) throws(FormatError) -> OTPVector.Expected {
    let code = try record.bare("code")
    let expect = try record.bare("expect")
    switch (code, expect) {
    case (let code?, nil):
        guard isDecimalDigits(code.bytes) else {
            throw FormatError(line: code.line, .invalidValue(field: "code", value: code.bytes.excerpt(), expected: "a string of digits"))
        }
        return .code(code.text)
    case (nil, let expect?):
        return .error(try readErrorCase(expect, cases: errorCases))
    case (_?, let expect?):
        throw FormatError(line: expect.line, .unexpectedField("expect (not with code)"))
    case (nil, nil):
        throw FormatError(line: record.line, .missingField("code"))
    }
}

/// `error:<case>` with one of `cases`; returns the case name.
func readErrorCase(_ field: KVField.Bare, cases: [String]) throws(FormatError) -> String {
    let token = try field.token()
    guard token.hasPrefix("error:"), cases.contains(String(token.dropFirst(6))) else {
        throw FormatError(line: field.line, .invalidValue(
            field: field.key, value: shortened(token), expected: "error:<case> with a case of " + cases.joined(separator: ", ")))
    }
    return String(token.dropFirst(6))
}

// MARK: - The RFC tables as vectors

/// RFC 4226 Appendix D (`rfc-4226.txt`): SHA-1, 6 digits (the length of `HOTP`), the ASCII secret.
func rfc4226Vectors(_ blocks: [RSPBlock]) throws(FormatError) -> [OTPVector] {
    var vectors: [OTPVector] = []
    for block in blocks {
        let count = try block.require("COUNT")
        let code = try block.require("HOTP")
        guard isDecimalDigits(code.value) else {
            throw FormatError(line: code.line, .invalidValue(field: "HOTP", value: code.value.excerpt(), expected: "a string of digits"))
        }
        vectors.append(OTPVector(
            line: block.line, caseID: count.caseID, mode: .hotp, secret: Array(try block.require("SECRET").value),
            algorithm: "SHA1", digits: code.value.count, counter: try block.require("COUNTER").uint64(),
            period: nil, t0: nil, time: nil, expectedTimeStep: nil, expected: .code(code.value.text), inputs: block.inputs))
    }
    return vectors
}

/// RFC 6238 Appendix B (`rfc-6238.txt`): T0 = 0, X = 30, digits = the length of `TOTP`.
func rfc6238Vectors(_ blocks: [RSPBlock]) throws(FormatError) -> [OTPVector] {
    var vectors: [OTPVector] = []
    for block in blocks {
        let count = try block.require("COUNT")
        let code = try block.require("TOTP")
        guard isDecimalDigits(code.value) else {
            throw FormatError(line: code.line, .invalidValue(field: "TOTP", value: code.value.excerpt(), expected: "a string of digits"))
        }
        let mode = try block.require("MODE")
        guard HashAlgorithm(rawValue: mode.value.text) != nil else {
            throw FormatError(line: mode.line, .invalidValue(field: "MODE", value: mode.value.excerpt(), expected: "SHA1, SHA256 or SHA512"))
        }
        vectors.append(OTPVector(
            line: block.line, caseID: count.caseID, mode: .totp, secret: Array(try block.require("SECRET").value),
            algorithm: mode.value.text, digits: code.value.count, counter: nil, period: 30, t0: 0,
            time: try block.require("TIME").uint64(), expectedTimeStep: nil, expected: .code(code.value.text),
            inputs: block.inputs + [caseInput("T0", "0 (implied)"), caseInput("X", "30 (implied)")]))
    }
    return vectors
}

// MARK: - Checking against the library

/// Runs each vector through `HOTP` / `TOTP`.
func checkOTPVectors(_ vectors: [OTPVector]) -> ReportBuilder {
    var report = ReportBuilder()
    for vector in vectors {
        report.record(line: vector.line, caseID: vector.caseID, mismatches: libraryMismatches(vector), inputs: vector.inputs)
    }
    return report
}

private func libraryMismatches(_ vector: OTPVector) -> [Mismatch] {
    let algorithm = HashAlgorithm(rawValue: vector.algorithm) ?? .sha1
    let secret = SecretBytes(vector.secret)
    var mismatches: [Mismatch] = []
    let outcome: Result<String, OTPError>
    do throws(OTPError) {
        switch vector.mode {
        case .hotp:
            let hotp = try HOTP(secret: secret, algorithm: algorithm, digits: vector.digits)
            outcome = .success(hotp.code(counter: vector.counter ?? 0))
        case .totp:
            let totp = try TOTP(secret: secret, algorithm: algorithm, digits: vector.digits, period: vector.period ?? 30, t0: vector.t0 ?? 0)
            let time = vector.time ?? 0
            if let step = vector.expectedTimeStep {
                let got = (try? totp.counter(at: time)).map { String($0) } ?? "no step"
                if got != String(step) { mismatches.append(mismatch("step", expected: String(step), got: got)) }
            }
            outcome = .success(try totp.code(at: time))
        }
    } catch {
        outcome = .failure(error)
    }
    let field = vector.mode == .hotp ? "HOTP" : "TOTP"
    switch (vector.expected, outcome) {
    case (.code(let want), .success(let got)):
        if got != want { mismatches.append(mismatch(field, expected: want, got: got)) }
    case (.code(let want), .failure(let error)):
        mismatches.append(mismatch(field, expected: want, got: "error:\(otpErrorName(error)) (\(error))"))
    case (.error(let want), .success(let got)):
        mismatches.append(mismatch(field, expected: "error:\(want)", got: got))
    case (.error(let want), .failure(let error)):
        if otpErrorName(error) != want { mismatches.append(mismatch(field, expected: "error:\(want)", got: "error:\(otpErrorName(error))")) }
    }
    return mismatches
}
