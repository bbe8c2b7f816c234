// KeyURICheck.swift
// The `kind = keyuri` key = value files: otpauth:// URIs to parse (with the fields they give,
// or the error they raise) and keys to build (with the exact URI). The record keys are
// documented in Vectors/README.md and at the top of Vectors/keyuri/keyuri-parse.txt.

import OTP
import OTPCrypto
import OTPEncoding

private let keyURIRecordKeys = [
    "id", "operation", "uri", "expect", "type", "issuer", "account", "secret", "algorithm",
    "digits", "period", "counter", "short-secret", "include-defaults",
]

/// Checks every record of a keyuri file.
func checkKeyURI(_ file: KVFile) throws(FormatError) -> ReportBuilder {
    var report = ReportBuilder()
    var seenIDs = Set<String>()
    for record in file.records {
        for field in record.fields where !keyURIRecordKeys.contains(field.key) && !field.key.hasPrefix("parameter.") {
            throw FormatError(line: field.line, .unexpectedField(field.key))
        }
        let idField = try record.requireBare("id")
        let id = try idField.token()
        guard seenIDs.insert(id).inserted else { throw FormatError(line: idField.line, .duplicateID(id)) }
        let uri = try record.requireQuoted("uri")

        let operation = try record.bare("operation")?.token() ?? "parse"
        let mismatches: [Mismatch]
        switch operation {
        case "parse":
            if let expect = try record.bare("expect") {
                mismatches = try checkParseError(uri, expect: expect)
            } else {
                mismatches = try checkParse(uri, record: record)
            }
        case "build":
            mismatches = try checkBuild(expected: uri, record: record)
        default:
            throw FormatError(line: record.line, .invalidValue(field: "operation", value: operation, expected: "parse or build"))
        }
        report.record(line: record.line, caseID: id, mismatches: mismatches, inputs: record.inputs)
    }
    return report
}

/// The fields a record states, as a key (for build) and for comparison (for parse).
private func expectedKey(_ record: KVRecord, defaults: Bool) throws(FormatError) -> KeyURI {
    /// The record's value for `key`; when absent, `value` if the key may be left out, else an error.
    func field<T>(
        _ key: String, _ convert: (KVField.Bare) throws(FormatError) -> T, default value: T, optional: Bool = defaults
    ) throws(FormatError) -> T {
        guard let bare = try record.bare(key) else {
            guard optional else { throw FormatError(line: record.line, .missingField(key)) }
            return value
        }
        return try convert(bare)
    }
    let kindText = try field("type", { (b) throws(FormatError) in try b.token() }, default: "totp")
    guard let kind = KeyURI.Kind(rawValue: kindText) else {
        throw FormatError(line: record.line, .invalidValue(field: "type", value: kindText, expected: "totp or hotp"))
    }
    let algorithmText = try field("algorithm", { (b) throws(FormatError) in try b.token() }, default: "SHA1")
    guard let algorithm = HashAlgorithm(rawValue: algorithmText) else {
        throw FormatError(line: record.line, .invalidValue(field: "algorithm", value: algorithmText, expected: "SHA1, SHA256 or SHA512"))
    }
    var issuer: String? = nil
    if let quotedIssuer = try? record.quoted("issuer") {
        issuer = quotedIssuer
    } else if let bare = try record.bare("issuer") {
        guard bare.text == "null" else {
            throw FormatError(line: bare.line, .invalidValue(field: "issuer", value: bare.bytes.excerpt(), expected: "a quoted string or null"))
        }
    } else if !defaults {
        throw FormatError(line: record.line, .missingField("issuer"))
    }
    var parameters: [String: String] = [:]
    for entry in record.fields where entry.key.hasPrefix("parameter.") {
        parameters[String(entry.key.dropFirst("parameter.".count))] = try record.quoted(entry.key)
    }
    // period and counter: a parse record states the one its type uses; the other may be left
    // out and then has its default.
    return KeyURI(
        kind: kind, issuer: issuer, account: try record.requireQuoted("account"),
        secret: SecretBytes(try record.requireBare("secret").hex()), algorithm: algorithm,
        digits: try field("digits", { (b) throws(FormatError) in try b.int() }, default: 6),
        period: try field("period", { (b) throws(FormatError) in try b.uint64() }, default: 30, optional: defaults || kind == .hotp),
        counter: try field("counter", { (b) throws(FormatError) in try b.uint64() }, default: 0, optional: defaults || kind == .totp),
        parameters: parameters)
}

private func checkParse(_ uri: String, record: KVRecord) throws(FormatError) -> [Mismatch] {
    let expected = try expectedKey(record, defaults: false)
    let key: KeyURI
    do {
        key = try KeyURI(parsing: uri)
    } catch {
        return [mismatch("parse", expected: "a key", got: "error:\(keyURIErrorName(error))")]
    }
    var mismatches = compareKeys(key, expected)
    if let short = try record.bare("short-secret") {
        let want = short.text == "true"
        if key.isSecretShort != want { mismatches.append(mismatch("short-secret", expected: "\(want)", got: "\(key.isSecretShort)")) }
    }
    return mismatches
}

/// Every `KeyURIError` case name, so that a misspelt `expect` is a format error, not a failure.
private let keyURIErrorNames: Set<String> = [
    "notOtpauth", "unknownType", "missingLabel", "emptyAccount", "unexpectedFragment", "invalidEncoding",
    "duplicateParameter", "missingSecret", "emptySecret", "invalidSecret", "invalidAlgorithm", "invalidDigits",
    "invalidPeriod", "invalidCounter", "missingCounter", "issuerMismatch",
]

private func checkParseError(_ uri: String, expect: KVField.Bare) throws(FormatError) -> [Mismatch] {
    let token = try expect.token()
    guard token.hasPrefix("error:"), keyURIErrorNames.contains(String(token.dropFirst("error:".count))) else {
        throw FormatError(line: expect.line, .invalidValue(
            field: "expect", value: shortened(token), expected: "error:<case> with a KeyURIError case name"))
    }
    do {
        let key = try KeyURI(parsing: uri)
        return [mismatch("parse", expected: token, got: "a key (\(key))")]
    } catch {
        let name = "error:" + keyURIErrorName(error)
        return name == token ? [] : [mismatch("parse", expected: token, got: name)]
    }
}

/// Builds the record's key and compares with the exact URI, then parses the URI back.
private func checkBuild(expected uri: String, record: KVRecord) throws(FormatError) -> [Mismatch] {
    let key = try expectedKey(record, defaults: true)
    let includeDefaults = try record.bare("include-defaults")?.text == "true"
    let built = key.uriString(includeDefaults: includeDefaults)
    guard built == uri else { return [mismatch("build", expected: quote(uri), got: quote(built))] }
    do {
        let parsed = try KeyURI(parsing: built)
        // Parsing drops an empty issuer, and building skips parameters named like defined
        // ones; otherwise the fields come back.
        var want = key
        if want.issuer?.isEmpty == true { want.issuer = nil }
        for name in ["secret", "issuer", "algorithm", "digits", "period", "counter"] { want.parameters[name] = nil }
        return compareKeys(parsed, want).map { Mismatch(field: "parse back: " + $0.field, expected: $0.expected, got: $0.got) }
    } catch {
        return [mismatch("parse back", expected: "a key", got: "error:\(keyURIErrorName(error))")]
    }
}

private func compareKeys(_ got: KeyURI, _ want: KeyURI) -> [Mismatch] {
    var mismatches: [Mismatch] = []
    func compare(_ name: String, _ a: String, _ b: String) {
        if a != b { mismatches.append(mismatch(name, expected: b, got: a)) }
    }
    compare("type", got.kind.rawValue, want.kind.rawValue)
    compare("issuer", got.issuer.map(quote) ?? "null", want.issuer.map(quote) ?? "null")
    compare("account", quote(got.account), quote(want.account))
    compare("secret", hexString(got.secret.revealed), hexString(want.secret.revealed))
    compare("algorithm", got.algorithm.rawValue, want.algorithm.rawValue)
    compare("digits", "\(got.digits)", "\(want.digits)")
    compare("period", "\(got.period)", "\(want.period)")
    compare("counter", "\(got.counter)", "\(want.counter)")
    let gotParameters = got.parameters.keys.sorted().map { "\($0)=\(quote(got.parameters[$0] ?? ""))" }
    let wantParameters = want.parameters.keys.sorted().map { "\($0)=\(quote(want.parameters[$0] ?? ""))" }
    compare("parameters", gotParameters.joined(separator: " "), wantParameters.joined(separator: " "))
    return mismatches
}

/// The Swift case name of a key URI error, as vector files write it.
func keyURIErrorName(_ error: KeyURIError) -> String {
    switch error {
    case .notOtpauth: "notOtpauth"
    case .unknownType: "unknownType"
    case .missingLabel: "missingLabel"
    case .emptyAccount: "emptyAccount"
    case .unexpectedFragment: "unexpectedFragment"
    case .invalidEncoding: "invalidEncoding"
    case .duplicateParameter: "duplicateParameter"
    case .missingSecret: "missingSecret"
    case .emptySecret: "emptySecret"
    case .invalidSecret: "invalidSecret"
    case .invalidAlgorithm: "invalidAlgorithm"
    case .invalidDigits: "invalidDigits"
    case .invalidPeriod: "invalidPeriod"
    case .invalidCounter: "invalidCounter"
    case .missingCounter: "missingCounter"
    case .issuerMismatch: "issuerMismatch"
    }
}
