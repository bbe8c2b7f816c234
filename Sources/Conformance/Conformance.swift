// Conformance.swift
// The entry point shared by `swift test` and `otp-conformance`: a file name and its bytes in,
// a verdict out. No file system access here; the caller reads the files.

/// Runs vector files against the library.
///
/// Which reader and check a file gets is decided by its name where the file itself does not say
/// (NIST SHAVS `[L = 32]` is both SHA-256 and SHA-512/256), and by its `kind = …` header for our
/// own key = value files:
///
/// | file name                                   | read as                                     |
/// |---------------------------------------------|---------------------------------------------|
/// | `SHA{1,224,256,384,512,512_224,512_256}` + `ShortMsg.rsp`, `LongMsg.rsp`, `Monte.rsp` | NIST CAVP SHAVS |
/// | `HMAC.rsp`                                  | NIST CAVP HMACVS (truncated `Tlen` tags)    |
/// | `rfc-2202-sha1.txt`, `rfc-4231-sha{224,256,384,512}.txt` | RFC 2202 / 4231 HMAC           |
/// | `rfc-4226.txt`, `rfc-6238.txt`              | RFC 4226 HOTP / RFC 6238 TOTP               |
/// | anything whose first record is `kind = …`   | our key = value format (`base32`, `base16`) |
public enum Conformance {
    /// The `kind = …` values of our key = value format that have a check.
    public static let keyValueKinds: [String] = KeyValueKind.allCases.map(\.rawValue)

    /// Checks every test case in one vector file.
    ///
    /// - Parameters:
    ///   - fileName: the file's name or path; only the last path component is looked at.
    ///   - contents: the file's bytes, unchanged (CRLF or LF).
    /// - Returns: how many cases passed and which failed.
    /// - Throws: `VectorFileError` when the format is not recognised, or the file is malformed
    ///   (bad hex, a `Len` that does not match `Msg`, a missing field, no cases, ...), naming the
    ///   line. A case whose expected value the library does not reproduce is not an error: it is
    ///   a failure in the report.
    public static func check(fileName: String, contents: [UInt8]) throws(VectorFileError) -> FileReport {
        let name = baseName(fileName)
        do throws(FormatError) {
            let (format, report) = try run(name: name, contents: contents)
            guard report.caseCount > 0 else { throw FormatError(line: nil, .noCases) }
            return FileReport(fileName: fileName, format: format, passed: report.passed, failures: report.failures)
        } catch {
            throw VectorFileError(fileName: fileName, line: error.line, problem: error.problem)
        }
    }

    /// Whether a file is documentation that sits beside vector files and is skipped by name:
    /// `README*` and `Readme.txt` (any case), `LICENSE*`, `*.md`, and dotfiles.
    public static func isDocumentation(fileName: String) -> Bool {
        let name = baseName(fileName)
        let lower = name.lowercased()
        return name.hasPrefix(".")
            || lower.hasPrefix("readme")
            || lower.hasPrefix("license")
            || lower.hasPrefix("licence")
            || lower.hasSuffix(".md")
    }
}

// MARK: - Dispatch

/// The kinds of key = value file that have a check. Add a case and its check to support more
/// (key URIs, HOTP/TOTP scenarios, verifier scenarios).
enum KeyValueKind: String, CaseIterable {
    case base32
    case base16
    case keyuri

    /// Header keys this kind takes besides `kind` and `source` (none yet).
    var extraHeaderKeys: [String] {
        switch self {
        case .base32, .base16, .keyuri: []
        }
    }

    func check(_ file: KVFile) throws(FormatError) -> ReportBuilder {
        switch self {
        case .base32: try checkBaseN(file, encoding: .base32)
        case .base16: try checkBaseN(file, encoding: .base16)
        case .keyuri: try checkKeyURI(file)
        }
    }
}

/// The last path component (`/` separated; a trailing `/` is ignored).
func baseName(_ path: String) -> String {
    let trimmed = path.utf8.last == UInt8(ascii: "/") ? String(path.dropLast()) : path
    guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
    return String(trimmed[trimmed.index(after: slash)...])
}

/// Picks the reader and the check for `name`, runs them, and names the format read.
private func run(name: String, contents: [UInt8]) throws(FormatError) -> (String, ReportBuilder) {
    if let (variant, kind) = parseSHAVSFileName(name) {
        let blocks = try readRSPBlocks(contents)
        let format = "NIST SHAVS \(kind.rawValue), \(variant.displayName)"
        switch kind {
        case .shortMsg, .longMsg: return (format, try checkSHAVSMessages(blocks, variant: variant))
        case .monte: return (format, try checkSHAVSMonte(blocks, variant: variant))
        }
    }
    if name == "HMAC.rsp" {
        return ("NIST HMACVS", try checkHMACVS(try readRSPBlocks(contents)))
    }
    if let (_, variant) = rfcHMACFiles.first(where: { $0.name == name }) {
        let rfc = variant == .sha1 ? "RFC 2202" : "RFC 4231"
        return ("\(rfc) HMAC-\(variant.displayName)", try checkRFCHMAC(try readRSPBlocks(contents), variant: variant))
    }
    if name == "rfc-4226.txt" {
        return ("RFC 4226 HOTP", try checkRFC4226(try readRSPBlocks(contents)))
    }
    if name == "rfc-6238.txt" {
        return ("RFC 6238 TOTP", try checkRFC6238(try readRSPBlocks(contents)))
    }
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
    return ("\(file.kind) (key = value)", try kind.check(file))
}
