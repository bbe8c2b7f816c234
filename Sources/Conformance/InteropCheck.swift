// InteropCheck.swift
// The key = value kinds for authenticator-app formats (Vectors/README.md, "kind = steam",
// "kind = google-migration", "kind = aegis"): Steam Guard codes, Google Authenticator
// transfer payloads, and Aegis plain vaults.

import OTP
import OTPCrypto
import OTPInterop

// MARK: - Shared

/// The values of `PREFIX.1`, `PREFIX.2`, … in order; numbered from 1 without gaps.
private func numbered(_ prefix: String, in record: KVRecord) throws(FormatError) -> [KVField] {
    var fields: [KVField] = []
    while let field = record.field("\(prefix).\(fields.count + 1)") { fields.append(field) }
    for field in record.fields where field.key.hasPrefix(prefix + ".") && !fields.contains(where: { $0.key == field.key }) {
        throw FormatError(line: field.line, .invalidValue(
            field: field.key, value: field.key, expected: "numbered from \(prefix).1 without gaps"))
    }
    return fields
}

/// The quoted texts of `PREFIX.1`, `PREFIX.2`, ….
private func numberedQuoted(_ prefix: String, in record: KVRecord) throws(FormatError) -> [String] {
    var texts: [String] = []
    for field in try numbered(prefix, in: record) {
        guard case .quoted(let text) = field.value else {
            throw FormatError(line: field.line, .invalidValue(field: field.key, value: field.valueExcerpt, expected: "a quoted string"))
        }
        texts.append(text)
    }
    return texts
}

/// Checks every key and the `id` of each record; returns the id.
private func recordID(_ record: KVRecord, allowed: [String], numberedPrefixes: [String], seen: inout Set<String>) throws(FormatError) -> String {
    for field in record.fields where !allowed.contains(field.key)
        && !numberedPrefixes.contains(where: { field.key.hasPrefix($0 + ".") }) {
        throw FormatError(line: field.line, .unexpectedField(field.key))
    }
    let idField = try record.requireBare("id")
    let id = try idField.token()
    guard seen.insert(id).inserted else { throw FormatError(line: idField.line, .duplicateID(id)) }
    return id
}

/// The error case named by `expect = error:<case>`, which must be one of `known`.
private func expectedError(_ record: KVRecord, known: [String], what: String) throws(FormatError) -> String? {
    guard let expect = try record.bare("expect") else { return nil }
    let token = try expect.token()
    guard token.hasPrefix("error:"), known.contains(String(token.dropFirst("error:".count))) else {
        throw FormatError(line: expect.line, .invalidValue(field: "expect", value: shortened(token), expected: "error:<case> with a \(what) case name"))
    }
    return String(token.dropFirst("error:".count))
}

/// Parses the expected key URIs of a record.
private func expectedKeys(_ texts: [String], record: KVRecord) throws(FormatError) -> [KeyURI] {
    var keys: [KeyURI] = []
    for text in texts {
        do {
            keys.append(try KeyURI(parsing: text))
        } catch {
            throw FormatError(line: record.line, .invalidValue(field: "key.\(keys.count + 1)", value: shortened(text), expected: "a valid key URI (\(keyURIErrorName(error)))"))
        }
    }
    return keys
}

/// Compares keys by their full built form (every field written, parameters sorted).
private func compareKeys(_ got: [KeyURI], _ want: [KeyURI], label: String = "key") -> [Mismatch] {
    guard got.count == want.count else {
        return [mismatch("\(label)s", expected: "\(want.count)", got: "\(got.count)")]
    }
    var mismatches: [Mismatch] = []
    for (index, (a, b)) in zip(got, want).enumerated() {
        let gotText = a.uriString(includeDefaults: true), wantText = b.uriString(includeDefaults: true)
        if gotText != wantText { mismatches.append(mismatch("\(label).\(index + 1)", expected: quote(wantText), got: quote(gotText))) }
    }
    return mismatches
}

// MARK: - kind = steam

private let steamKeys = ["id", "secret", "period", "time", "step", "code", "expect"]

/// `kind = steam`: one Steam Guard code per record.
func checkSteam(_ file: KVFile) throws(FormatError) -> ReportBuilder {
    var report = ReportBuilder()
    var seen = Set<String>()
    for record in file.records {
        let id = try recordID(record, allowed: steamKeys, numberedPrefixes: [], seen: &seen)
        let secret = SecretBytes(try record.requireBare("secret").hex())
        let period = try record.requireBare("period").uint64()
        let time = try record.requireBare("time").uint64()
        var mismatches: [Mismatch] = []
        let generator: SteamGuard
        do {
            generator = try SteamGuard(secret: secret, period: period)
        } catch {
            let name = otpErrorName(error)
            if let want = try expectedError(record, known: ["emptySecret", "periodIsZero"], what: "OTPError") {
                if want != name { mismatches.append(mismatch("code", expected: "error:" + want, got: "error:" + name)) }
            } else {
                mismatches.append(mismatch("code", expected: "a code", got: "error:" + name))
            }
            report.record(line: record.line, caseID: id, mismatches: mismatches, inputs: record.inputs)
            continue
        }
        if let want = try expectedError(record, known: ["emptySecret", "periodIsZero"], what: "OTPError") {
            mismatches.append(mismatch("code", expected: "error:" + want, got: generator.code(at: time)))
        } else {
            let code = try record.requireBare("code").token()
            let got = generator.code(at: time)
            if got != code { mismatches.append(mismatch("code", expected: code, got: got)) }
            if let step = try record.bare("step")?.uint64(), step != time / period {
                mismatches.append(mismatch("step", expected: "\(step)", got: "\(time / period)"))
            }
        }
        report.record(line: record.line, caseID: id, mismatches: mismatches, inputs: record.inputs)
    }
    return report
}

// MARK: - kind = google-migration

private let googleKeys = [
    "id", "operation", "uri", "payload", "accounts", "version", "batch-size", "batch-index", "batch-id",
    "per-batch", "expect", "offset",
]

/// The names vector files give the errors: a wire-format error by its `ProtobufError` case, any
/// other by its `GoogleMigrationError` case.
let googleMigrationErrorNames = [
    "notMigrationURI", "missingData", "duplicateData", "invalidEncoding", "invalidBase64", "tooLarge",
    "tooManyAccounts", "emptySecret", "emptyName", "unsupportedAlgorithm", "unsupportedDigits", "unsupportedType",
    "negativeCounter", "invalidKey", "exportDigits", "exportPeriod", "exportCounter", "exportSteamGuard",
    "invalidBatchSize",
    "truncatedVarint", "varintTooLong", "invalidFieldNumber", "invalidWireType", "unsupportedGroup",
    "truncatedFixed", "lengthPastEnd", "wrongWireType", "invalidUTF8",
]

/// The error's name as vector files write it, and the offset a wire-format error carries.
func googleMigrationErrorName(_ error: GoogleMigrationError) -> (name: String, offset: Int?) {
    switch error {
    case .notMigrationURI: ("notMigrationURI", nil)
    case .missingData: ("missingData", nil)
    case .duplicateData: ("duplicateData", nil)
    case .invalidEncoding: ("invalidEncoding", nil)
    case .invalidBase64(let position): ("invalidBase64", position)
    case .tooLarge: ("tooLarge", nil)
    case .tooManyAccounts: ("tooManyAccounts", nil)
    case .emptySecret: ("emptySecret", nil)
    case .emptyName: ("emptyName", nil)
    case .unsupportedAlgorithm: ("unsupportedAlgorithm", nil)
    case .unsupportedDigits: ("unsupportedDigits", nil)
    case .unsupportedType: ("unsupportedType", nil)
    case .negativeCounter: ("negativeCounter", nil)
    case .invalidKey: ("invalidKey", nil)
    case .exportDigits: ("exportDigits", nil)
    case .exportPeriod: ("exportPeriod", nil)
    case .exportCounter: ("exportCounter", nil)
    case .exportSteamGuard: ("exportSteamGuard", nil)
    case .invalidBatchSize: ("invalidBatchSize", nil)
    case .malformedPayload(let wire):
        switch wire {
        case .truncatedVarint(let offset): ("truncatedVarint", offset)
        case .varintTooLong(let offset): ("varintTooLong", offset)
        case .invalidFieldNumber(let offset): ("invalidFieldNumber", offset)
        case .invalidWireType(_, let offset): ("invalidWireType", offset)
        case .unsupportedGroup(_, let offset): ("unsupportedGroup", offset)
        case .truncatedFixed(_, let offset): ("truncatedFixed", offset)
        case .lengthPastEnd(_, let offset, _, _): ("lengthPastEnd", offset)
        case .wrongWireType(_, _, _, let offset): ("wrongWireType", offset)
        case .invalidUTF8(_, let offset): ("invalidUTF8", offset)
        }
    }
}

/// `kind = google-migration`: payloads to decode (a URI or the protobuf bytes) with the keys
/// they give, and keys to export with the exact payload bytes.
func checkGoogleMigration(_ file: KVFile) throws(FormatError) -> ReportBuilder {
    var report = ReportBuilder()
    var seen = Set<String>()
    for record in file.records {
        let id = try recordID(record, allowed: googleKeys, numberedPrefixes: ["key", "payload"], seen: &seen)
        let mismatches: [Mismatch]
        switch try record.bare("operation")?.token() ?? "decode" {
        case "decode": mismatches = try checkGoogleDecode(record)
        case "export": mismatches = try checkGoogleExport(record)
        case let other:
            throw FormatError(line: record.line, .invalidValue(field: "operation", value: other, expected: "decode or export"))
        }
        report.record(line: record.line, caseID: id, mismatches: mismatches, inputs: record.inputs)
    }
    return report
}

private func signedInt32(_ record: KVRecord, _ key: String) throws(FormatError) -> Int32 {
    let bare = try record.requireBare(key)
    var digits = bare.bytes
    let negative = digits.first == UInt8(ascii: "-")
    if negative { digits = digits.dropFirst() }
    guard let magnitude = parseDecimal(digits), magnitude <= (negative ? 1 << 31 : (1 << 31) - 1) else {
        throw FormatError(line: bare.line, .invalidNumber(field: key, value: bare.bytes.excerpt()))
    }
    return negative ? Int32(truncatingIfNeeded: 0 &- Int64(magnitude)) : Int32(magnitude)
}

private func checkGoogleDecode(_ record: KVRecord) throws(FormatError) -> [Mismatch] {
    let uri = try record.quoted("uri")
    let payloadBytes = try record.bare("payload")?.hex()
    guard (uri == nil) != (payloadBytes == nil) else {
        throw FormatError(line: record.line, .missingField("uri or payload (exactly one)"))
    }
    let expectedKeyTexts = try numberedQuoted("key", in: record)
    let result: Result<[KeyURI], GoogleMigrationError>
    var payload: GoogleMigrationPayload? = nil
    do throws(GoogleMigrationError) {
        let decoded = if let uri {
            try GoogleMigrationPayload(parsing: uri)
        } else {
            try GoogleMigrationPayload(decoding: payloadBytes ?? [])
        }
        payload = decoded
        result = .success(try decoded.keys())
    } catch {
        result = .failure(error)
    }
    if let want = try expectedError(record, known: googleMigrationErrorNames, what: "GoogleMigrationError or ProtobufError") {
        let wantOffset = try record.bare("offset")?.int()
        switch result {
        case .success(let keys):
            return [mismatch("decode", expected: "error:" + want, got: "\(keys.count) keys")]
        case .failure(let error):
            let (name, offset) = googleMigrationErrorName(error)
            var mismatches: [Mismatch] = []
            if name != want { mismatches.append(mismatch("decode", expected: "error:" + want, got: "error:" + name)) }
            if let wantOffset, wantOffset != offset {
                mismatches.append(mismatch("offset", expected: "\(wantOffset)", got: offset.map { "\($0)" } ?? "none"))
            }
            return mismatches
        }
    }
    let accounts = try record.requireBare("accounts").int()
    guard accounts == expectedKeyTexts.count else {
        throw FormatError(line: record.line, .invalidValue(field: "accounts", value: "\(accounts)", expected: "the number of key.N lines (\(expectedKeyTexts.count))"))
    }
    let want = try expectedKeys(expectedKeyTexts, record: record)
    let version = try signedInt32(record, "version"), batchSize = try signedInt32(record, "batch-size")
    let batchIndex = try signedInt32(record, "batch-index"), batchID = try signedInt32(record, "batch-id")
    switch result {
    case .failure(let error):
        return [mismatch("decode", expected: "\(accounts) keys", got: "error:" + googleMigrationErrorName(error).name)]
    case .success(let keys):
        var mismatches = compareKeys(keys, want)
        if let payload {
            for (name, got, expected) in [("version", payload.version, version), ("batch-size", payload.batchSize, batchSize),
                                          ("batch-index", payload.batchIndex, batchIndex), ("batch-id", payload.batchID, batchID)]
            where got != expected {
                mismatches.append(mismatch(name, expected: "\(expected)", got: "\(got)"))
            }
        }
        return mismatches
    }
}

private func checkGoogleExport(_ record: KVRecord) throws(FormatError) -> [Mismatch] {
    let keys = try expectedKeys(try numberedQuoted("key", in: record), record: record)
    let batchID = try signedInt32(record, "batch-id")
    let perBatch = try record.bare("per-batch")?.int() ?? 10
    let expectedPayloads = try numbered("payload", in: record)
    let payloads: [GoogleMigrationPayload]
    do {
        payloads = try GoogleMigrationPayload.export(keys, batchID: batchID, accountsPerBatch: perBatch)
    } catch {
        let name = googleMigrationErrorName(error).name
        if let want = try expectedError(record, known: googleMigrationErrorNames, what: "GoogleMigrationError") {
            return want == name ? [] : [mismatch("export", expected: "error:" + want, got: "error:" + name)]
        }
        return [mismatch("export", expected: "\(expectedPayloads.count) payloads", got: "error:" + name)]
    }
    if let want = try expectedError(record, known: googleMigrationErrorNames, what: "GoogleMigrationError") {
        return [mismatch("export", expected: "error:" + want, got: "\(payloads.count) payloads")]
    }
    guard !expectedPayloads.isEmpty else { throw FormatError(line: record.line, .missingField("payload.1")) }
    if payloads.count != expectedPayloads.count {
        return [mismatch("payloads", expected: "\(expectedPayloads.count)", got: "\(payloads.count)")]
    }
    var mismatches: [Mismatch] = []
    var decodedKeys: [KeyURI] = []
    for (index, (payload, field)) in zip(payloads, expectedPayloads).enumerated() {
        guard case .bare(let bytes) = field.value else {
            throw FormatError(line: field.line, .invalidValue(field: field.key, value: field.valueExcerpt, expected: "hex bytes"))
        }
        let want = try KVField.Bare(key: field.key, bytes: bytes, line: field.line).hex()
        let got = payload.serialized()
        if got != want { mismatches.append(mismatch("payload.\(index + 1)", expected: hexString(want), got: hexString(got))) }
        // The URI form reads back to the same keys.
        do {
            decodedKeys += try GoogleMigrationPayload(parsing: payload.uriString).keys()
        } catch {
            mismatches.append(mismatch("read back payload.\(index + 1)", expected: "keys", got: "error:" + googleMigrationErrorName(error).name))
        }
    }
    return mismatches + compareKeys(decodedKeys, keys, label: "read back key")
}

// MARK: - kind = aegis

private let aegisKeys = ["id", "operation", "keys", "expect"]

let aegisErrorNames = [
    "tooLarge", "invalidJSON", "encryptedVault", "unsupportedVersion", "missingMember", "invalidMember",
    "duplicateMember", "invalidSecret", "tooManyEntries", "invalidKey",
]

func aegisErrorName(_ error: AegisError) -> String {
    switch error {
    case .tooLarge: "tooLarge"
    case .invalidJSON: "invalidJSON"
    case .encryptedVault: "encryptedVault"
    case .unsupportedVersion: "unsupportedVersion"
    case .missingMember: "missingMember"
    case .invalidMember: "invalidMember"
    case .duplicateMember: "duplicateMember"
    case .invalidSecret: "invalidSecret"
    case .tooManyEntries: "tooManyEntries"
    case .invalidKey: "invalidKey"
    }
}

private func skippedText(_ entry: AegisVault.SkippedEntry) -> String {
    let reason = switch entry.reason {
    case .unsupportedType: "unsupportedType"
    case .unsupportedAlgorithm: "unsupportedAlgorithm"
    case .unsupportedDigits: "unsupportedDigits"
    case .emptyName: "emptyName"
    }
    return "\(entry.index):\(entry.type):\(reason)"
}

/// `kind = aegis`: vaults (their JSON lines as `json.N`) with the keys and skipped entries they
/// give, and keys to export and read back.
func checkAegis(_ file: KVFile) throws(FormatError) -> ReportBuilder {
    var report = ReportBuilder()
    var seen = Set<String>()
    for record in file.records {
        let id = try recordID(record, allowed: aegisKeys, numberedPrefixes: ["json", "key", "skipped"], seen: &seen)
        let want = try expectedKeys(try numberedQuoted("key", in: record), record: record)
        var mismatches: [Mismatch] = []
        switch try record.bare("operation")?.token() ?? "import" {
        case "import":
            let lines = try numberedQuoted("json", in: record)
            guard !lines.isEmpty else { throw FormatError(line: record.line, .missingField("json.1")) }
            let skipped = try numbered("skipped", in: record).map { (field) throws(FormatError) -> String in
                guard case .bare = field.value else {
                    throw FormatError(line: field.line, .invalidValue(field: field.key, value: field.valueExcerpt, expected: "INDEX:TYPE:REASON"))
                }
                return try record.requireBare(field.key).token()
            }
            let result: AegisVault.Import
            do {
                result = try AegisVault.importKeys(from: Array(lines.joined(separator: "\n").utf8))
            } catch {
                let name = aegisErrorName(error)
                if let expected = try expectedError(record, known: aegisErrorNames, what: "AegisError") {
                    if expected != name { mismatches.append(mismatch("import", expected: "error:" + expected, got: "error:" + name)) }
                } else {
                    mismatches.append(mismatch("import", expected: "keys", got: "error:" + name))
                }
                report.record(line: record.line, caseID: id, mismatches: mismatches, inputs: record.inputs)
                continue
            }
            if let expected = try expectedError(record, known: aegisErrorNames, what: "AegisError") {
                mismatches.append(mismatch("import", expected: "error:" + expected, got: "\(result.keys.count) keys"))
            } else {
                let count = try record.requireBare("keys").int()
                guard count == want.count else {
                    throw FormatError(line: record.line, .invalidValue(field: "keys", value: "\(count)", expected: "the number of key.N lines (\(want.count))"))
                }
                mismatches += compareKeys(result.keys, want)
                let gotSkipped = result.skipped.map(skippedText)
                if gotSkipped != skipped {
                    mismatches.append(mismatch("skipped", expected: skipped.joined(separator: " "), got: gotSkipped.joined(separator: " ")))
                }
            }
        case "export":
            guard !want.isEmpty else { throw FormatError(line: record.line, .missingField("key.1")) }
            var generator = SystemRandomNumberGenerator()
            do {
                let text = try AegisVault.export(want, using: &generator)
                let back = try AegisVault.importKeys(from: Array(text.utf8))
                mismatches += compareKeys(back.keys, want, label: "read back key")
                if !back.skipped.isEmpty {
                    mismatches.append(mismatch("read back skipped", expected: "", got: back.skipped.map(skippedText).joined(separator: " ")))
                }
            } catch {
                mismatches.append(mismatch("export", expected: "a vault", got: "error:" + aegisErrorName(error)))
            }
        case let other:
            throw FormatError(line: record.line, .invalidValue(field: "operation", value: other, expected: "import or export"))
        }
        report.record(line: record.line, caseID: id, mismatches: mismatches, inputs: record.inputs)
    }
    return report
}
