// GoogleMigrationTests.swift
// Google Authenticator transfer payloads: payloads built independently (Python, by hand from the
// documented field numbers) decode to the expected accounts; our exports decode in Python to the
// same accounts; URIs, limits and errors.

import Foundation
import OTP
import OTPCrypto
@testable import OTPInterop
import Testing

@Suite("Google Authenticator migration payloads")
struct GoogleMigrationTests {
    /// "Hello!" de ad be ef, the secret of the Key Uri Format page's example (JBSWY3DPEHPK3PXP).
    static let exampleSecret: [UInt8] = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]

    @Test("qistoph/otp_export's sample URI (digitalduke/otpauth-migration-decoder README) decodes")
    func publishedSample() throws {
        // Published in the README of digitalduke/otpauth-migration-decoder: one account, name
        // "Example:alice@google.com", issuer "Example", type TOTP, no algorithm or digits fields.
        let payload = try GoogleMigrationPayload(
            parsing: "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC")
        #expect(payload.accounts.count == 1)
        let account = try #require(payload.accounts.first)
        #expect(account.secret == SecretBytes(Self.exampleSecret))
        #expect(account.name == "Example:alice@google.com")
        #expect(account.issuer == "Example")
        #expect(account.algorithm == .unspecified)
        #expect(account.digits == .unspecified)
        #expect(account.type == .totp)
        let key = try #require(try payload.keys().first)
        #expect(key.issuer == "Example")
        #expect(key.account == "alice@google.com")
        #expect(key.algorithm == .sha1)
        #expect(key.digits == 6)
        #expect(key.period == 30)
        #expect(key.kind == .totp)
    }

    @Test("a payload built by hand in Python decodes to the accounts Python put in",
          .enabled(if: Python.enabled, "python3 is not installed"))
    func pythonBuiltPayload() throws {
        // The script builds two payloads from the documented field numbers and prints each
        // URI with the accounts it holds, as JSON.
        let script = Python.protobufHelpers + #"""
            def account(secret, name, issuer, algorithm, digits, type_, counter=None):
                b = lfield(1, secret) + lfield(2, name)
                if issuer: b += lfield(3, issuer)
                b += vfield(4, algorithm) + vfield(5, digits) + vfield(6, type_)
                if counter is not None: b += vfield(7, counter)
                return b
            cases = [
                # secret, name, issuer, algorithm, digits, type, counter
                (bytes(range(20)), "ACME Co:alice@example.com", "ACME Co", 1, 1, 2, None),
                (b"12345678901234567890123456789012", "bob", "", 2, 2, 1, 7),
                (bytes(range(64)), "Grüße:Šárka", "Grüße", 3, 1, 2, None),
                (b"\xff" * 10, "Example: carol", "Example", 1, 2, 1, 2**63 - 1),
                (b"\x01\x02\x03", "NoIssuer:dave", "", 0, 0, 2, None),
            ]
            accounts = [account(*c) for c in cases]
            # An unknown field (15, a string) in the payload and one (9, a varint) in an account
            # must be skipped.
            accounts[1] += vfield(9, 300)
            body = b"".join(lfield(1, a) for a in accounts) + lfield(15, "future")
            body += vfield(2, 1) + vfield(3, 2) + vfield(4, 1) + vfield(5, -123456789)
            uri = "otpauth-migration://offline?data=" + urllib.parse.quote(base64.b64encode(body).decode(), safe="")
            json.dump({"uri": uri, "payload": body.hex(), "cases": [
                {"secret": c[0].hex(), "name": c[1], "issuer": c[2], "algorithm": c[3], "digits": c[4],
                 "type": c[5], "counter": c[6] or 0} for c in cases]}, sys.stdout)
            """#
        let output = try #require(try Python.json(script) as? [String: Any])
        let uri = try #require(output["uri"] as? String)
        let cases = try #require(output["cases"] as? [[String: Any]])
        let payload = try GoogleMigrationPayload(parsing: uri)
        #expect(payload == (try GoogleMigrationPayload(decoding: hexBytes(try #require(output["payload"] as? String)))))
        #expect(payload.version == 1)
        #expect(payload.batchSize == 2)
        #expect(payload.batchIndex == 1)
        #expect(payload.batchID == -123_456_789)
        try #require(payload.accounts.count == cases.count)
        for (account, expected) in zip(payload.accounts, cases) {
            #expect(hexString(account.secret.revealed) == expected["secret"] as? String)
            #expect(account.name == expected["name"] as? String)
            #expect(account.issuer == expected["issuer"] as? String)
            #expect(Int(account.algorithm.wireValue) == expected["algorithm"] as? Int)
            #expect(Int(account.digits.wireValue) == expected["digits"] as? Int)
            #expect(Int(account.type.wireValue) == expected["type"] as? Int)
            #expect(Int(account.counter) == expected["counter"] as? Int)
        }
        // The key URIs: the label prefix is split off the name; no issuer and a colon splits too.
        let keys = try payload.keys()
        let expected: [(String?, String, HashAlgorithm, Int, KeyURI.Kind, UInt64)] = [
            ("ACME Co", "alice@example.com", .sha1, 6, .totp, 0),
            (nil, "bob", .sha256, 8, .hotp, 7),
            ("Grüße", "Šárka", .sha512, 6, .totp, 0),
            ("Example", "carol", .sha1, 8, .hotp, UInt64(Int64.max)),
            ("NoIssuer", "dave", .sha1, 6, .totp, 0),
        ]
        for (key, want) in zip(keys, expected) {
            #expect(key.issuer == want.0)
            #expect(key.account == want.1)
            #expect(key.algorithm == want.2)
            #expect(key.digits == want.3)
            #expect(key.kind == want.4)
            #expect(key.counter == want.5)
            #expect(key.period == 30)
        }
    }

    @Test("our export decodes in Python to the same accounts, and back in Swift to the same keys",
          .enabled(if: Python.enabled, "python3 is not installed"))
    func exportReadByPython() throws {
        var generator = SplitMix64(state: 9)
        var keys: [KeyURI] = []
        for index in 0..<23 {
            let secret = SecretBytes((0..<(10 + index % 50)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let hotp = index % 3 == 0
            keys.append(KeyURI(
                kind: hotp ? .hotp : .totp, issuer: index % 4 == 1 ? nil : "Issuer \(index) é",
                account: "user\(index)@example.com", secret: secret,
                algorithm: [.sha1, .sha256, .sha512][index % 3], digits: index % 2 == 0 ? 6 : 8,
                counter: hotp ? UInt64(index) * 1_000_003 : 0))
        }
        let payloads = try GoogleMigrationPayload.export(keys, batchID: -42, accountsPerBatch: 10)
        #expect(payloads.count == 3)
        let uris = payloads.map(\.uriString)
        let script = Python.protobufHelpers + #"""
            json.dump([decode_uri(line) for line in sys.stdin.read().split()], sys.stdout)
            """#
        let decoded = try #require(try Python.json(script, input: Data(uris.joined(separator: "\n").utf8)) as? [[String: Any]])
        try #require(decoded.count == 3)
        var index = 0
        for (batch, payload) in decoded.enumerated() {
            #expect(payload["version"] as? Int == 1)
            #expect(payload["batch_size"] as? Int == 3)
            #expect(payload["batch_index"] as? Int == batch)
            #expect(payload["batch_id"] as? Int == -42)
            for account in try #require(payload["accounts"] as? [[String: Any]]) {
                let key = keys[index]
                #expect(account["secret"] as? String == hexString(key.secret.revealed))
                let label = key.issuer.map { $0 + ":" + key.account } ?? key.account
                #expect(account["name"] as? String == label)
                #expect(account["issuer"] as? String == key.issuer ?? "")
                #expect(account["algorithm"] as? Int == [HashAlgorithm.sha1: 1, .sha256: 2, .sha512: 3][key.algorithm])
                #expect(account["digits"] as? Int == (key.digits == 6 ? 1 : 2))
                #expect(account["type"] as? Int == (key.kind == .hotp ? 1 : 2))
                #expect(account["counter"] as? Int == Int(key.counter))
                index += 1
            }
        }
        #expect(index == keys.count)
        // And back: every key returns with the same fields.
        var roundTrip: [KeyURI] = []
        for uri in uris { roundTrip += try GoogleMigrationPayload(parsing: uri).keys() }
        #expect(roundTrip == keys)
    }

    @Test("exact bytes of an export, against the payload Python builds by hand",
          .enabled(if: Python.enabled, "python3 is not installed"))
    func exactBytes() throws {
        let key = KeyURI(issuer: "Example", account: "alice@google.com", secret: SecretBytes(Self.exampleSecret))
        let hotp = KeyURI(kind: .hotp, issuer: nil, account: "bob", secret: SecretBytes([1, 2, 3]),
                          algorithm: .sha512, digits: 8, counter: 300)
        let payload = try #require(try GoogleMigrationPayload.export([key, hotp], batchID: 2_000_000_000).first)
        let script = Python.protobufHelpers + #"""
            a = lfield(1, b"Hello!\xde\xad\xbe\xef") + lfield(2, "Example:alice@google.com") + lfield(3, "Example") \
                + vfield(4, 1) + vfield(5, 1) + vfield(6, 2)
            b = lfield(1, b"\x01\x02\x03") + lfield(2, "bob") + vfield(4, 3) + vfield(5, 2) + vfield(6, 1) + vfield(7, 300)
            body = lfield(1, a) + lfield(1, b) + vfield(2, 1) + vfield(3, 1) + vfield(4, 0) + vfield(5, 2000000000)
            print(body.hex())
            print("otpauth-migration://offline?data=" + urllib.parse.quote(base64.b64encode(body).decode(), safe=""))
            """#
        let lines = String(decoding: try Python.run(script), as: UTF8.self).split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        #expect(hexString(payload.serialized()) == lines[0])
        #expect(payload.uriString == lines[1])
    }

    @Test("keys the payload cannot hold are refused, naming the key")
    func exportErrors() {
        let secret = SecretBytes(Self.exampleSecret)
        let cases: [(KeyURI, GoogleMigrationError)] = [
            (KeyURI(issuer: nil, account: "a", secret: secret, digits: 7), .exportDigits(key: 0, digits: 7)),
            (KeyURI(issuer: nil, account: "a", secret: secret, period: 60), .exportPeriod(key: 0, period: 60)),
            (KeyURI(kind: .hotp, issuer: nil, account: "a", secret: secret, counter: 1 << 63),
             .exportCounter(key: 0, counter: 1 << 63)),
            (KeyURI(issuer: "Steam", account: "a", secret: secret, parameters: ["encoder": "steam"]), .exportSteamGuard(key: 0)),
            (KeyURI(issuer: nil, account: "", secret: secret), .invalidKey(key: 0, .emptyAccount)),
        ]
        for (key, error) in cases {
            #expect(throws: error) { try GoogleMigrationPayload.export([key], batchID: 1) }
        }
        #expect(throws: GoogleMigrationError.invalidBatchSize(0)) { try GoogleMigrationPayload.export([], batchID: 1, accountsPerBatch: 0) }
        // No keys: one empty payload, so an export always has a code to show.
        #expect((try? GoogleMigrationPayload.export([], batchID: 1))?.count == 1)
    }

    @Test("account fields a key URI cannot hold are errors naming the account")
    func accountErrors() {
        let secret = SecretBytes([1])
        let cases: [(GoogleMigrationPayload.Account, GoogleMigrationError)] = [
            (.init(secret: SecretBytes([]), name: "a"), .emptySecret(account: 0)),
            (.init(secret: secret, name: ""), .emptyName(account: 0)),
            (.init(secret: secret, name: "X:", issuer: "X"), .emptyName(account: 0)),
            (.init(secret: secret, name: "a", algorithm: .md5), .unsupportedAlgorithm(account: 0, value: 4)),
            (.init(secret: secret, name: "a", algorithm: .other(9)), .unsupportedAlgorithm(account: 0, value: 9)),
            (.init(secret: secret, name: "a", digits: .other(3)), .unsupportedDigits(account: 0, value: 3)),
            (.init(secret: secret, name: "a", type: .unspecified), .unsupportedType(account: 0, value: 0)),
            (.init(secret: secret, name: "a", type: .hotp, counter: -1), .negativeCounter(account: 0, value: -1)),
        ]
        for (account, error) in cases {
            #expect(throws: error) { try GoogleMigrationPayload(accounts: [account]).keys() }
        }
        // Messages number accounts from 1, also at the largest index.
        #expect(GoogleMigrationError.emptySecret(account: 0).description.contains("account 1 has no secret"))
        #expect(GoogleMigrationError.emptySecret(account: .max).description.contains("account \(Int.max) + 1"))
        #expect(AegisError.invalidKey(key: .max, .emptyAccount).description.hasPrefix("key \(Int.max) + 1"))
    }

    @Test("URIs: case, spaces, empty path, other parameters, missing or repeated data, bad Base64")
    func uriForms() throws {
        let data = "CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC"
        for text in [
            "OTPAUTH-MIGRATION://Offline?data=\(data)",
            "  otpauth-migration://offline/?data=\(data)\n",
            "otpauth-migration://offline?x=1&&data=\(data)&y",
            "otpauth-migration://offline?data=\(data.replacingOccurrences(of: "=", with: ""))",
        ] {
            #expect((try? GoogleMigrationPayload(parsing: text))?.accounts.count == 1, "\(text)")
        }
        let errors: [(String, GoogleMigrationError)] = [
            ("otpauth://totp/a?secret=AAAA", .notMigrationURI),
            ("otpauth-migration://online?data=\(data)", .notMigrationURI),
            ("otpauth-migration://offline", .missingData),
            ("otpauth-migration://offline?data=", .missingData),
            ("otpauth-migration://offline?data=\(data)&data=\(data)", .duplicateData),
            ("otpauth-migration://offline?data=%zz", .invalidEncoding(.invalidEscape(position: 0))),
            ("otpauth-migration://offline?data=ab*d", .invalidBase64(position: 2)),
            ("otpauth-migration://offline?data=a", .invalidBase64(position: 0)),
            ("otpauth-migration://offline?data=ab=c", .invalidBase64(position: 3)),
        ]
        for (text, error) in errors {
            #expect(throws: error, "\(text)") { try GoogleMigrationPayload(parsing: text) }
        }
    }

    @Test("sizes and counts are limited")
    func limits() {
        let big = [UInt8](repeating: 0, count: GoogleMigrationPayload.maximumByteCount + 1)
        #expect(throws: GoogleMigrationError.tooLarge(byteCount: big.count, limit: GoogleMigrationPayload.maximumByteCount)) {
            try GoogleMigrationPayload(decoding: big)
        }
        // 1,001 empty accounts (0a 00 each) exceed the account limit.
        let many = [UInt8]([0x0a, 0x00]).repeated(GoogleMigrationPayload.maximumAccountCount + 1)
        #expect(throws: GoogleMigrationError.tooManyAccounts(limit: GoogleMigrationPayload.maximumAccountCount)) {
            try GoogleMigrationPayload(decoding: many)
        }
        let longURI = String(repeating: "A", count: GoogleMigrationPayload.maximumURIByteCount + 1)
        #expect(throws: GoogleMigrationError.tooLarge(byteCount: longURI.utf8.count, limit: GoogleMigrationPayload.maximumURIByteCount)) {
            try GoogleMigrationPayload(parsing: longURI)
        }
    }
}

extension Array {
    func repeated(_ count: Int) -> [Element] {
        (0..<count).flatMap { _ in self }
    }
}
