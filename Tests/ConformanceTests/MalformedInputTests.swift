// MalformedInputTests.swift
// A malformed vector file throws a typed error naming the line and the rule; it never traps,
// and it never passes silently.

import Testing
@testable import Conformance

@Suite("Malformed vector files")
struct MalformedInputTests {
    private let shortMsg = "SHA1ShortMsg.rsp"

    private func shortMsgBytes() throws -> [UInt8] { try vectorBytes("nist-shavs/SHA1ShortMsg.rsp") }

    @Test("a file cut in the middle of a test case")
    func truncatedFile() throws {
        let bytes = try shortMsgBytes()
        let msgLine = try #require(lineNumber(of: "Len = 512", in: bytes)) + 1
        // Keep the lines before the Msg line and half of the Msg line itself.
        let kept = lines(of: bytes).prefix(msgLine - 1).map(\.text).joined(separator: "\r\n")
        let halfMsg = String(line(msgLine, of: bytes).prefix(37))
        let error = try #require(expectFileError(shortMsg, Array((kept + "\r\n" + halfMsg).utf8)))
        // The case is reported from its first line: its MD never came.
        #expect(error.line == msgLine - 1)
        #expect(error.problem == .missingField("MD"))
        #expect(error.fileName == shortMsg)
        // Cut inside the last line of a case, the hex itself is wrong.
        let mdLine = msgLine + 1
        let cutMD = lines(of: bytes).prefix(mdLine - 1).map(\.text).joined(separator: "\r\n")
            + "\r\n" + String(line(mdLine, of: bytes).prefix(20))
        let hexError = try #require(expectFileError(shortMsg, Array(cutMD.utf8)))
        #expect(hexError.line == mdLine)
        #expect(hexError.problem == .invalidHex(field: "MD", detail: "15 hex digits is an odd number"))
    }

    @Test("a file cut after a field, before its MD")
    func truncatedBeforeMD() throws {
        let bytes = try shortMsgBytes()
        let lenLine = try #require(lineNumber(of: "Len = 16", in: bytes))
        let kept = lines(of: bytes).prefix(lenLine + 1).map(\.text).joined(separator: "\r\n")
        let error = try #require(expectFileError(shortMsg, Array(kept.utf8)))
        #expect(error.line == lenLine)
        #expect(error.problem == .missingField("MD"))
    }

    @Test("a bad hex digit names the field, line and offset")
    func badHex() throws {
        let bytes = try shortMsgBytes()
        let msgLine = try #require(lineNumber(of: "Msg = 195a", in: bytes))
        let error = try #require(expectFileError(shortMsg, replacingLine(msgLine, with: "Msg = 19g5", in: bytes)))
        #expect(error.line == msgLine)
        #expect(error.problem == .invalidHex(field: "Msg", detail: "'g' at offset 3 is not a hex digit"))
        #expect(error.description == "SHA1ShortMsg.rsp, line \(msgLine): Msg: 'g' at offset 3 is not a hex digit")
    }

    @Test("Len that does not match Msg")
    func lengthMismatch() throws {
        let bytes = try shortMsgBytes()
        let lenLine = try #require(lineNumber(of: "Len = 24", in: bytes))
        let error = try #require(expectFileError(shortMsg, replacingLine(lenLine, with: "Len = 32", in: bytes)))
        #expect(error.line == lenLine + 1)
        #expect(error.problem == .lengthMismatch(field: "Msg", expected: 4, actual: 3))
    }

    @Test("Len that is not a whole number of bytes, or not a number")
    func badLen() throws {
        let bytes = try shortMsgBytes()
        let lenLine = try #require(lineNumber(of: "Len = 24", in: bytes))
        let bits = try #require(expectFileError(shortMsg, replacingLine(lenLine, with: "Len = 23", in: bytes)))
        #expect(bits.line == lenLine)
        let notNumber = try #require(expectFileError(shortMsg, replacingLine(lenLine, with: "Len = 2x4", in: bytes)))
        #expect(notNumber.problem == .invalidNumber(field: "Len", value: "2x4"))
        let huge = try #require(expectFileError(shortMsg, replacingLine(lenLine, with: "Len = 99999999999999999999999", in: bytes)))
        #expect(huge.problem == .invalidNumber(field: "Len", value: "99999999999999999999999"))
    }

    @Test("an MD of the wrong size")
    func digestSize() throws {
        let bytes = try shortMsgBytes()
        let mdLine = try #require(lineNumber(of: "Len = 8", in: bytes)) + 2
        let error = try #require(expectFileError(shortMsg, replacingLine(mdLine, with: line(mdLine, of: bytes) + "00", in: bytes)))
        #expect(error.problem == .lengthMismatch(field: "MD", expected: 20, actual: 21))
    }

    @Test("an unknown section, and one that contradicts the file name")
    func sections() throws {
        let bytes = try shortMsgBytes()
        let sectionLine = try #require(lineNumber(of: "[L = 20]", in: bytes))
        let unknown = try #require(expectFileError(shortMsg, replacingLine(sectionLine, with: "[X = 20]", in: bytes)))
        #expect(unknown.line == sectionLine)
        #expect(unknown.problem == .unexpectedSection("X = 20"))
        // A SHA-256 file under a SHA-224 name: [L = 32] contradicts SHA-224's 28 bytes.
        let sha256 = try vectorBytes("nist-shavs/SHA256ShortMsg.rsp")
        let contradiction = try #require(expectFileError("SHA224ShortMsg.rsp", sha256))
        #expect(contradiction.problem == .unexpectedSection("L = 32"))
        let unclosed = try #require(expectFileError(shortMsg, replacingLine(sectionLine, with: "[L = 20", in: bytes)))
        #expect(unclosed.problem == .malformedLine("[L = 20"))
        // The RFC transcriptions have no sections at all.
        let rfc = try vectorBytes("rfc/hmac/rfc-2202-sha1.txt")
        let sectioned = try #require(expectFileError("rfc-2202-sha1.txt", Array("[L=20]\n".utf8) + rfc))
        #expect(sectioned.problem == .unexpectedSection("L = 20"))
    }

    @Test("missing, duplicate and unexpected fields")
    func fields() throws {
        let bytes = try shortMsgBytes()
        let lenLine = try #require(lineNumber(of: "Len = 24", in: bytes))
        let duplicate = try #require(expectFileError(shortMsg, replacingLine(lenLine + 1, with: "Len = 24", in: bytes)))
        #expect(duplicate.problem == .duplicateField("Len"))
        #expect(duplicate.line == lenLine + 1)
        let unexpected = try #require(expectFileError(shortMsg, replacingLine(lenLine + 1, with: "Message = 616263", in: bytes)))
        #expect(unexpected.problem == .unexpectedField("Message"))
        let noEquals = try #require(expectFileError(shortMsg, replacingLine(lenLine + 1, with: "Msg 616263", in: bytes)))
        #expect(noEquals.problem == .malformedLine("Msg 616263"))
    }

    @Test("Monte Carlo checkpoints out of sequence, or without a seed")
    func monteStructure() throws {
        let bytes = try vectorBytes("nist-shavs/SHA1Monte.rsp")
        let countLine = try #require(lineNumber(of: "COUNT = 5", in: bytes))
        let skipped = try #require(expectFileError("SHA1Monte.rsp", replacingLine(countLine, with: "COUNT = 6", in: bytes)))
        #expect(skipped.line == countLine)
        #expect(skipped.problem == .outOfSequence(field: "COUNT", expected: "5", actual: "6"))
        let seedLine = try #require(lines(of: bytes).first { $0.text.hasPrefix("Seed = ") }?.number)
        let noSeed = try #require(expectFileError("SHA1Monte.rsp", replacingLine(seedLine, with: "", in: bytes)))
        #expect(noSeed.problem == .missingField("Seed"))
    }

    @Test("HMACVS: Klen and Tlen that disagree with the data, an unknown digest size")
    func hmacvsStructure() throws {
        let bytes = try vectorBytes("nist-hmacvs/HMAC.rsp")
        let klenLine = try #require(lineNumber(of: "Klen = 10", in: bytes))
        let klen = try #require(expectFileError("HMAC.rsp", replacingLine(klenLine, with: "Klen = 11", in: bytes)))
        #expect(klen.problem == .lengthMismatch(field: "Key", expected: 11, actual: 10))
        let tlen = try #require(expectFileError("HMAC.rsp", replacingLine(klenLine + 1, with: "Tlen = 21", in: bytes)))
        #expect(tlen.problem == .invalidValue(field: "Tlen", value: "21", expected: "a tag length in 1...20"))
        let sectionLine = try #require(lineNumber(of: "[L=20]", in: bytes))
        let size = try #require(expectFileError("HMAC.rsp", replacingLine(sectionLine, with: "[L=21]", in: bytes)))
        #expect(size.problem == .unexpectedSection("L = 21"))
        #expect(size.line == sectionLine)
    }

    @Test("OTP files: a bad MODE, a non-digit code, a TRUNCATED that is not hex")
    func otpStructure() throws {
        let totp = try vectorBytes("rfc/otp/rfc-6238.txt")
        let modeLine = try #require(lineNumber(of: "MODE = SHA256", in: totp))
        let mode = try #require(expectFileError("rfc-6238.txt", replacingLine(modeLine, with: "MODE = MD5", in: totp)))
        #expect(mode.problem == .invalidValue(field: "MODE", value: "MD5", expected: "SHA1, SHA256 or SHA512"))
        let codeLine = modeLine - 1
        let code = try #require(expectFileError("rfc-6238.txt", replacingLine(codeLine, with: "TOTP = 4611924x", in: totp)))
        #expect(code.line == codeLine)
        let hotp = try vectorBytes("rfc/otp/rfc-4226.txt")
        let truncatedLine = try #require(lineNumber(of: "TRUNCATED = 82fef30", in: hotp))
        let truncated = try #require(expectFileError("rfc-4226.txt", replacingLine(truncatedLine, with: "TRUNCATED = 1082fef30", in: hotp)))
        #expect(truncated.problem == .invalidValue(field: "TRUNCATED", value: "1082fef30", expected: "1 to 8 hex digits"))
    }

    @Test("a code length the library rejects is a failed case, not a trap")
    func rejectedDigits() throws {
        let totp = try vectorBytes("rfc/otp/rfc-6238.txt")
        let codeLine = try #require(lineNumber(of: "TOTP = 94287082", in: totp))
        let report = try Conformance.check(fileName: "rfc-6238.txt", contents: replacingLine(codeLine, with: "TOTP = 7082", in: totp))
        #expect(report.failures.map(\.caseID) == ["COUNT = 0"])
        #expect(report.failures.first?.message.contains("threw") == true)
    }

    @Test("files without cases, and files no reader recognises")
    func emptyAndUnknown() {
        for name in [shortMsg, "SHA512Monte.rsp", "HMAC.rsp", "rfc-2202-sha1.txt", "rfc-4226.txt", "rfc-6238.txt"] {
            #expect(expectFileError(name, [])?.problem == .noCases)
            #expect(expectFileError(name, Array("# only a comment\r\n\r\n".utf8))?.problem == .noCases)
        }
        let unknown = expectFileError("notes.txt", Array("Len = 8\nMsg = 00\n".utf8))
        #expect(unknown?.problem == .unrecognisedFormat("no reader for the file name \"notes.txt\", and no `kind = …` header"))
        #expect(unknown?.line == nil)
        #expect(expectFileError("SHA3_256ShortMsg.rsp", Array("[L = 32]\n".utf8)) != nil)
        #expect(expectFileError("empty.txt", []) != nil)
    }

    @Test("bytes that are not text")
    func notText() throws {
        let bytes = try shortMsgBytes()
        let lenLine = try #require(lineNumber(of: "Len = 24", in: bytes))
        // The NIST files are CRLF: each earlier line takes its text plus two bytes.
        let lineStart = lines(of: bytes).prefix(lenLine - 1).reduce(0) { $0 + $1.text.utf8.count + 2 }
        var mutated = bytes
        mutated[lineStart + 3] = 0x00
        let error = try #require(expectFileError(shortMsg, mutated))
        #expect(error.line == lenLine)
        #expect(error.problem == .notText(byte: 0, column: 4))
    }

    @Test("binary garbage under every recognised name throws, never traps")
    func binaryGarbage() {
        var generator = SplitMix64(state: 0x5EED)
        let names = [shortMsg, "SHA512_256LongMsg.rsp", "SHA384Monte.rsp", "HMAC.rsp", "rfc-4231-sha256.txt",
                     "rfc-4226.txt", "rfc-6238.txt", "base32.txt", "garbage.bin"]
        for round in 0..<40 {
            let count = Int.random(in: 0...600, using: &generator)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if round % 2 == 1, !bytes.isEmpty { bytes[0] = 0x80 }   // sure to be non-text
            for name in names {
                #expect(throws: VectorFileError.self) { try Conformance.check(fileName: name, contents: bytes) }
            }
        }
    }

    @Test("random edits to valid files give a report or a typed error, never a trap")
    func structuredFuzz() throws {
        var generator = SplitMix64(state: 0xF0CC)
        let interesting = Array("=[]# \t\r\n0afgLenMsgMD\"\\".utf8) + [0x00, 0xFF, 0xC3]
        let files: [(String, [UInt8])] = [
            ("SHA1ShortMsg.rsp", Array(try shortMsgBytes().prefix(900))),
            ("SHA256Monte.rsp", Array(try vectorBytes("nist-shavs/SHA256Monte.rsp").prefix(400))),
            ("HMAC.rsp", Array(try vectorBytes("nist-hmacvs/HMAC.rsp").prefix(1500))),
            ("rfc-2202-sha1.txt", try vectorBytes("rfc/hmac/rfc-2202-sha1.txt")),
            ("rfc-4226.txt", try vectorBytes("rfc/otp/rfc-4226.txt")),
            ("rfc-6238.txt", try vectorBytes("rfc/otp/rfc-6238.txt")),
            ("base32.txt", try vectorBytes("rfc4648/base32.txt")),
            ("base32-edge-cases.txt", try vectorBytes("swift-otp/base32-edge-cases.txt")),
        ]
        var outcomes = (reports: 0, errors: 0)
        for (name, original) in files {
            for _ in 0..<60 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[index] = interesting.randomElement(using: &generator)!
                    case 1: bytes.remove(at: index)
                    default: bytes.insert(interesting.randomElement(using: &generator)!, at: index)
                    }
                }
                do {
                    _ = try Conformance.check(fileName: name, contents: bytes)
                    outcomes.reports += 1
                } catch {
                    outcomes.errors += 1
                }
            }
        }
        #expect(outcomes.reports + outcomes.errors == files.count * 60)
        #expect(outcomes.errors > 0)
    }
}
