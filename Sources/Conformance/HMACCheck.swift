// HMACCheck.swift
// NIST CAVP HMACVS (`HMAC.rsp`) and the RFC 2202 / RFC 4231 transcriptions.

import OTPCrypto

// MARK: - HMACVS

/// `[L=n]` names the hash by digest size. In HMACVS that is unambiguous: the file covers SHA-1,
/// SHA-224, SHA-256, SHA-384 and SHA-512 only (no SHA-512/t), so 28 and 32 mean SHA-224 and SHA-256.
private let hmacvsVariants: [HashVariant] = [.sha1, .sha224, .sha256, .sha384, .sha512]

/// Each block: `Count`, `Klen` (key bytes), `Tlen` (tag bytes), `Key`, `Msg`, `Mac`. `Mac` is the
/// leftmost `Tlen` bytes of HMAC-H(Key, Msg) (FIPS 198-1 §5 truncation).
func checkHMACVS(_ blocks: [RSPBlock]) throws(FormatError) -> ReportBuilder {
    var report = ReportBuilder()
    for block in blocks {
        guard let section = block.section else {
            throw FormatError(line: block.line, .missingSection("L=n"))
        }
        guard section.name == "L",
              let size = section.value.flatMap({ Int($0) }),
              let variant = hmacvsVariants.first(where: { $0.digestByteCount == size })
        else {
            throw FormatError(line: section.line, .unexpectedSection(section.text))
        }
        try block.requireExactly(["Count", "Klen", "Tlen", "Key", "Msg", "Mac"])
        let countField = try block.require("Count")
        _ = try countField.int()
        let keyLength = try block.require("Klen").int()
        let tagField = try block.require("Tlen")
        let tagLength = try tagField.int()
        guard tagLength >= 1, tagLength <= size else {
            throw FormatError(line: tagField.line, .invalidValue(
                field: "Tlen", value: String(tagLength), expected: "a tag length in 1...\(size)"))
        }
        let key = try block.require("Key").hexBytes(count: keyLength)
        let message = try block.require("Msg").hexBytes()
        let expected = try block.require("Mac").hexBytes(count: tagLength)

        let code = variant.hmac(key: key, message: message)
        var mismatches: [Mismatch] = []
        if !code.isValidTag(expected) {
            mismatches.append(mismatch("Mac", expected: hexString(expected), got: hexString(code.prefix(tagLength) ?? code)))
        }
        report.record(line: block.line, caseID: "[\(section.text)] \(countField.caseID)", mismatches: mismatches, inputs: block.inputs)
    }
    return report
}

// MARK: - RFC 2202 / RFC 4231

/// The transcriptions' file names and the hash each one is for.
let rfcHMACFiles: [(name: String, variant: HashVariant)] = [
    ("rfc-2202-sha1.txt", .sha1),
    ("rfc-4231-sha224.txt", .sha224),
    ("rfc-4231-sha256.txt", .sha256),
    ("rfc-4231-sha384.txt", .sha384),
    ("rfc-4231-sha512.txt", .sha512),
]

/// Each block: `Len` (message bits), `Key`, `Msg`, `MD` (the full, untruncated HMAC). No sections.
func checkRFCHMAC(_ blocks: [RSPBlock], variant: HashVariant) throws(FormatError) -> ReportBuilder {
    var report = ReportBuilder()
    for (index, block) in blocks.enumerated() {
        if let section = block.section {
            throw FormatError(line: section.line, .unexpectedSection(section.text))
        }
        try block.requireExactly(["Len", "Key", "Msg", "MD"])
        let lenField = try block.require("Len")
        let msgField = try block.require("Msg")
        let bitCount = try lenField.int()
        guard bitCount % 8 == 0 else {
            throw FormatError(line: lenField.line, .invalidValue(
                field: "Len", value: String(bitCount), expected: "a whole number of bytes"))
        }
        var message = try msgField.hexBytes()
        if bitCount == 0, message == [0] { message = [] }
        guard message.count == bitCount / 8 else {
            throw FormatError(line: msgField.line, .lengthMismatch(field: "Msg", expected: bitCount / 8, actual: message.count))
        }
        let key = try block.require("Key").hexBytes()
        let expected = try block.require("MD").hexBytes(count: variant.digestByteCount)

        let code = variant.hmac(key: key, message: message)
        report.record(
            line: block.line, caseID: "case \(index + 1)",
            mismatches: code.bytes == expected ? [] : [mismatch("MD", expected: hexString(expected), got: code.description)],
            inputs: block.inputs)
    }
    return report
}
