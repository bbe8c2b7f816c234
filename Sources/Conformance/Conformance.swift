// Conformance.swift
// The entry point shared by `swift test` and `otp-conformance`: a file name and its bytes in,
// a verdict out. No file system access here; the caller reads the files.

/// Runs vector files against the library.
///
/// Which reader and check a file gets is decided by its name where the file itself does not say
/// (NIST SHAVS `[L = 32]` is both SHA-256 and SHA-512/256), by its `schema` for Wycheproof JSON,
/// and by its `kind = …` header for our own key = value files:
///
/// | file name                                   | read as                                     |
/// |---------------------------------------------|---------------------------------------------|
/// | `SHA{1,224,256,384,512,512_224,512_256}` + `ShortMsg.rsp`, `LongMsg.rsp`, `Monte.rsp` | NIST CAVP SHAVS |
/// | `HMAC.rsp`                                  | NIST CAVP HMACVS (truncated `Tlen` tags)    |
/// | `rfc-2202-sha1.txt`, `rfc-4231-sha{224,256,384,512}.txt` | RFC 2202 / 4231 HMAC           |
/// | `rfc-4226.txt`, `rfc-6238.txt`              | RFC 4226 HOTP / RFC 6238 TOTP               |
/// | `*.json` with `"schema": "mac_test_schema_v1.json"` | Wycheproof MAC tests                |
/// | anything whose first record is `kind = …`   | our key = value format (`base32`, `base16`, `keyuri`, `hotp`, `totp`, `verifier`, `steam`, `google-migration`, `aegis`) |
public enum Conformance {
    /// The `kind = …` values of our key = value format that have a check.
    public static let keyValueKinds: [String] = KeyValueKind.allCases.map(\.rawValue)

    /// Checks every test case in one vector file.
    ///
    /// - Parameters:
    ///   - fileName: the file's name or path; only the last path component is looked at.
    ///   - contents: the file's bytes, unchanged (CRLF or LF).
    /// - Returns: which cases passed and which failed.
    /// - Throws: `VectorFileError` when the format is not recognised, or the file is malformed
    ///   (bad hex, a `Len` that does not match `Msg`, a missing field, no cases, ...), naming the
    ///   line. A case whose expected value the library does not reproduce is not an error: it is
    ///   a failure in the report.
    public static func check(fileName: String, contents: [UInt8]) throws(VectorFileError) -> FileReport {
        try withFileName(fileName) { () throws(FormatError) in
            let (format, report) = try run(try identify(name: baseName(fileName), contents: contents))
            guard report.caseCount > 0 else { throw FormatError(line: nil, .noCases) }
            return FileReport(fileName: fileName, format: format, passedCases: report.passedCases, failures: report.failures)
        }
    }

    /// What a file is and how many cases it holds, from reading it without checking anything
    /// (for `--list`). A file that reads here may still be malformed in ways only the check sees
    /// (a bad hex digit, a `Len` that does not match `Msg`).
    public static func inventory(fileName: String, contents: [UInt8]) throws(VectorFileError) -> (format: String, caseCount: Int) {
        try withFileName(fileName) { () throws(FormatError) in
            let inventory = try count(try identify(name: baseName(fileName), contents: contents))
            guard inventory.caseCount > 0 else { throw FormatError(line: nil, .noCases) }
            return inventory
        }
    }

    /// The HOTP/TOTP generator cases of a file, for running through another implementation:
    /// the RFC 4226 and RFC 6238 tables and our `kind = hotp` / `kind = totp` files. Nil for any
    /// other recognised file (hashes, HMAC, Base32, key URIs, verifier scenarios).
    public static func otpVectors(fileName: String, contents: [UInt8]) throws(VectorFileError) -> (format: String, vectors: [OTPVector])? {
        try withFileName(fileName) { () throws(FormatError) -> (format: String, vectors: [OTPVector])? in
            let found: (String, [OTPVector])
            switch try identify(name: baseName(fileName), contents: contents) {
            case .rfc4226(let blocks): found = ("RFC 4226 HOTP", try rfc4226Vectors(blocks))
            case .rfc6238(let blocks): found = ("RFC 6238 TOTP", try rfc6238Vectors(blocks))
            case .keyValue(let file, .hotp): found = ("hotp (key = value)", try readOTPVectors(file, mode: .hotp))
            case .keyValue(let file, .totp): found = ("totp (key = value)", try readOTPVectors(file, mode: .totp))
            default: return nil
            }
            guard !found.1.isEmpty else { throw FormatError(line: nil, .noCases) }
            return found
        }
    }

    /// Whether a file is documentation that sits beside vector files and is skipped by name:
    /// `README*` and `Readme.txt` (any case), `LICENSE*`, `*.md`, dotfiles, and anything in a
    /// directory named `schemas` (the Wycheproof JSON Schemas, which describe the vector files
    /// but hold no vectors). Directories named in `fileName` count only for that last rule.
    public static func isDocumentation(fileName: String) -> Bool {
        let name = baseName(fileName)
        let lower = name.lowercased()
        return name.hasPrefix(".")
            || lower.hasPrefix("readme")
            || lower.hasPrefix("license")
            || lower.hasPrefix("licence")
            || lower.hasSuffix(".md")
            || fileName.split(separator: "/").dropLast().contains("schemas")
    }
}

/// Runs `body`, naming `fileName` in any error it throws.
private func withFileName<T>(_ fileName: String, _ body: () throws(FormatError) -> T) throws(VectorFileError) -> T {
    do throws(FormatError) {
        return try body()
    } catch {
        throw VectorFileError(fileName: fileName, line: error.line, problem: error.problem)
    }
}

// MARK: - Dispatch

/// The kinds of key = value file that have a check.
enum KeyValueKind: String, CaseIterable {
    case base32
    case base16
    case keyuri
    case hotp
    case totp
    case verifier
    case steam
    case googleMigration = "google-migration"
    case aegis

    /// Header keys this kind takes besides `kind` and `source` (none yet).
    var extraHeaderKeys: [String] {
        switch self {
        case .base32, .base16, .keyuri, .hotp, .totp, .verifier, .steam, .googleMigration, .aegis: []
        }
    }

    func check(_ file: KVFile) throws(FormatError) -> ReportBuilder {
        switch self {
        case .base32: try checkBaseN(file, encoding: .base32)
        case .base16: try checkBaseN(file, encoding: .base16)
        case .keyuri: try checkKeyURI(file)
        case .hotp: checkOTPVectors(try readOTPVectors(file, mode: .hotp))
        case .totp: checkOTPVectors(try readOTPVectors(file, mode: .totp))
        case .verifier: try checkVerifierScenarios(file)
        case .steam: try checkSteam(file)
        case .googleMigration: try checkGoogleMigration(file)
        case .aegis: try checkAegis(file)
        }
    }
}

/// A file, read as far as it takes to know its format.
private enum IdentifiedFile {
    case shavs(HashVariant, SHAVSKind, [RSPBlock])
    case hmacvs([RSPBlock])
    case rfcHMAC(HashVariant, [RSPBlock])
    case rfc4226([RSPBlock])
    case rfc6238([RSPBlock])
    case json([UInt8])
    case keyValue(KVFile, KeyValueKind)
}

/// The last path component (`/` separated; a trailing `/` is ignored).
func baseName(_ path: String) -> String {
    let trimmed = path.utf8.last == UInt8(ascii: "/") ? String(path.dropLast()) : path
    guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
    return String(trimmed[trimmed.index(after: slash)...])
}

/// Picks the reader for `name` and reads the file's structure.
private func identify(name: String, contents: [UInt8]) throws(FormatError) -> IdentifiedFile {
    if let (variant, kind) = parseSHAVSFileName(name) {
        return .shavs(variant, kind, try readRSPBlocks(contents))
    }
    if name == "HMAC.rsp" { return .hmacvs(try readRSPBlocks(contents)) }
    if let (_, variant) = rfcHMACFiles.first(where: { $0.name == name }) {
        return .rfcHMAC(variant, try readRSPBlocks(contents))
    }
    if name == "rfc-4226.txt" { return .rfc4226(try readRSPBlocks(contents)) }
    if name == "rfc-6238.txt" { return .rfc6238(try readRSPBlocks(contents)) }
    if name.hasSuffix(".json") { return .json(contents) }
    guard looksLikeKeyValueFile(contents) else {
        throw FormatError(line: nil, .unrecognisedFormat(
            "no reader for the file name \"\(shortened(name))\", and no `kind = …` header"))
    }
    let file = try readKeyValueFile(contents)
    guard let kind = KeyValueKind(rawValue: file.kind) else {
        throw FormatError(line: file.header.field("kind")?.line, .unrecognisedFormat(
            "unknown kind \"\(shortened(file.kind))\" (known: \(Conformance.keyValueKinds.joined(separator: ", ")))"))
    }
    try file.header.requireKeys(in: ["kind", "source"] + kind.extraHeaderKeys)
    return .keyValue(file, kind)
}

/// Runs the check for an identified file and names the format read.
private func run(_ file: IdentifiedFile) throws(FormatError) -> (String, ReportBuilder) {
    switch file {
    case .shavs(let variant, let kind, let blocks):
        let format = "NIST SHAVS \(kind.rawValue), \(variant.displayName)"
        switch kind {
        case .shortMsg, .longMsg: return (format, try checkSHAVSMessages(blocks, variant: variant))
        case .monte: return (format, try checkSHAVSMonte(blocks, variant: variant))
        }
    case .hmacvs(let blocks):
        return ("NIST HMACVS", try checkHMACVS(blocks))
    case .rfcHMAC(let variant, let blocks):
        return (rfcHMACFormat(variant), try checkRFCHMAC(blocks, variant: variant))
    case .rfc4226(let blocks):
        return ("RFC 4226 HOTP", try checkRFC4226(blocks))
    case .rfc6238(let blocks):
        return ("RFC 6238 TOTP", try checkRFC6238(blocks))
    case .json(let contents):
        return try checkJSONFile(contents)
    case .keyValue(let file, let kind):
        return ("\(file.kind) (key = value)", try kind.check(file))
    }
}

private func rfcHMACFormat(_ variant: HashVariant) -> String {
    "\(variant == .sha1 ? "RFC 2202" : "RFC 4231") HMAC-\(variant.displayName)"
}

/// The format and the number of cases, without checking (`Conformance.inventory`): one case
/// per block that carries an expected value, per key = value record, per Wycheproof test.
private func count(_ file: IdentifiedFile) throws(FormatError) -> (format: String, caseCount: Int) {
    func blocks(_ blocks: [RSPBlock], with field: String) -> Int {
        blocks.filter { $0.field(field) != nil }.count
    }
    switch file {
    case .shavs(let variant, let kind, let rspBlocks):
        return ("NIST SHAVS \(kind.rawValue), \(variant.displayName)", blocks(rspBlocks, with: "MD"))
    case .hmacvs(let rspBlocks):
        return ("NIST HMACVS", blocks(rspBlocks, with: "Mac"))
    case .rfcHMAC(let variant, let rspBlocks):
        return (rfcHMACFormat(variant), blocks(rspBlocks, with: "MD"))
    case .rfc4226(let rspBlocks):
        return ("RFC 4226 HOTP", blocks(rspBlocks, with: "HOTP"))
    case .rfc6238(let rspBlocks):
        return ("RFC 6238 TOTP", blocks(rspBlocks, with: "TOTP"))
    case .json(let contents):
        return try countJSONFile(contents)
    case .keyValue(let file, _):
        return ("\(file.kind) (key = value)", file.records.count)
    }
}
