// KeyURIRandomTests.swift
// Generated keys built and parsed back, and 2,000 random mutations of valid URIs that must
// each parse or throw a KeyURIError, never trap. Fixed seeds, so every run tests the same input.

import OTP
import OTPCrypto
import OTPEncoding
import Testing

/// SplitMix64 (Steele, Lea, Flood 2014): a small deterministic generator.
struct KeyURIRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }

    /// Text of 1...maxCount scalars from `pool`.
    mutating func text(from pool: [Unicode.Scalar], maxCount: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0...below(maxCount) { scalars.append(pick(pool)) }
        return String(scalars)
    }
}

@Suite("KeyURI round trips and mutations")
struct KeyURIRandomTests {
    /// Characters that stress the encoder and the label rules: reserved ASCII, '%', '+', spaces
    /// inside, and UTF-8 of every length.
    static let pool: [Unicode.Scalar] = [
        "a", "Z", "0", "9", "-", ".", "_", "~", " ", "%", "+", ":", "/", "?", "#", "&", "=", "@",
        "\"", "\\", "'", "(", ")", "é", "Š", "\u{30C}", "ß", "株", "式", "\u{1F511}", "\u{7F}",
    ]

    /// A random valid key whose fields survive build → parse exactly: an account with no
    /// leading space when there is an issuer, and no ':' when there is none; the unused one of
    /// period and counter at its default.
    static func randomKey(_ random: inout KeyURIRandom) -> KeyURI {
        let kind: KeyURI.Kind = random.below(3) == 0 ? .hotp : .totp
        let issuer: String? = random.below(4) == 0 ? nil : random.text(from: pool, maxCount: 12)
        var account = random.text(from: pool, maxCount: 16)
        if issuer == nil { account = String(account.unicodeScalars.filter { $0 != ":" }) }
        while account.unicodeScalars.first == " " { account = String(account.unicodeScalars.dropFirst()) }
        if account.isEmpty { account = "user" }
        let secretLength = random.pick([1, 5, 10, 15, 16, 20, 32, 64, 1 + random.below(80)])
        var parameters: [String: String] = [:]
        for _ in 0..<random.below(3) {
            let name = random.pick(["image", "lock", "color", "x y", "n%", "名前", "Secret"])
            parameters[name] = random.below(4) == 0 ? "" : random.text(from: pool, maxCount: 10)
        }
        return KeyURI(
            kind: kind, issuer: issuer, account: account, secret: SecretBytes(random.bytes(secretLength)),
            algorithm: random.pick(HashAlgorithm.allCases), digits: 6 + random.below(5),
            period: kind == .totp ? random.pick([30, 60, 1, 15, UInt64.max, random.next() | 1]) : 30,
            counter: kind == .hotp ? random.pick([0, 1, UInt64.max, random.next()]) : 0,
            parameters: parameters)
    }

    @Test("1,000 generated keys: build then parse gives the same fields")
    func buildParseRoundTrip() throws {
        var random = KeyURIRandom(state: 0x0A07_4A17)
        for _ in 0..<1_000 {
            let key = Self.randomKey(&random)
            for includeDefaults in [false, true] {
                let uri = key.uriString(includeDefaults: includeDefaults)
                // The URI is ASCII, with no space and no '+' (spaces are %20).
                #expect(uri.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "+") })
                let parsed = try KeyURI(parsing: uri)
                var expected = key
                if expected.issuer == "" { expected.issuer = nil }
                #expect(parsed == expected, "\(uri)")
                // The codes agree with the generators made from the original fields.
                switch key.kind {
                case .totp:
                    let time = random.next() >> 1
                    #expect(try parsed.makeTOTP().code(at: time) == TOTP(
                        secret: key.secret, algorithm: key.algorithm, digits: key.digits, period: key.period
                    ).code(at: time))
                case .hotp:
                    #expect(try parsed.makeHOTP().code(counter: parsed.counter) == HOTP(
                        secret: key.secret, algorithm: key.algorithm, digits: key.digits
                    ).code(counter: key.counter))
                }
            }
        }
    }

    @Test("the description of a parsed key never contains the secret's Base32 or hex")
    func descriptionHidesSecret() throws {
        var random = KeyURIRandom(state: 0xDE5C)
        for _ in 0..<300 {
            var key = Self.randomKey(&random)
            key.secret = SecretBytes(random.bytes(10 + random.below(60)))
            let parsed = try KeyURI(parsing: key.uriString())
            let text = parsed.description
            let base32 = Base32.encode(parsed.secret.revealed, padding: false)
            #expect(!text.contains(base32))
            #expect(!text.lowercased().contains(base32.lowercased()))
            #expect(!text.lowercased().contains(Base16.encode(parsed.secret.revealed, uppercase: false)))
            #expect(text.contains("\(parsed.secret.count) bytes, redacted"))
        }
    }

    /// Valid URIs to mutate: hand-written ones covering every parameter, and generated ones.
    static func seeds() -> [String] {
        var seeds = [
            "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example",
            "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30",
            "otpauth://hotp/Microsoft:Tenant:user%40contoso.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Microsoft&counter=42&digits=8",
            "otpauth://totp/Text%3A%20More%20Text:Secret?secret=FFFFFFFAAAAAABBBBBBB&issuer=Text%3A%20More%20Text",
            "otpauth://totp/%C5%A0koda:petr?secret=jbsw-y3dp-ehpk-3pxp&issuer=%C5%A0koda&image=https%3A%2F%2Fx.example%2Fa.png",
            "otpauth://totp/Hello?secret=gyevisscogih3lbeaqfb3atrgcdaqcpo5ns3cs637uj4mo735q4tmwup&algorithm=SHA256&digits=6&period=30&lock=false",
        ]
        var random = KeyURIRandom(state: 0x5EED5)
        for _ in 0..<20 { seeds.append(randomKey(&random).uriString(includeDefaults: random.below(2) == 0)) }
        return seeds
    }

    /// One random change to `bytes`.
    static func mutate(_ bytes: inout [UInt8], _ random: inout KeyURIRandom) {
        let position = random.below(bytes.count + 1)
        switch random.below(10) {
        case 0:  // truncate
            bytes.removeSubrange(position...)
        case 1:  // flip one bit of one byte (may break UTF-8; repaired when made a String)
            if position < bytes.count { bytes[position] ^= UInt8(1) << UInt8(random.below(8)) }
        case 2:  // replace a byte with a structural character
            if position < bytes.count { bytes[position] = random.pick(Array("%&=?#:/+ ".utf8)) }
        case 3:  // insert a lone '%', a bad escape, or a non-UTF-8 escape
            bytes.insert(contentsOf: random.pick(["%", "%ZZ", "%4", "%C3%28", "%FF", "%00", "%3A", "%25"]).utf8, at: position)
        case 4:  // a huge or odd number for a numeric parameter
            let number = random.pick(["99999999999999999999999999999", "18446744073709551616", "-1", "0", "+6", "6.0", "", "٦"])
            bytes += Array(("&" + random.pick(["digits", "period", "counter"]) + "=" + number).utf8)
        case 5:  // duplicate one parameter
            let text = String(decoding: bytes, as: UTF8.self)
            if let query = text.split(separator: "?", maxSplits: 1).dropFirst().first,
               let parameter = query.split(separator: "&").randomElement(using: &random) {
                bytes += Array(("&" + parameter).utf8)
            }
        case 6:  // empty the value after an '='
            if let equals = bytes[position...].firstIndex(of: UInt8(ascii: "=")) {
                let end = bytes[equals...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.endIndex
                bytes.removeSubrange((equals + 1)..<end)
            }
        case 7:  // delete a range
            let end = min(bytes.count, position + random.below(8))
            bytes.removeSubrange(position..<end)
        case 8:  // insert random UTF-8
            bytes.insert(contentsOf: String(random.pick(pool)).utf8, at: position)
        default:  // insert a random byte
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
        }
    }

    @Test("2,000 mutated URIs each parse or throw a KeyURIError, never trap")
    func mutations() {
        let seeds = Self.seeds()
        var random = KeyURIRandom(state: 0xF022)
        var parsed = 0
        var failed: [String: Int] = [:]
        for _ in 0..<2_000 {
            let original = random.pick(seeds)
            var bytes = Array(original.utf8)
            for _ in 0...random.below(3) { Self.mutate(&bytes, &random) }
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let key = try KeyURI(parsing: text)
                parsed += 1
                // A parsed key keeps the invariants parsing promises...
                #expect(!key.account.isEmpty)
                #expect(!key.secret.isEmpty)
                #expect(HOTP.digitRange.contains(key.digits))
                #expect(key.kind == .hotp || key.period > 0)
                #expect((try? key.validate()) != nil)
                #expect((try? key.makeHOTP()) != nil)
                #expect((try? key.makeTOTP()) != nil)
                // ...and can be built again; the result parses or fails with a KeyURIError too.
                _ = try? KeyURI(parsing: key.uriString())
            } catch {
                failed["\(error)".prefix(40).description, default: 0] += 1
                #expect(!error.description.isEmpty)
                #expect(!error.description.contains("\n"))
            }
        }
        // Both outcomes happen often, so the mutations reach deep into the parser.
        #expect(parsed > 100)
        #expect(failed.values.reduce(0, +) > 500)
    }
}

extension KeyURIRandomTests {
    @Test("large inputs: many colons, a long issuer, many parameters (work stays linear)")
    func largeInputs() throws {
        // 200,000 colons in the label, and an issuer parameter of 100,000 characters that
        // almost matches its start: a quadratic search for the separator would take minutes.
        let colons = String(repeating: "a:", count: 100_000)
        let issuer = String(repeating: "a:", count: 50_000) + "b"
        #expect(throws: KeyURIError.issuerMismatch(label: "a", parameter: issuer)) {
            try KeyURI(parsing: "otpauth://totp/" + colons + "?secret=JBSWY3DPEHPK3PXP&issuer=" + PercentEncoding.encode(issuer))
        }
        // 50,000 distinct unknown parameters, then a repeat of the first.
        var query = "secret=JBSWY3DPEHPK3PXP"
        for index in 0..<50_000 { query += "&p\(index)=\(index)" }
        let many = try KeyURI(parsing: "otpauth://totp/a?" + query)
        #expect(many.parameters.count == 50_000)
        #expect(throws: KeyURIError.duplicateParameter("p0")) { try KeyURI(parsing: "otpauth://totp/a?" + query + "&p0=1") }
        // A secret of 1 MB of Base32.
        let secret = String(repeating: "A", count: 1 << 20)
        #expect(try KeyURI(parsing: "otpauth://totp/a?secret=" + secret).secret.count == 5 << 17)
    }
}

extension KeyURIRandom: RandomNumberGenerator {}
