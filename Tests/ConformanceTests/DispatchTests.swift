// DispatchTests.swift
// The file name picks the algorithm where the file does not say it; documentation is skipped.

import Testing
@testable import Conformance

@Suite("Dispatch by file name")
struct DispatchTests {
    @Test("[L = 32] is SHA-256 or SHA-512/256 according to the file name")
    func sha512_256VersusSHA256() throws {
        let bytes = try vectorBytes("nist-shavs/SHA512_256ShortMsg.rsp")
        let right = try Conformance.check(fileName: "SHA512_256ShortMsg.rsp", contents: bytes)
        #expect(right.passed == 129 && right.failed == 0)
        #expect(right.format == "NIST SHAVS ShortMsg, SHA-512/256")
        // Read as SHA-256, the same file is well-formed ([L = 32] agrees) but no digest matches.
        let wrong = try Conformance.check(fileName: "SHA256ShortMsg.rsp", contents: bytes)
        #expect(wrong.format == "NIST SHAVS ShortMsg, SHA-256")
        #expect(wrong.passed == 0 && wrong.failed == 129)
    }

    @Test("[L = 28] is SHA-224 or SHA-512/224 according to the file name")
    func sha224VersusSHA512_224() throws {
        let bytes = try vectorBytes("nist-shavs/SHA224ShortMsg.rsp")
        #expect(try Conformance.check(fileName: "SHA224ShortMsg.rsp", contents: bytes).failed == 0)
        #expect(try Conformance.check(fileName: "SHA512_224ShortMsg.rsp", contents: bytes).passed == 0)
    }

    @Test("SHAVS file names", arguments: [
        ("SHA1ShortMsg.rsp", "NIST SHAVS ShortMsg, SHA-1"),
        ("SHA512_224LongMsg.rsp", "NIST SHAVS LongMsg, SHA-512/224"),
        ("SHA384Monte.rsp", "NIST SHAVS Monte, SHA-384"),
    ])
    func shavsNames(name: String, format: String) throws {
        let (variant, kind) = try #require(parseSHAVSFileName(name))
        #expect("NIST SHAVS \(kind.rawValue), \(variant.displayName)" == format)
    }

    @Test("names that are not SHAVS files", arguments: [
        "SHA1ShortMsg.txt", "SHA3_256ShortMsg.rsp", "SHA512_ShortMsg.rsp", "sha1ShortMsg.rsp",
        "SHA1Monte.txt", "SHA1.rsp", "ShortMsg.rsp", "SHA1ShortMsg.rsp.orig",
    ])
    func notSHAVSNames(name: String) {
        #expect(parseSHAVSFileName(name) == nil)
    }

    @Test("a path is dispatched on its last component")
    func paths() throws {
        let bytes = try vectorBytes("rfc/otp/rfc-4226.txt")
        let report = try Conformance.check(fileName: "some/dir/rfc-4226.txt", contents: bytes)
        #expect(report.fileName == "some/dir/rfc-4226.txt")
        #expect(report.format == "RFC 4226 HOTP")
        #expect(baseName("a/b/") == "b")
        #expect(baseName("plain") == "plain")
    }

    @Test("documentation is recognised by name", arguments: [
        ("README", true), ("README.md", true), ("Readme.txt", true), ("readme", true), ("LICENSE", true),
        ("LICENSE.txt", true), ("NOTES.md", true), ("Vectors/nist-shavs/Readme.txt", true), (".gitattributes", true),
        ("dir/.hidden", true), ("wycheproof/schemas/common.json", true), ("schemas/mac_test_schema_v1.json", true),
        ("schemas", false), ("wycheproof/testvectors_v1/hmac_sha1_test.json", false), ("HMAC.rsp", false), ("base32.txt", false), ("SHA1Monte.rsp", false), ("md", false),
    ])
    func documentation(name: String, isDocumentation: Bool) {
        #expect(Conformance.isDocumentation(fileName: name) == isDocumentation)
    }
}
