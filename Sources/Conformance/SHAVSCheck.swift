// SHAVSCheck.swift
// NIST CAVP SHAVS, byte-oriented: `SHA*ShortMsg.rsp`, `SHA*LongMsg.rsp`, `SHA*Monte.rsp`.
//
// `[L = n]` gives the digest size in bytes but not the algorithm (SHA-224 and SHA-512/224 both
// say 28, SHA-256 and SHA-512/256 both say 32), so the algorithm comes from the file name and
// the section must agree with it.

/// The three SHAVS test kinds.
enum SHAVSKind: String, CaseIterable {
    case shortMsg = "ShortMsg"
    case longMsg = "LongMsg"
    case monte = "Monte"
}

/// `SHA512_224ShortMsg.rsp` → (.sha512_224, .shortMsg); nil for any other name.
func parseSHAVSFileName(_ name: String) -> (HashVariant, SHAVSKind)? {
    guard name.hasSuffix(".rsp") else { return nil }
    let stem = name.dropLast(4)
    for kind in SHAVSKind.allCases where stem.hasSuffix(kind.rawValue) {
        let algorithm = stem.dropLast(kind.rawValue.count)
        if let variant = HashVariant.allCases.first(where: { $0.nistName == algorithm }) {
            return (variant, kind)
        }
    }
    return nil
}

/// Checks that `block` sits under an `[L = n]` section whose n is `variant`'s digest size.
private func requireDigestSection(_ block: RSPBlock, _ variant: HashVariant) throws(FormatError) {
    guard let section = block.section else {
        throw FormatError(line: block.line, .missingSection("L = \(variant.digestByteCount)"))
    }
    guard section.name == "L", section.value == String(variant.digestByteCount) else {
        throw FormatError(line: section.line, .unexpectedSection(section.text))
    }
}

// MARK: - ShortMsg and LongMsg

/// Each block is `Len` (bits), `Msg` (hex), `MD` (hex). `Len = 0` is written `Msg = 00`: the
/// message is empty (MANIFEST caveat 3), so `Len`, not the hex, sizes the message.
func checkSHAVSMessages(_ blocks: [RSPBlock], variant: HashVariant) throws(FormatError) -> ReportBuilder {
    var report = ReportBuilder()
    for block in blocks {
        try requireDigestSection(block, variant)
        try block.requireExactly(["Len", "Msg", "MD"])
        let lenField = try block.require("Len")
        let msgField = try block.require("Msg")
        let bitCount = try lenField.int()
        guard bitCount % 8 == 0 else {
            throw FormatError(line: lenField.line, .invalidValue(
                field: "Len", value: String(bitCount), expected: "a whole number of bytes (byte-oriented SHAVS)"))
        }
        var message = try msgField.hexBytes()
        if bitCount == 0, message == [0] { message = [] }
        guard message.count == bitCount / 8 else {
            throw FormatError(line: msgField.line, .lengthMismatch(field: "Msg", expected: bitCount / 8, actual: message.count))
        }
        let expected = try block.require("MD").hexBytes(count: variant.digestByteCount)

        let digest = variant.hash(message)
        report.record(
            line: block.line, caseID: lenField.caseID,
            mismatches: digest == expected ? [] : [mismatch("MD", expected: hexString(expected), got: hexString(digest))],
            inputs: block.inputs)
    }
    return report
}

// MARK: - Monte Carlo

/// A `Seed` block per section, then checkpoints `COUNT = 0, 1, …` each with its `MD`.
///
/// Checkpoint j+1 is seeded with the file's MD for checkpoint j, not the computed one, so one
/// wrong computation is reported alone instead of turning every later checkpoint wrong. When
/// checkpoint j failed, j+1 also passes if the chain from the *computed* MD of j reaches the
/// file's MD of j+1: then the library is right and the file's MD of j is what is wrong, and a
/// single corrupted value is still reported once. (A wrong library cannot pass that way: it
/// would have to reach NIST's next value from a seed NIST never used.)
func checkSHAVSMonte(_ blocks: [RSPBlock], variant: HashVariant) throws(FormatError) -> ReportBuilder {
    var report = ReportBuilder()
    var seed: [UInt8]?
    var seedSectionLine: Int?
    var nextCount = 0
    // The computed MD of the previous checkpoint when it differed from the file's.
    var computedAfterFailure: [UInt8]?
    for block in blocks {
        try requireDigestSection(block, variant)
        if block.section?.line != seedSectionLine {
            // A new section starts a new chain with its own Seed.
            seed = nil
            nextCount = 0
            computedAfterFailure = nil
        }
        if block.field("Seed") != nil {
            try block.requireExactly(["Seed"])
            seed = try block.require("Seed").hexBytes(count: variant.digestByteCount)
            seedSectionLine = block.section?.line
            nextCount = 0
            computedAfterFailure = nil
            continue
        }
        try block.requireExactly(["COUNT", "MD"])
        guard let chainSeed = seed else { throw FormatError(line: block.line, .missingField("Seed")) }
        let countField = try block.require("COUNT")
        let count = try countField.int()
        guard count == nextCount else {
            throw FormatError(line: countField.line, .outOfSequence(field: "COUNT", expected: String(nextCount), actual: String(count)))
        }
        let expected = try block.require("MD").hexBytes(count: variant.digestByteCount)

        var checkpoint = variant.monteCarloCheckpoint(seed: chainSeed)
        if checkpoint != expected, let otherSeed = computedAfterFailure,
           variant.monteCarloCheckpoint(seed: otherSeed) == expected {
            checkpoint = expected
        }
        report.record(
            line: block.line, caseID: countField.caseID,
            mismatches: checkpoint == expected ? [] : [mismatch("MD", expected: hexString(expected), got: hexString(checkpoint))],
            inputs: [caseInput("Seed", hexString(chainSeed))] + block.inputs)
        computedAfterFailure = checkpoint == expected ? nil : checkpoint
        seed = expected
        nextCount += 1
    }
    return report
}
