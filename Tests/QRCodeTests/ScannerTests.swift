import Foundation
@testable import QRCode
import Testing

/// Every symbol here is written as a PNG by our own writer and read back by zbarimg, a
/// scanner that shares no code with us; the decoded bytes must equal the payload exactly.
@Suite("zbarimg reads back our PNGs")
struct ScannerTests {
    struct Case: Sendable {
        var version: Int?
        var level: QRErrorCorrection
        var kind: PayloadKind?
        var text: String?
        var seed: UInt64
    }

    struct Outcome: Sendable {
        var label: String
        var payload: [UInt8]
        var decoded: [UInt8]?
        var version: Int
        var level: QRErrorCorrection
    }

    /// Real provisioning URIs as services publish them.
    static let realURIs = [
        "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example",
        "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30",
        "otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=42&digits=8",
        "otpauth://totp/GitHub:octocat?secret=AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH&issuer=GitHub",
        "otpauth://totp/%C5%A0koda%3A%20driver?secret=MFRGGZDFMZTWQ2LK&issuer=%C5%A0koda&period=60&image=https%3A%2F%2Fexample.com%2Fa.png",
        "otpauth://totp/Big%20Corp:user@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Big%20Corp&algorithm=SHA512&digits=8",
    ]

    /// Short edge cases: one character of each mode, a mode switch in two characters, text
    /// in several scripts at once.
    static let edgeTexts = ["7", "Z", "z", "é", "0A", "a1", "🙂", "HELLO WORLD", "Grüße aus Köln", "日本語のテキスト",
                            "Ж ξ € ✓ 🔑", "https://example.com/?q=1234567890&X=ABCDEFGH"]

    @Test("every version 1–40 at L, M, Q and H, six kinds of payload, and real otpauth URIs",
          .enabled(if: ExternalTools.zbarimgEnabled))
    func everyVersionAndLevel() throws {
        let zbarimg = try ExternalTools.requireZbarimg()
        let scratch = try ScratchDirectory()
        var cases: [Case] = []
        for version in 1...40 {
            for level in QRErrorCorrection.allCases {
                var kind = PayloadKind.allCases[(version * 4 + level.rawValue) % PayloadKind.allCases.count]
                // The shortest otpauth URI here needs about 60 bytes.
                if kind == .otpauth && QRVersion(version).dataCodewords(level) < 72 { kind = .mixed }
                cases.append(Case(version: version, level: level, kind: kind, seed: UInt64(version * 10 + level.rawValue)))
            }
        }
        for (index, uri) in Self.realURIs.enumerated() {
            for level in QRErrorCorrection.allCases {
                cases.append(Case(level: level, text: uri, seed: UInt64(1000 + index)))
            }
        }
        for (index, text) in Self.edgeTexts.enumerated() {
            cases.append(Case(level: QRErrorCorrection.allCases[index % 4], text: text, seed: UInt64(2000 + index)))
        }

        let directory = scratch.url
        let outcomes: [Result<Outcome, any Error>] = parallelMap(cases) { testCase in
            Result {
                let text: String
                let code: QRCode
                if let kind = testCase.kind, let version = testCase.version {
                    // Between 60 % and 100 % of the capacity, so that full symbols are covered.
                    let fraction = 0.6 + 0.4 * Double(testCase.seed % 5) / 4
                    // Three symbols in four get a forced mask, so that zbarimg reads every mask
                    // pattern at many versions (and the debug build spends less time scoring);
                    // the fourth gets the mask of lowest penalty.
                    let mask = version % 4 == 0 ? nil : Int(testCase.seed % 8)
                    (text, code) = try fillingPayload(
                        kind, version: version, level: testCase.level, mask: mask, fraction: fraction, seed: testCase.seed)
                } else {
                    text = testCase.text ?? ""
                    code = try QRCode(encoding: text, errorCorrection: testCase.level)
                }
                // Both bit depths; 2 pixels per module is enough for zbar on large symbols.
                let writer = try PNGWriter(scale: code.version > 25 ? 2 : 3, bitDepth: testCase.seed % 4 == 0 ? .eight : .one)
                let file = directory.appendingPathComponent("case-\(testCase.seed).png")
                try Data(writer.render(code)).write(to: file)
                let label = "\(testCase.kind?.rawValue ?? "text") v\(code.version)-\(testCase.level.letter), \(text.utf8.count) bytes, seed \(testCase.seed)"
                return Outcome(label: label, payload: Array(text.utf8), decoded: try Scanner.decode(zbarimg, file: file),
                               version: code.version, level: testCase.level)
            }
        }

        var covered: Set<String> = []
        var failures = 0
        for outcome in outcomes {
            let outcome = try outcome.get()
            if outcome.decoded != outcome.payload {
                failures += 1
                Issue.record("zbarimg read \(outcome.decoded.map { "\($0.count) different bytes" } ?? "nothing") for \(outcome.label)")
            }
            covered.insert("\(outcome.version)\(outcome.level.letter)")
        }
        #expect(outcomes.count >= 120)
        #expect(covered.count == 160, "every version at every level")
        #expect(failures == 0)
    }
}
