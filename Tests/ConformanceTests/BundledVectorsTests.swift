// BundledVectorsTests.swift
// Every file in Vectors/ passes, with exactly the number of cases it holds.

import Foundation
import Testing
@testable import Conformance

/// The official files and their case counts (MANIFEST.md): 2,115 SHAVS, 1,575 HMACVS,
/// 31 RFC HMAC, 28 RFC OTP.
let officialCaseCounts: [String: Int] = {
    var counts: [String: Int] = [
        "nist-hmacvs/HMAC.rsp": 1575,
        "rfc/hmac/rfc-2202-sha1.txt": 7,
        "rfc/hmac/rfc-4231-sha224.txt": 6,
        "rfc/hmac/rfc-4231-sha256.txt": 6,
        "rfc/hmac/rfc-4231-sha384.txt": 6,
        "rfc/hmac/rfc-4231-sha512.txt": 6,
        "rfc/otp/rfc-4226.txt": 10,
        "rfc/otp/rfc-6238.txt": 18,
        "rfc4648/base16.txt": 7,
        "rfc4648/base32.txt": 7,
        "wycheproof/testvectors_v1/hmac_sha1_test.json": 170,
        "wycheproof/testvectors_v1/hmac_sha224_test.json": 172,
        "wycheproof/testvectors_v1/hmac_sha256_test.json": 174,
        "wycheproof/testvectors_v1/hmac_sha384_test.json": 174,
        "wycheproof/testvectors_v1/hmac_sha512_test.json": 174,
        "wycheproof/testvectors_v1/hmac_sha512_224_test.json": 173,
        "wycheproof/testvectors_v1/hmac_sha512_256_test.json": 175,
    ]
    for name in ["SHA1", "SHA224", "SHA256"] {
        counts["nist-shavs/\(name)ShortMsg.rsp"] = 65
        counts["nist-shavs/\(name)LongMsg.rsp"] = 64
        counts["nist-shavs/\(name)Monte.rsp"] = 100
    }
    for name in ["SHA384", "SHA512", "SHA512_224", "SHA512_256"] {
        counts["nist-shavs/\(name)ShortMsg.rsp"] = 129
        counts["nist-shavs/\(name)LongMsg.rsp"] = 128
        counts["nist-shavs/\(name)Monte.rsp"] = 100
    }
    return counts
}()

/// Counts the vectors in a file independently of the readers: the lines that carry an
/// expected value (`MD =`, `Mac =`, `HOTP =`, `TOTP =`) or a record `id =`; in a JSON file,
/// the `"tcId"` keys.
func independentCaseCount(_ bytes: [UInt8]) -> Int {
    if bytes.first == UInt8(ascii: "{") {
        return String(decoding: bytes, as: UTF8.self).components(separatedBy: "\"tcId\"").count - 1
    }
    return lines(of: bytes).filter { line in
        ["MD =", "Mac =", "HOTP =", "TOTP =", "id ="].contains { line.text.hasPrefix($0) }
    }.count
}

@Suite("Bundled vectors")
struct BundledVectorsTests {
    @Test("Vectors/ holds the expected files")
    func expectedFilesArePresent() {
        let files = Set(allVectorFiles())
        for name in officialCaseCounts.keys {
            #expect(files.contains(name), "missing Vectors/\(name)")
        }
        #expect(files.filter { $0.hasPrefix("nist-shavs/") }.count == 21)
        // The Wycheproof schemas sit beside the vectors as documentation, not as vector files.
        #expect(!files.contains { $0.hasPrefix("wycheproof/schemas/") })
        #expect(FileManager.default.fileExists(atPath: vectorsDirectory.appendingPathComponent("wycheproof/schemas/mac_test_schema_v1.json").path))
        #expect(FileManager.default.fileExists(atPath: vectorsDirectory.appendingPathComponent("wycheproof/LICENSE").path))
    }

    @Test("every vector file passes, with the number of cases it holds", arguments: allVectorFiles())
    func filePasses(_ relativePath: String) throws {
        let bytes = try vectorBytes(relativePath)
        let report = try Conformance.check(fileName: relativePath, contents: bytes)
        #expect(report.failures.isEmpty, "\(report.failures.prefix(3))")
        #expect(report.caseCount == independentCaseCount(bytes))
        if let expected = officialCaseCounts[relativePath] {
            #expect(report.caseCount == expected)
        }
    }

    @Test("the totals per family match MANIFEST.md")
    func familyTotals() throws {
        var totals: [String: Int] = [:]
        for (path, _) in officialCaseCounts {
            let family = path.hasPrefix("nist-shavs/") ? "SHAVS"
                : path.hasPrefix("nist-hmacvs/") ? "HMACVS"
                : path.hasPrefix("rfc/hmac/") ? "RFC HMAC"
                : path.hasPrefix("rfc/otp/") ? "RFC OTP"
                : path.hasPrefix("wycheproof/") ? "Wycheproof" : "RFC 4648"
            totals[family, default: 0] += independentCaseCount(try vectorBytes(path))
        }
        #expect(totals == ["SHAVS": 2115, "HMACVS": 1575, "RFC HMAC": 31, "RFC OTP": 28, "RFC 4648": 14, "Wycheproof": 1212])
    }
}
