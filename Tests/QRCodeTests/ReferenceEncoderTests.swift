import Foundation
@testable import QRCode
import Testing

/// Our module matrices against those of Python's segno (PyPI), an independent encoder, for the
/// same segments, version, level and mask: they must agree module for module.
///
/// Two things keep the comparison fair:
/// - segno is given our segments (mode and bytes of each), because its automatic mode choice
///   differs from ours (it puts a whole string in one mode); how a text is split is tested
///   elsewhere, against a brute-force search. For texts in one mode only, the split is not in
///   question and segno gets the plain text with that mode named.
/// - segno 1.6.6 adds eight 0 bits when the data and terminator already end on a codeword
///   boundary (ISO/IEC 18004:2015 §7.4.10 adds padding bits only when they do not; reported as
///   heuer/segno#148), which shifts its pad codewords. Symbols whose terminated bit stream ends
///   on a boundary are therefore left out; the rest must match exactly.
@Suite("segno builds the same matrices")
struct ReferenceEncoderTests {
    /// Reads JSON jobs, one per line, and prints each symbol's rows as 0/1 strings separated by
    /// commas, one symbol per line. `boost_error=False` keeps segno from raising the level.
    static let segnoScript = """
        import json, sys, segno
        MODES = {"numeric": 1, "alphanumeric": 2, "byte": 4}
        for line in sys.stdin:
            job = json.loads(line)
            if "text" in job:
                content = [(job["text"], MODES[job["mode"]])]
            else:
                content = []
                for mode, data in job["segments"]:
                    raw = bytes.fromhex(data)
                    content.append((raw if mode == "byte" else raw.decode("ascii"), MODES[mode]))
            qr = segno.make(content, error=job["level"], version=job["version"], mask=job["mask"],
                            micro=False, boost_error=False)
            print(",".join("".join(str(bit) for bit in row) for row in qr.matrix))
        """

    struct Job {
        var code: QRCode
        var json: [String: Any]
        var label: String
    }

    /// The bits of `segments` in `version`, counted from Table 3 and §7.4.3–§7.4.5 here rather
    /// than by the encoder.
    static func dataBits(_ segments: [QRSegment], version: Int) -> Int {
        let range = version <= 9 ? 0 : version <= 26 ? 1 : 2
        var bits = 0
        for segment in segments {
            let count = segment.bytes.count
            switch segment.mode {
            case .numeric: bits += 4 + [10, 12, 14][range] + 10 * (count / 3) + [0, 4, 7][count % 3]
            case .alphanumeric: bits += 4 + [9, 11, 13][range] + 11 * (count / 2) + 6 * (count % 2)
            case .byte: bits += 4 + [8, 16, 16][range] + 8 * count
            }
        }
        return bits
    }

    /// Whether segno's padding quirk (see the suite's comment) would change this symbol.
    static func endsOnCodewordBoundary(_ code: QRCode) -> Bool {
        let bits = dataBits(code.segments, version: code.version)
        let capacity = QRVersion(code.version).dataCodewords(code.errorCorrection) * 8
        return (bits + Swift.min(4, capacity - bits)) % 8 == 0
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0 >> 4, radix: 16) + String($0 & 0xF, radix: 16) }.joined()
    }

    static func makeJobs() throws -> [Job] {
        var jobs: [Job] = []
        var random = SplitMix64(state: 18004)
        let levels = QRErrorCorrection.allCases
        // Three symbols per version, cycling through levels and masks, each of a mix of
        // segments that fills part of the symbol.
        for version in 1...40 {
            for round in 0..<3 {
                let level = levels[(version + round) % 4]
                let mask = (version * 3 + round) % 8
                let capacityBits = QRVersion(version).dataCodewords(level) * 8
                var budget = Int(Double(capacityBits) * Double.random(in: 0.3...0.95, using: &random))
                var segments: [QRSegment] = []
                var previousMode = -1
                while budget > 40 {
                    let share = Int.random(in: 20...Swift.max(21, budget), using: &random)
                    budget -= share
                    // segno merges neighbouring segments of one mode, so neighbours differ.
                    var mode = Int.random(in: 0..<3, using: &random)
                    if mode == previousMode { mode = (mode + 1) % 3 }
                    previousMode = mode
                    switch mode {
                    case 0: segments.append(try .numeric(PayloadKind.numeric.make(length: Swift.max(1, share * 3 / 10 - 6), using: &random)))
                    case 1: segments.append(try .alphanumeric(PayloadKind.alphanumeric.make(length: Swift.max(1, share * 2 / 11 - 3), using: &random)))
                    default: segments.append(.byte(PayloadKind.utf8.make(length: Swift.max(1, share / 24), using: &random)))
                    }
                }
                if segments.isEmpty { segments = [try .numeric("0")] }
                let code = try QRCode(segments: segments, errorCorrection: level, version: version, mask: mask)
                let description = segments.map { "\($0.mode.name)(\($0.bytes.count))" }.joined(separator: "+")
                jobs.append(Job(
                    code: code,
                    json: ["segments": segments.map { [$0.mode.name, hex($0.bytes)] }, "level": level.letter,
                           "version": version, "mask": mask],
                    label: "v\(version)-\(level.letter) mask \(mask) \(description)"))
            }
        }
        // Texts in a single mode, segmented by our encoder (which must find one segment) and
        // given to segno as text.
        for (index, text) in ["31415926535897932384626433832795028841971", "HELLO WORLD", "HTTPS://EXAMPLE.COM/$5 +10%",
                              "0", "00000000000000000000000000000000000000000000000000001", "AC-42 * 7.5/2:1"].enumerated() {
            let level = levels[index % 4]
            let code = try QRCode(encoding: text, errorCorrection: level, mask: index % 8)
            #expect(code.segments.count == 1, "\(text) is in one mode")
            jobs.append(Job(
                code: code,
                json: ["text": text, "mode": code.segments.first?.mode.name ?? "byte", "level": level.letter,
                       "version": code.version, "mask": code.mask],
                label: "text '\(text)' v\(code.version)-\(level.letter)"))
        }
        // Texts our encoder splits into several modes itself.
        for (index, text) in ["otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME&period=30",
                              "Order 123456789012345 for ACME CORPORATION, 2024-01-01",
                              "Grüße 0123456789012 ABCDEFGHIJKLMNOP ok"].enumerated() {
            let level = levels[(index + 1) % 4]
            let code = try QRCode(encoding: text, errorCorrection: level, mask: (index + 5) % 8)
            jobs.append(Job(
                code: code,
                json: ["segments": code.segments.map { [$0.mode.name, hex($0.bytes)] }, "level": level.letter,
                       "version": code.version, "mask": code.mask],
                label: "auto-segmented '\(text)' v\(code.version)"))
        }
        return jobs.filter { !endsOnCodewordBoundary($0.code) }
    }

    @Test("at least 40 symbols over versions 1–40, all levels and masks: the same modules as segno",
          .enabled(if: ExternalTools.segnoEnabled))
    func sameAsSegno() throws {
        let python3 = try ExternalTools.requireSegno()
        let jobs = try Self.makeJobs()
        #expect(jobs.count >= 40)
        var input = Data()
        for job in jobs {
            input += try JSONSerialization.data(withJSONObject: job.json)
            input += Data("\n".utf8)
        }
        let output = try ExternalTools.run(python3, ["-c", Self.segnoScript], input: input)
        try #require(output.status == 0, "segno failed: \(output.standardError)")
        let lines = String(decoding: output.standardOutput, as: UTF8.self).split(separator: "\n")
        try #require(lines.count == jobs.count)
        var versions: Set<Int> = [], masks: Set<Int> = [], levels: Set<String> = []
        for (job, line) in zip(jobs, lines) {
            let code = job.code
            var ours: [String] = []
            for y in 0..<code.size {
                ours.append(String((0..<code.size).map { code[x: $0, y: y] ? "1" : "0" }))
            }
            let theirs = line.split(separator: ",").map(String.init)
            if ours != theirs {
                let differing = zip(ours, theirs).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
                Issue.record("\(job.label): rows \(differing.prefix(8)) differ from segno")
            }
            versions.insert(code.version)
            masks.insert(code.mask)
            levels.insert(code.errorCorrection.letter)
        }
        #expect(masks.count == 8)
        #expect(levels.count == 4)
        #expect(versions.count >= 35, "compared versions: \(versions.sorted())")
    }
}
