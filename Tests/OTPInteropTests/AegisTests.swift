// AegisTests.swift
// Aegis plain vaults: a vault written by Python's json module in the documented format imports
// to the expected keys; our export reads back in Python with the same values; encrypted vaults,
// malformed files and random mutations give typed errors.

import Foundation
import OTP
import OTPCrypto
import OTPEncoding
@testable import OTPInterop
import Testing

@Suite("Aegis vault import and export")
struct AegisTests {
    /// A vault in the format of Aegis's docs/vault.md, written by Python's json module:
    /// TOTP, HOTP and Steam entries, a Yandex entry (skipped), an MD5 entry (skipped), a
    /// 5-digit TOTP (skipped), extra members Aegis adds (note, favorite, groups, icon_mime).
    static let vaultScript = #"""
        import json, sys, base64
        def b32(raw): return base64.b32encode(raw).decode().rstrip("=")
        entries = [
            {"type": "totp", "uuid": "01234567-89ab-cdef-0123-456789abcdef", "name": "Mason", "issuer": "Deno",
             "note": "", "favorite": False, "icon": None,
             "info": {"secret": b32(bytes(range(20))), "algo": "SHA1", "digits": 6, "period": 30}, "groups": []},
            {"type": "hotp", "uuid": "03e572f2-8ebd-44b0-a57e-e958af74815d", "name": "Benjamin", "issuer": "Air Canada",
             "icon": None, "info": {"secret": b32(b"12345678901234567890123456789012"), "algo": "SHA256", "digits": 7, "counter": 50}},
            {"type": "steam", "uuid": "5b11ae3b-6fc3-4d46-8ca7-cf0aea7de920", "name": "Sophia", "issuer": "Steam",
             "icon": None, "info": {"secret": b32(b"\xce\xf2\x1a\xca"), "algo": "SHA1", "digits": 5, "period": 30}},
            {"type": "yandex", "uuid": "aaaaaaaa-0000-4000-8000-000000000000", "name": "Ivan", "issuer": "Yandex",
             "icon": None, "info": {"secret": b32(b"0123456789abcdef"), "algo": "SHA256", "digits": 8, "period": 30, "pin": "1234"}},
            {"type": "totp", "uuid": "bbbbbbbb-0000-4000-8000-000000000000", "name": "Old", "issuer": "",
             "icon": None, "info": {"secret": b32(b"abcdefghij"), "algo": "MD5", "digits": 6, "period": 30}},
            {"type": "totp", "uuid": "cccccccc-0000-4000-8000-000000000000", "name": "Short", "issuer": "Ex",
             "icon": None, "info": {"secret": b32(b"abcdefghij"), "algo": "SHA1", "digits": 5, "period": 30}},
            {"type": "totp", "uuid": "dddddddd-0000-4000-8000-000000000000", "name": "Grüße 😀", "issuer": None,
             "icon": None, "icon_mime": None, "info": {"secret": b32(bytes(range(64))), "algo": "SHA512", "digits": 10, "period": 60}},
        ]
        json.dump({"version": 1, "header": {"slots": None, "params": None},
                   "db": {"version": 3, "entries": entries, "groups": []}}, sys.stdout, indent=4, ensure_ascii=True)
        """#

    @Test("a vault written by Python in the documented format imports to the expected keys",
          .enabled(if: Python.enabled, "python3 is not installed"))
    func importPythonVault() throws {
        let vault = try Python.run(Self.vaultScript)
        let result = try AegisVault.importKeys(from: [UInt8](vault))
        try #require(result.keys.count == 4)
        let totp = result.keys[0]
        #expect(totp == KeyURI(issuer: "Deno", account: "Mason", secret: SecretBytes(Array(0..<20))))
        #expect(result.keys[1] == KeyURI(
            kind: .hotp, issuer: "Air Canada", account: "Benjamin", secret: SecretBytes(Array("12345678901234567890123456789012".utf8)),
            algorithm: .sha256, digits: 7, counter: 50))
        let steam = result.keys[2]
        #expect(steam.isSteamGuard)
        #expect(steam.uriString() == "otpauth://totp/Steam:Sophia?secret=Z3ZBVSQ&issuer=Steam&encoder=steam")
        #expect(result.keys[3] == KeyURI(
            issuer: nil, account: "Grüße 😀", secret: SecretBytes(Array(0..<64)), algorithm: .sha512, digits: 10, period: 60))
        #expect(result.skipped == [
            .init(index: 3, type: "yandex", issuer: "Yandex", name: "Ivan", reason: .unsupportedType),
            .init(index: 4, type: "totp", issuer: "", name: "Old", reason: .unsupportedAlgorithm("MD5")),
            .init(index: 5, type: "totp", issuer: "Ex", name: "Short", reason: .unsupportedDigits(5)),
        ])
    }

    @Test("our export reads back in Python's json module with the same values, and imports to the same keys",
          .enabled(if: Python.enabled, "python3 is not installed"))
    func exportReadByPython() throws {
        let keys = [
            KeyURI(issuer: "ACME \"Co\"", account: "alice@example.com", secret: SecretBytes(Array(0..<20))),
            KeyURI(kind: .hotp, issuer: nil, account: "bob\n\\", secret: SecretBytes([1, 2, 3]), algorithm: .sha512,
                   digits: 8, counter: 1 << 40),
            KeyURI(issuer: "Steam", account: "gabe", secret: SecretBytes(Array(100..<120)), parameters: ["encoder": "steam"]),
            KeyURI(issuer: "Ünïcødé", account: "\u{1}x", secret: SecretBytes([9]), algorithm: .sha256, digits: 10, period: 3600),
        ]
        var generator = SplitMix64(state: 5)
        let text = try AegisVault.export(keys, using: &generator)
        #expect(text.hasSuffix("}\n"))
        let script = #"""
            import json, sys, base64, re
            v = json.load(sys.stdin)
            assert v["version"] == 1 and v["header"] == {"slots": None, "params": None}, v
            out = []
            for e in v["db"]["entries"]:
                assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", e["uuid"]), e["uuid"]
                i = e["info"]
                s = i["secret"]
                assert "=" not in s
                raw = base64.b32decode(s + "=" * (-len(s) % 8))
                out.append([e["type"], e["name"], e["issuer"], e["icon"], raw.hex(), i["algo"], i["digits"],
                            i.get("period"), i.get("counter")])
            json.dump({"dbVersion": v["db"]["version"], "entries": out}, sys.stdout)
            """#
        let decoded = try #require(try Python.json(script, input: Data(text.utf8)) as? [String: Any])
        #expect(decoded["dbVersion"] as? Int == 2)
        let entries = try #require(decoded["entries"] as? [[Any]])
        try #require(entries.count == 4)
        func row(_ index: Int) -> String { entries[index].map { "\($0)" }.joined(separator: "|") }
        #expect(row(0) == "totp|alice@example.com|ACME \"Co\"|<null>|\(hexString(Array(0..<20)))|SHA1|6|30|<null>")
        #expect(row(1) == "hotp|bob\n\\||<null>|010203|SHA512|8|<null>|\(1 << 40)")
        #expect(row(2) == "steam|gabe|Steam|<null>|\(hexString(Array(100..<120)))|SHA1|5|30|<null>")
        #expect(row(3) == "totp|\u{1}x|Ünïcødé|<null>|09|SHA256|10|3600|<null>")
        // Our importer gives the keys back (Steam: the digits are not kept, the marker is).
        let back = try AegisVault.importKeys(from: Array(text.utf8))
        #expect(back.keys == keys)
        #expect(back.skipped.isEmpty)
    }

    @Test("an encrypted vault is refused with a clear error")
    func encrypted() throws {
        let encrypted = #"{"version": 1, "header": {"slots": [{"type": 1}], "params": {"nonce": "00", "tag": "00"}}, "db": "AAAA"}"#
        #expect(throws: AegisError.encryptedVault) { try AegisVault.importKeys(from: Array(encrypted.utf8)) }
        let slotsOnly = #"{"version": 1, "header": {"slots": [], "params": null}, "db": {"version": 2, "entries": []}}"#
        #expect(throws: AegisError.encryptedVault) { try AegisVault.importKeys(from: Array(slotsOnly.utf8)) }
        #expect(AegisError.encryptedVault.description.contains("encrypted, which is not supported"))
    }

    @Test("structural errors name the member at fault")
    func structuralErrors() {
        func vault(_ entry: String, dbVersion: Int = 2) -> String {
            #"{"version": 1, "header": {"slots": null, "params": null}, "db": {"version": \#(dbVersion), "entries": [\#(entry)]}}"#
        }
        let good = #"{"type": "totp", "name": "a", "issuer": "b", "info": {"secret": "GEZDGNBV", "algo": "SHA1", "digits": 6, "period": 30}}"#
        let cases: [(String, AegisError)] = [
            ("[]", .invalidMember(path: "(top level)", expected: "an object")),
            (#"{"version": 1}"#, .missingMember(path: "db")),
            (#"{"version": 2, "db": {}}"#, .unsupportedVersion(path: "version", version: 2)),
            (vault(good, dbVersion: 4), .unsupportedVersion(path: "db.version", version: 4)),
            (vault(#"{"type": "totp", "name": "a", "info": {"secret": "GEZDGNBV", "algo": "SHA1", "digits": 6}}"#),
             .missingMember(path: "db.entries[0].info.period")),
            (vault(#"{"type": "hotp", "name": "a", "info": {"secret": "GEZDGNBV", "algo": "SHA1", "digits": 6, "counter": -1}}"#),
             .invalidMember(path: "db.entries[0].info.counter", expected: "a whole number, at least 0")),
            (vault(#"{"type": "totp", "name": "a", "info": {"secret": "GEZDGNBV", "algo": "SHA1", "digits": 6.5, "period": 30}}"#),
             .invalidMember(path: "db.entries[0].info.digits", expected: "a whole number")),
            (vault(#"{"type": "totp", "name": 7, "info": {}}"#), .invalidMember(path: "db.entries[0].name", expected: "a string")),
            (vault(#"{"type": "totp", "name": "a", "name": "b", "info": {}}"#), .duplicateMember(path: "db.entries[0].name")),
            (vault(#"{"type": "totp", "name": "a", "info": {"secret": "GEZ1", "algo": "SHA1", "digits": 6, "period": 30}}"#),
             .invalidSecret(path: "db.entries[0].info.secret", .invalidCharacter(position: 3))),
            (vault(#"{"type": "totp", "name": "a", "info": {"secret": "", "algo": "SHA1", "digits": 6, "period": 30}}"#),
             .invalidSecret(path: "db.entries[0].info.secret", nil)),
            ("{\"version\": 1,", .invalidJSON(line: 1, column: 15, expected: "a member name")),
            ("{\"a\": [1,]}", .invalidJSON(line: 1, column: 10, expected: "a value")),
            (String(repeating: "[", count: 40), .invalidJSON(line: 1, column: 33, expected: "at most 32 nested arrays and objects")),
        ]
        for (text, error) in cases {
            #expect(throws: error, "\(text)") { try AegisVault.importKeys(from: Array(text.utf8)) }
        }
        #expect((try? AegisVault.importKeys(from: Array(vault(good).utf8)))?.keys.count == 1)
    }

    @Test("5,000 random mutations of a vault: a typed error or a result, never a trap")
    func mutations() throws {
        var generator = SplitMix64(state: 11)
        let keys = [KeyURI(issuer: "I", account: "a", secret: SecretBytes([1, 2, 3, 4, 5])),
                    KeyURI(kind: .hotp, issuer: nil, account: "b", secret: SecretBytes([6]), counter: 9)]
        let original = Array(try AegisVault.export(keys, using: &generator).utf8)
        var outcomes = (errors: 0, results: 0)
        for _ in 0..<5_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: index)
                default: bytes.insert([UInt8](#"{}[]",:0-e"#.utf8).randomElement(using: &generator)!, at: index)
                }
                if bytes.isEmpty { bytes = [0x7b] }
            }
            if (try? AegisVault.importKeys(from: bytes)) != nil { outcomes.results += 1 } else { outcomes.errors += 1 }
        }
        #expect(outcomes.errors > 1_000)
        #expect(outcomes.results > 100)
    }

    @Test("UUIDs are version 4, variant 10, from the generator given")
    func uuids() {
        var a = SplitMix64(state: 1), b = SplitMix64(state: 1)
        let first = AegisVault.uuid4(using: &a)
        #expect(first == AegisVault.uuid4(using: &b))
        let characters = Array(first)
        #expect(characters.count == 36)
        #expect(characters[14] == "4")
        #expect("89ab".contains(characters[19]))
    }
}
