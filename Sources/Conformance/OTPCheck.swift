// OTPCheck.swift
// The RFC 4226 Appendix D and RFC 6238 Appendix B transcriptions (`rfc-4226.txt`, `rfc-6238.txt`).

import OTP
import OTPCrypto

/// The expected code: ASCII digits only (its length is the `digits` parameter).
private func codeField(_ field: RSPField) throws(FormatError) -> String {
    guard isDecimalDigits(field.value) else {
        throw FormatError(line: field.line, .invalidValue(field: field.name, value: field.value.excerpt(), expected: "a string of digits"))
    }
    return field.value.text
}

/// `SECRET` is the key as a raw ASCII string (`12345678901234567890`), not hex.
private func secretField(_ block: RSPBlock) throws(FormatError) -> SecretBytes {
    let field = try block.require("SECRET")
    guard !field.value.isEmpty else {
        throw FormatError(line: field.line, .invalidValue(field: "SECRET", value: "", expected: "a non-empty ASCII key"))
    }
    return SecretBytes(Array(field.value))
}

private func rejectSections(_ block: RSPBlock) throws(FormatError) {
    if let section = block.section {
        throw FormatError(line: section.line, .unexpectedSection(section.text))
    }
}

// MARK: - RFC 4226

/// Each block: `COUNT`, `COUNTER`, `INTERMEDIATE` (HMAC-SHA-1 of the 8-byte big-endian counter),
/// `TRUNCATED` (the 31-bit dynamic truncation, RFC 4226 §5.3, hex without leading zeros), `HOTP`
/// and `SECRET`. A case passes when all three computed values match.
func checkRFC4226(_ blocks: [RSPBlock]) throws(FormatError) -> ReportBuilder {
    var report = ReportBuilder()
    for block in blocks {
        try rejectSections(block)
        try block.requireExactly(["COUNT", "COUNTER", "INTERMEDIATE", "TRUNCATED", "HOTP", "SECRET"])
        let countField = try block.require("COUNT")
        _ = try countField.int()
        let counter = try block.require("COUNTER").uint64()
        let intermediate = try block.require("INTERMEDIATE").hexBytes(count: 20)
        let truncatedField = try block.require("TRUNCATED")
        guard let truncated = parseHexNumber(truncatedField.value), truncated <= UInt64(UInt32.max) else {
            throw FormatError(line: truncatedField.line, .invalidValue(
                field: "TRUNCATED", value: truncatedField.value.excerpt(), expected: "1 to 8 hex digits"))
        }
        let expectedCode = try codeField(try block.require("HOTP"))
        let secret = try secretField(block)

        var mismatches: [Mismatch] = []
        do {
            let hotp = try HOTP(secret: secret, algorithm: .sha1, digits: expectedCode.count)
            let code = hotp.authenticationCode(counter: counter)
            if code.bytes != intermediate {
                mismatches.append(mismatch("INTERMEDIATE", expected: hexString(intermediate), got: code.description))
            }
            let value = hotp.truncatedValue(counter: counter)
            if UInt64(value) != truncated {
                mismatches.append(mismatch("TRUNCATED", expected: truncatedField.value.text, got: String(value, radix: 16)))
            }
            let otp = hotp.code(counter: counter)
            if otp != expectedCode {
                mismatches.append(mismatch("HOTP", expected: expectedCode, got: otp))
            }
        } catch {
            mismatches.append(mismatch("HOTP", expected: expectedCode, got: "HOTP(digits: \(expectedCode.count)) threw \(error)"))
        }
        report.record(line: block.line, caseID: countField.caseID, mismatches: mismatches, inputs: block.inputs)
    }
    return report
}

// MARK: - RFC 6238

/// Each block: `COUNT`, `TIME` (Unix seconds), `TOTP`, `MODE` (`SHA1`/`SHA256`/`SHA512`) and
/// `SECRET`. Implied, as in RFC 6238 Appendix B: T0 = 0, X = 30, digits = the length of `TOTP`.
func checkRFC6238(_ blocks: [RSPBlock]) throws(FormatError) -> ReportBuilder {
    var report = ReportBuilder()
    for block in blocks {
        try rejectSections(block)
        try block.requireExactly(["COUNT", "TIME", "TOTP", "MODE", "SECRET"])
        let countField = try block.require("COUNT")
        _ = try countField.int()
        let time = try block.require("TIME").uint64()
        let expectedCode = try codeField(try block.require("TOTP"))
        let modeField = try block.require("MODE")
        guard let algorithm = HashAlgorithm(rawValue: modeField.value.text) else {
            throw FormatError(line: modeField.line, .invalidValue(
                field: "MODE", value: modeField.value.excerpt(), expected: "SHA1, SHA256 or SHA512"))
        }
        let secret = try secretField(block)

        var mismatches: [Mismatch] = []
        do {
            let totp = try TOTP(secret: secret, algorithm: algorithm, digits: expectedCode.count, period: 30, t0: 0)
            let otp = try totp.code(at: time)
            if otp != expectedCode {
                mismatches.append(mismatch("TOTP", expected: expectedCode, got: otp))
            }
        } catch {
            mismatches.append(mismatch("TOTP", expected: expectedCode, got: "TOTP(\(algorithm.rawValue), digits: \(expectedCode.count)) at \(time) threw \(error)"))
        }
        report.record(line: block.line, caseID: countField.caseID, mismatches: mismatches, inputs: block.inputs)
    }
    return report
}
