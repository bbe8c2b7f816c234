// KeyURITests.swift
// The Key Uri Format rules of issue 3, item 1, one by one: parsing, errors, building, the
// generators made from a parsed key, and what `description` may show.

import OTP
import OTPCrypto
import OTPEncoding
import Testing

/// Helpers for the KeyURI tests, kept in one namespace so they cannot clash with other suites.
enum KeyURITestSupport {
    /// "Hello!" de ad be ef: the Key Uri Format page's example secret JBSWY3DPEHPK3PXP.
    static let exampleSecret = SecretBytes([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef])
    /// The RFC 6238 Appendix B seeds, as Base32 without padding.
    static let seedSHA1 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    static let seedSHA256 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA"
    static let seedSHA512 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA"

    static func parse(_ text: String) throws(KeyURIError) -> KeyURI {
        try KeyURI(parsing: text)
    }
}

// MARK: - Parsing

@Suite("KeyURI parsing (Key Uri Format)")
struct KeyURIParseTests {
    typealias Support = KeyURITestSupport

    @Test("the Key Uri Format page's example gives every field")
    func pageExample() throws {
        let key = try KeyURI(parsing: "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example")
        #expect(key.kind == .totp)
        #expect(key.issuer == "Example")
        #expect(key.account == "alice@google.com")
        #expect(key.secret == Support.exampleSecret)
        #expect(key.algorithm == .sha1)
        #expect(key.digits == 6)
        #expect(key.period == 30)
        #expect(key.counter == 0)
        #expect(key.parameters.isEmpty)
        #expect(key.isSecretShort)
    }

    @Test("scheme and type are case-insensitive (RFC 3986 §3.1, §3.2.2)", arguments: [
        ("OTPAUTH://TOTP/a?secret=JBSWY3DPEHPK3PXP", KeyURI.Kind.totp),
        ("otpAuth://Totp/a?secret=JBSWY3DPEHPK3PXP", .totp),
        ("OtPaUtH://hOtP/a?secret=JBSWY3DPEHPK3PXP&counter=1", .hotp),
    ])
    func caseInsensitiveSchemeAndType(uri: String, kind: KeyURI.Kind) throws {
        #expect(try KeyURI(parsing: uri).kind == kind)
    }

    @Test("label separator: ':' or '%3A' in either case, spaces after it dropped", arguments: [
        "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/Example%3Aalice?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/Example%3aalice?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/Example:%20alice?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/Example%3A%20%20%20alice?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/Example: alice?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example",
        "otpauth://totp/Example%3A%20alice?secret=JBSWY3DPEHPK3PXP&issuer=Example",
    ])
    func separator(uri: String) throws {
        let key = try KeyURI(parsing: uri)
        #expect(key.issuer == "Example")
        #expect(key.account == "alice")
    }

    @Test("only spaces after the separator are dropped, not other blanks, and not spaces elsewhere")
    func onlySpacesDropped() throws {
        #expect(try KeyURI(parsing: "otpauth://totp/Example:%09alice?secret=JBSWY3DPEHPK3PXP").account == "\talice")
        #expect(try KeyURI(parsing: "otpauth://totp/Example:alice%20?secret=JBSWY3DPEHPK3PXP").account == "alice ")
        #expect(try KeyURI(parsing: "otpauth://totp/%20alice?secret=JBSWY3DPEHPK3PXP").account == " alice")
    }

    @Test("Microsoft:Tenant:user splits after the issuer parameter, or at the first colon")
    func microsoftTenant() throws {
        for uri in [
            "otpauth://totp/Microsoft:Tenant:user@contoso.com?secret=JBSWY3DPEHPK3PXP&issuer=Microsoft",
            "otpauth://totp/Microsoft:Tenant:user@contoso.com?secret=JBSWY3DPEHPK3PXP",
            "otpauth://totp/Microsoft%3ATenant%3Auser%40contoso.com?secret=JBSWY3DPEHPK3PXP&issuer=Microsoft",
        ] {
            let key = try KeyURI(parsing: uri)
            #expect(key.issuer == "Microsoft")
            #expect(key.account == "Tenant:user@contoso.com")
        }
    }

    @Test("an issuer containing a colon (`Text%3A More`) is split right after it (pyauth/pyotp#174)")
    func issuerWithColon() throws {
        let key = try KeyURI(parsing: "otpauth://totp/Text%3A%20More%20Text:Secret?secret=JBSWY3DPEHPK3PXP&issuer=Text%3A%20More%20Text")
        #expect(key.issuer == "Text: More Text")
        #expect(key.account == "Secret")
        // Without the parameter, the first colon splits.
        let bare = try KeyURI(parsing: "otpauth://totp/Text%3A%20More%20Text:Secret?secret=JBSWY3DPEHPK3PXP")
        #expect(bare.issuer == "Text")
        #expect(bare.account == "More Text:Secret")
        // Several colons in the issuer; the parameter says where it ends.
        let many = try KeyURI(parsing: "otpauth://totp/a:b:c:d:e?secret=JBSWY3DPEHPK3PXP&issuer=a%3Ab%3Ac")
        #expect(many.issuer == "a:b:c")
        #expect(many.account == "d:e")
    }

    @Test("the issuer parameter alone, the label prefix alone, or neither")
    func issuerSources() throws {
        let parameterOnly = try KeyURI(parsing: "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=Example")
        #expect(parameterOnly.issuer == "Example" && parameterOnly.account == "alice")
        let prefixOnly = try KeyURI(parsing: "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP")
        #expect(prefixOnly.issuer == "Example" && prefixOnly.account == "alice")
        let neither = try KeyURI(parsing: "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP")
        #expect(neither.issuer == nil && neither.account == "alice")
        // An empty parameter counts as absent; so does an empty prefix.
        let emptyParameter = try KeyURI(parsing: "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=")
        #expect(emptyParameter.issuer == "Example")
        let emptyPrefix = try KeyURI(parsing: "otpauth://totp/:alice?secret=JBSWY3DPEHPK3PXP")
        #expect(emptyPrefix.issuer == nil && emptyPrefix.account == "alice")
    }

    @Test("'+' is a literal plus everywhere")
    func plusIsLiteral() throws {
        let key = try KeyURI(parsing: "otpauth://totp/A+B:john+doe?secret=JBSWY3DPEHPK3PXP&issuer=A+B&note=x+y")
        #expect(key.issuer == "A+B")
        #expect(key.account == "john+doe")
        #expect(key.parameters["note"] == "x+y")
    }

    @Test("percent-decoding happens exactly once")
    func decodeOnce() throws {
        let key = try KeyURI(parsing: "otpauth://totp/Example%253Aalice?secret=JBSWY3DPEHPK3PXP&image=%2541")
        #expect(key.issuer == nil)
        #expect(key.account == "Example%3Aalice")
        #expect(key.parameters["image"] == "%41")
    }

    @Test("UTF-8 issuers and accounts: Škoda, 株式会社")
    func utf8() throws {
        let skoda = try KeyURI(parsing: "otpauth://totp/%C5%A0koda:petr?secret=JBSWY3DPEHPK3PXP&issuer=%C5%A0koda")
        #expect(skoda.issuer == "Škoda")
        #expect(Array(skoda.issuer?.utf8 ?? "".utf8) == [0xC5, 0xA0, 0x6B, 0x6F, 0x64, 0x61])
        let kaisha = try KeyURI(parsing: "otpauth://totp/%E6%A0%AA%E5%BC%8F%E4%BC%9A%E7%A4%BE:%E5%B1%B1%E7%94%B0?secret=JBSWY3DPEHPK3PXP")
        #expect(kaisha.issuer == "株式会社")
        #expect(kaisha.account == "山田")
    }

    @Test("unknown parameters are kept, decoded; a parameter without '=' has an empty value")
    func unknownParameters() throws {
        let key = try KeyURI(parsing: "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&image=https%3A%2F%2Fexample.com%2Fa.png&lock=false&flag")
        #expect(key.parameters == ["image": "https://example.com/a.png", "lock": "false", "flag": ""])
    }

    @Test("algorithm in any case; digits 6 to 10 with leading zeros; period and counter 64-bit")
    func numbers() throws {
        let key = try KeyURI(parsing: "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=sHa512&digits=010&period=18446744073709551615")
        #expect(key.algorithm == .sha512)
        #expect(key.digits == 10)
        #expect(key.period == UInt64.max)
        let hotp = try KeyURI(parsing: "otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551615")
        #expect(hotp.counter == UInt64.max)
    }

    @Test("lenient secrets: case, padding, spaces, hyphens; bits after the last byte ignored")
    func lenientSecrets() throws {
        for secret in ["jbswy3dpehpk3pxp", "JBSW%20Y3DP%20EHPK%203PXP", "JBSW-Y3DP-EHPK-3PXP", "JBSWY3DPEHPK3PXP%3D%3D%3D%3D%3D%3D"] {
            // "JBSWY3DPEHPK3PXP" is two whole quanta, so no padding is valid for it...
            if secret.hasSuffix("%3D") {
                #expect(throws: KeyURIError.invalidSecret(.invalidPadding(position: 16))) {
                    try KeyURI(parsing: "otpauth://totp/a?secret=" + secret)
                }
                continue
            }
            #expect(try KeyURI(parsing: "otpauth://totp/a?secret=" + secret).secret == KeyURITestSupport.exampleSecret)
        }
        // ...while one byte takes exactly six "=".
        #expect(try KeyURI(parsing: "otpauth://totp/a?secret=AA%3D%3D%3D%3D%3D%3D").secret == SecretBytes([0]))
        #expect(try KeyURI(parsing: "otpauth://totp/a?secret=AA======").secret == SecretBytes([0]))
        // "B" = 00001 after three zero bytes' worth of symbols: the set unused bit is dropped,
        // as Python's b32decode does (bytes checked with it).
        let trailing = try KeyURI(parsing: "otpauth://totp/a?secret=FFFFFFFAAAAAABBBBBBB")
        #expect(trailing.secret == SecretBytes([0x29, 0x4a, 0x52, 0x94, 0xa0, 0x00, 0x00, 0x00, 0x04, 0x21, 0x08, 0x42]))
        #expect(try KeyURI(parsing: "otpauth://totp/a?secret=FFFFFFFAAAAAABBBBBBA").secret == trailing.secret)
        // With separators, lower case and padding as well.
        #expect(try KeyURI(parsing: "otpauth://totp/a?secret=ffff-fffa%20aaaa-abbb-bbbb").secret == trailing.secret)
        #expect(try KeyURI(parsing: "otpauth://totp/a?secret=FFFFFFFAAAAAABBBBBBB%3D%3D%3D%3D").secret == trailing.secret)
        // Other faults are still reported, at their positions in the decoded secret.
        #expect(throws: KeyURIError.invalidSecret(.invalidPadding(position: 20))) {
            try KeyURI(parsing: "otpauth://totp/a?secret=FFFFFFFAAAAAABBBBBBB%3D%3D")
        }
        // Every final-quantum size: 2, 4, 5 and 7 symbols with all unused bits set.
        for (text, bytes) in [("77", [UInt8(0xFF)]), ("7777", [0xFF, 0xFF]), ("77777", [0xFF, 0xFF, 0xFF]),
                              ("7777777", [0xFF, 0xFF, 0xFF, 0xFF])] {
            #expect(try KeyURI(parsing: "otpauth://totp/a?secret=" + text).secret == SecretBytes(bytes))
            #expect(try KeyURI(parsing: "otpauth://totp/a?secret=" + text.lowercased()).secret == SecretBytes(bytes))
        }
    }

    @Test("isSecretShort: fewer than 128 bits (RFC 4226 §4 R6)")
    func shortSecrets() throws {
        #expect(try KeyURI(parsing: "otpauth://totp/a?secret=" + Base32.encode([UInt8](repeating: 1, count: 15), padding: false)).isSecretShort)
        #expect(try !KeyURI(parsing: "otpauth://totp/a?secret=" + Base32.encode([UInt8](repeating: 1, count: 16), padding: false)).isSecretShort)
        #expect(try !KeyURI(parsing: "otpauth://totp/a?secret=" + KeyURITestSupport.seedSHA1).isSecretShort)
    }

    @Test("structure: surrounding whitespace, empty parameters, literal '/' in the label")
    func structure() throws {
        #expect(try KeyURI(parsing: " \totpauth://totp/a?secret=JBSWY3DPEHPK3PXP\r\n").account == "a")
        let empty = try KeyURI(parsing: "otpauth://totp/a?&&secret=JBSWY3DPEHPK3PXP&&&")
        #expect(empty.parameters.isEmpty)
        #expect(try KeyURI(parsing: "otpauth://totp//a/b?secret=JBSWY3DPEHPK3PXP").account == "/a/b")
        // A "?" inside a value belongs to it; only the first "?" starts the query.
        #expect(try KeyURI(parsing: "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&image=x?y").parameters["image"] == "x?y")
    }

    @Test("period and counter are checked and kept whatever the type")
    func periodAndCounterAnyType() throws {
        let totp = try KeyURI(parsing: "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&counter=5")
        #expect(totp.counter == 5 && totp.parameters.isEmpty)
        let hotp = try KeyURI(parsing: "otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=1&period=60")
        #expect(hotp.period == 60 && hotp.parameters.isEmpty)
    }
}

// MARK: - Errors

@Suite("KeyURI errors")
struct KeyURIErrorTests {
    @Test("each rule gives its own error, with the field and value", arguments: [
        ("", KeyURIError.notOtpauth),
        ("otpauth:/totp/a?secret=JBSWY3DPEHPK3PXP", .notOtpauth),
        ("http://totp/a?secret=JBSWY3DPEHPK3PXP", .notOtpauth),
        ("otpauth://motp/a?secret=JBSWY3DPEHPK3PXP", .unknownType("motp")),
        ("otpauth:///a?secret=JBSWY3DPEHPK3PXP", .unknownType("")),
        ("otpauth://totps/a?secret=JBSWY3DPEHPK3PXP", .unknownType("totps")),
        ("otpauth://totp?secret=JBSWY3DPEHPK3PXP", .missingLabel),
        ("otpauth://totp", .missingLabel),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP#x", .unexpectedFragment),
        ("otpauth://totp/?secret=JBSWY3DPEHPK3PXP", .emptyAccount),
        ("otpauth://totp/Example:%20?secret=JBSWY3DPEHPK3PXP", .emptyAccount),
        ("otpauth://totp/Example:a%?secret=JBSWY3DPEHPK3PXP", .invalidEncoding(field: "label", .invalidEscape(position: 9))),
        ("otpauth://totp/a%C3%28?secret=JBSWY3DPEHPK3PXP", .invalidEncoding(field: "label", .invalidUTF8)),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&issuer=%ZZ", .invalidEncoding(field: "issuer", .invalidEscape(position: 0))),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&x%4=1", .invalidEncoding(field: "parameter name", .invalidEscape(position: 1))),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&secret=JBSWY3DPEHPK3PXP", .duplicateParameter("secret")),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&image=1&image=1", .duplicateParameter("image")),
        ("otpauth://totp/a?issuer=Example", .missingSecret),
        ("otpauth://totp/a", .missingSecret),
        ("otpauth://totp/a?secret=", .emptySecret),
        ("otpauth://totp/a?secret=%20", .emptySecret),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PX1", .invalidSecret(.invalidCharacter(position: 15))),
        ("otpauth://totp/a?secret=JBSWY3DPE", .invalidSecret(.invalidLength(significantCharacters: 9))),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=MD5", .invalidAlgorithm("MD5")),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=5", .invalidDigits("5")),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=11", .invalidDigits("11")),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=", .invalidDigits("")),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=18446744073709551622", .invalidDigits("18446744073709551622")),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=0", .invalidPeriod("0")),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=18446744073709551616", .invalidPeriod("18446744073709551616")),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=-30", .invalidPeriod("-30")),
        ("otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=1e3", .invalidCounter("1e3")),
        ("otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP", .missingCounter),
        ("otpauth://totp/Example:a?secret=JBSWY3DPEHPK3PXP&issuer=Other", .issuerMismatch(label: "Example", parameter: "Other")),
        ("otpauth://totp/Microsoft:Tenant:a?secret=JBSWY3DPEHPK3PXP&issuer=Tenant", .issuerMismatch(label: "Microsoft", parameter: "Tenant")),
    ])
    func errors(uri: String, expected: KeyURIError) {
        #expect(throws: expected) { try KeyURI(parsing: uri) }
    }

    @Test("when several rules are broken, the documented order decides")
    func precedence() {
        // Type before fragment before label.
        #expect(throws: KeyURIError.unknownType("x")) { try KeyURI(parsing: "otpauth://x#?") }
        #expect(throws: KeyURIError.unexpectedFragment) { try KeyURI(parsing: "otpauth://totp#/a") }
        // Parameters left to right: the duplicate comes before the bad digits after it.
        #expect(throws: KeyURIError.duplicateParameter("issuer")) {
            try KeyURI(parsing: "otpauth://totp/a?issuer=x&issuer=y&digits=1")
        }
        // Parameters before the label; a missing secret before the label's encoding.
        #expect(throws: KeyURIError.invalidDigits("1")) { try KeyURI(parsing: "otpauth://totp/%?digits=1") }
        #expect(throws: KeyURIError.missingSecret) { try KeyURI(parsing: "otpauth://totp/%") }
        // Issuer mismatch before an empty account.
        #expect(throws: KeyURIError.issuerMismatch(label: "A", parameter: "B")) {
            try KeyURI(parsing: "otpauth://totp/A:?secret=JBSWY3DPEHPK3PXP&issuer=B")
        }
    }

    @Test("descriptions name the field and rule, shorten long values, never show the secret")
    func descriptions() {
        let all: [KeyURIError] = [
            .notOtpauth, .unknownType("motp"), .missingLabel, .emptyAccount, .unexpectedFragment,
            .invalidEncoding(field: "label", .invalidUTF8), .duplicateParameter("secret"), .missingSecret,
            .emptySecret, .invalidSecret(.invalidCharacter(position: 3)), .invalidAlgorithm("MD5"),
            .invalidDigits("5"), .invalidPeriod("0"), .invalidCounter("x"), .missingCounter,
            .issuerMismatch(label: "A", parameter: "B"),
        ]
        for error in all {
            #expect(error.description.hasPrefix("key URI: "))
            #expect(!error.description.contains("\n"))
        }
        #expect(KeyURIError.invalidDigits("5").description.contains("digits '5'"))
        #expect(KeyURIError.invalidDigits("5").description.contains("RFC 4226"))
        #expect(KeyURIError.invalidPeriod("0").description.contains("RFC 6238"))
        #expect(KeyURIError.issuerMismatch(label: "A", parameter: "B").description.contains("'A'"))
        // A value long enough to be a misplaced secret is never quoted, only counted.
        let long = String(repeating: "Z", count: 100)
        let shortened = KeyURIError.invalidAlgorithm(long).description
        #expect(shortened.contains("(a value of 100 characters)"))
        #expect(!shortened.contains("ZZZZ"))
        let pastedSecret = KeyURIError.invalidDigits("JBSWY3DPEHPK3PXP").description
        #expect(!pastedSecret.contains("JBSW"))

        // Secrets reach errors only as positions and lengths.
        let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PX1"
        do {
            _ = try KeyURI(parsing: "otpauth://totp/a?secret=" + secret)
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("JBSWY3DP"))
        }
    }
}

// MARK: - Building

@Suite("KeyURI building")
struct KeyURIBuildTests {
    typealias Support = KeyURITestSupport

    @Test("issuer in label and parameter, secret unpadded, defaults omitted")
    func basic() {
        let key = KeyURI(issuer: "ACME Co", account: "alice@example.com", secret: SecretBytes([0]))
        #expect(key.uriString() == "otpauth://totp/ACME%20Co:alice%40example.com?secret=AA&issuer=ACME%20Co")
        #expect(key.uriString(includeDefaults: true)
            == "otpauth://totp/ACME%20Co:alice%40example.com?secret=AA&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30")
    }

    @Test("spaces are %20, never '+'; colons inside issuer or account are %3A; '%' encoded once")
    func encoding() {
        let key = KeyURI(issuer: "A B:C", account: "d+e:f 100%", secret: Support.exampleSecret)
        let uri = key.uriString()
        #expect(uri == "otpauth://totp/A%20B%3AC:d%2Be%3Af%20100%25?secret=JBSWY3DPEHPK3PXP&issuer=A%20B%3AC")
        #expect(!uri.contains("+"))
    }

    @Test("HOTP always writes the counter and never the period; algorithm in upper case")
    func hotp() {
        let key = KeyURI(kind: .hotp, issuer: nil, account: "a", secret: Support.exampleSecret,
                         algorithm: .sha256, digits: 8, period: 60, counter: 0)
        #expect(key.uriString() == "otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256&digits=8&counter=0")
    }

    @Test("unknown parameters follow, sorted; defined names in `parameters` are skipped")
    func parameters() {
        let key = KeyURI(issuer: nil, account: "a", secret: Support.exampleSecret,
                         parameters: ["z": "1", "image": "a b", "secret": "X", "period": "5", "issuer": "I"])
        #expect(key.uriString() == "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&image=a%20b&z=1")
    }

    @Test("an empty issuer is no issuer")
    func emptyIssuer() throws {
        let key = KeyURI(issuer: "", account: "a", secret: Support.exampleSecret)
        #expect(key.uriString() == "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP")
        #expect(try KeyURI(parsing: key.uriString()).issuer == nil)
    }

    @Test("UTF-8 issuers and accounts round-trip")
    func utf8RoundTrip() throws {
        for (issuer, account) in [("Škoda", "petr"), ("株式会社", "山田"), ("Ünïcödé: ☃", "a:b ü"), ("\u{1F511}", "\u{0}x")] {
            let key = KeyURI(issuer: issuer, account: account, secret: Support.exampleSecret,
                             parameters: ["note": issuer + account])
            let parsed = try KeyURI(parsing: key.uriString())
            #expect(parsed == key)
        }
    }

    @Test("validate() applies the parse rules to a value made by hand")
    func validate() throws {
        try KeyURI(issuer: nil, account: "a", secret: Support.exampleSecret).validate()
        #expect(throws: KeyURIError.emptyAccount) { try KeyURI(issuer: nil, account: "", secret: Support.exampleSecret).validate() }
        #expect(throws: KeyURIError.emptySecret) { try KeyURI(issuer: nil, account: "a", secret: SecretBytes([UInt8]())).validate() }
        #expect(throws: KeyURIError.invalidDigits("5")) { try KeyURI(issuer: nil, account: "a", secret: Support.exampleSecret, digits: 5).validate() }
        #expect(throws: KeyURIError.invalidPeriod("0")) { try KeyURI(issuer: nil, account: "a", secret: Support.exampleSecret, period: 0).validate() }
        // HOTP does not use the period.
        try KeyURI(kind: .hotp, issuer: nil, account: "a", secret: Support.exampleSecret, period: 0).validate()
    }
}

// MARK: - Generators and description

@Suite("KeyURI generators and description")
struct KeyURIUseTests {
    typealias Support = KeyURITestSupport

    @Test("codes from a parsed URI equal RFC 6238 Appendix B (T = 59) and TOTP's own", arguments: [
        (Support.seedSHA1, "SHA1", "94287082"),
        (Support.seedSHA256, "SHA256", "46119246"),
        (Support.seedSHA512, "SHA512", "90693936"),
    ])
    func rfc6238(secret: String, algorithm: String, code: String) throws {
        let key = try KeyURI(parsing: "otpauth://totp/RFC:6238?secret=\(secret)&algorithm=\(algorithm)&digits=8&issuer=RFC")
        let totp = try key.makeTOTP()
        #expect(try totp.code(at: 59) == code)
        let direct = try TOTP(secret: key.secret, algorithm: key.algorithm, digits: 8, period: 30)
        for time: UInt64 in [0, 59, 1_111_111_109, 1_234_567_890, 2_000_000_000, 20_000_000_000] {
            #expect(try totp.code(at: time) == direct.code(at: time))
        }
    }

    @Test("codes from a parsed HOTP URI equal RFC 4226 Appendix D from its counter")
    func rfc4226() throws {
        let key = try KeyURI(parsing: "otpauth://hotp/RFC:4226?secret=\(Support.seedSHA1)&counter=5")
        let hotp = try key.makeHOTP()
        #expect(hotp.code(counter: key.counter) == "254676")
        #expect(hotp.code(counter: 0) == "755224")
    }

    @Test("codes agree with oathtool for secrets that are not canonical Base32")
    func oathtool() throws {
        // Expected values from oathtool 2.6 (`oathtool --totp[=sha256] -b SECRET -N @T`).
        let padded = try KeyURI(parsing: "otpauth://totp/a?secret=FFFFFFFAAAAAABBBBBBB").makeTOTP()
        #expect(try padded.code(at: 0) == "402313")
        #expect(try padded.code(at: 1_234_567_890) == "048225")
        let lower = try KeyURI(parsing: "otpauth://totp/Hello?secret=gyevisscogih3lbeaqfb3atrgcdaqcpo5ns3cs637uj4mo735q4tmwup&algorithm=SHA256&digits=6&period=30&lock=false").makeTOTP()
        #expect(try lower.code(at: 1_234_567_890) == "254479")
        let period45 = try KeyURI(parsing: "otpauth://totp/domain.com:test_tail@domain.com?algorithm=SHA256&digits=8&issuer=domain.com&period=45&secret=DEOXGYTNWD3D6J3RNBEGCI2R45X3XO3X").makeTOTP()
        #expect(try period45.code(at: 1_700_000_000) == "83403016")
    }

    @Test("generators report bad fields of a hand-made key as OTPError")
    func generatorErrors() {
        let key = KeyURI(issuer: nil, account: "a", secret: Support.exampleSecret, digits: 4, period: 0)
        #expect(throws: OTPError.digitsOutOfRange(4)) { try key.makeHOTP() }
        #expect(throws: OTPError.periodIsZero) { try key.makeTOTP() }
    }

    @Test("description shows the fields but never the secret")
    func description() throws {
        let key = try KeyURI(parsing: "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example&image=x")
        let text = key.description
        #expect(text == "KeyURI(totp, issuer: \"Example\", account: \"alice\", SHA1, 6 digits, period 30, secret: 10 bytes, redacted, parameters: image)")
        for forbidden in ["JBSWY3DPEHPK3PXP", "jbswy3dpehpk3pxp", "48656c6c6f21deadbeef", "48656C6C6F21DEADBEEF", "Hello!"] {
            #expect(!text.contains(forbidden))
        }
        let hotp = try KeyURI(parsing: "otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=9")
        #expect(hotp.description.contains("issuer: nil") && hotp.description.contains("counter 9"))
        #expect("\(hotp)" == hotp.description)
    }
}

@Suite("KeyURI: faults found by fuzzing")
struct KeyURIFuzzRegressionTests {
    @Test("a newline in the account cannot split a log line written from description")
    func descriptionEscapesControls() throws {
        let key = try KeyURI(parsing: "otpauth://totp/Example:alice%0Aforged%C2%9B?secret=JBSWY3DPEHPK3PXP&issuer=Example")
        #expect(key.account == "alice\nforged\u{9B}")
        #expect(!key.description.contains("\n"))
        #expect(key.description.contains("alice\\u{a}forged\\u{9b}"))
    }

    @Test("an issuer ending in a prepended mark (U+0600) round-trips through build and parse")
    func prependedMarkIssuer() throws {
        let key = try KeyURI(parsing: "otpauth://totp/acct?secret=GEZDGNBVGY3TQOJQ&issuer=a%3Ab%D8%80")
        #expect(key.issuer == "a:b\u{600}")
        let again = try KeyURI(parsing: key.uriString())
        #expect(again.issuer == "a:b\u{600}")
        #expect(again.account == "acct")
    }

    @Test("an issuer mismatch quotes neither a secret-length value nor a control character")
    func mismatchQuoting() {
        for uri in ["otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=JBSWY3DPEHPK3PXP",
                    "otpauth://totp/%C2%9B31mEvil:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example"] {
            do {
                _ = try KeyURI(parsing: uri)
                Issue.record("expected issuerMismatch")
            } catch {
                #expect(!error.description.contains("JBSWY3DP"))
                #expect(!error.description.unicodeScalars.contains { (0x80...0x9f).contains($0.value) })
            }
        }
    }
}
