import Foundation
import OTPEncoding
import Testing

@Suite("otp uri, otp new, otp verify")
struct KeyURICommandTests {
    static let validURIs = [
        "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example",
        "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30",
        "otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=42&digits=8",
        "otpauth://totp/Microsoft:Tenant:user@example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Microsoft&algorithm=SHA256",
        "otpauth://totp/%C5%A0koda%3A%20driver?secret=MFRGGZDFMZTWQ2LK&issuer=%C5%A0koda&period=60&image=https%3A%2F%2Fexample.com%2Fa.png",
    ]

    @Test("uri parse --json prints exactly the documented keys")
    func parseJSON() throws {
        let result = try otp("uri", "parse", Self.validURIs[2], "--json")
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["type", "issuer", "account", "secret", "algorithm", "digits", "counter", "parameters"])
        #expect(object["type"] as? String == "hotp")
        #expect(object["issuer"] as? String == "Bank")
        #expect(object["account"] as? String == "bob")
        #expect(object["secret"] as? String == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(object["algorithm"] as? String == "SHA1")
        #expect(object["digits"] as? Int == 8)
        #expect(object["counter"] as? Int == 42)

        let skoda = try otp("uri", "parse", Self.validURIs[4], "--json")
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(skoda.standardOutput.utf8)) as? [String: Any])
        #expect(fields["issuer"] as? String == "Škoda")
        #expect(fields["account"] as? String == "driver")
        #expect(fields["period"] as? Int == 60)
        #expect((fields["parameters"] as? [String: String]) == ["image": "https://example.com/a.png"])
        #expect(fields["counter"] == nil)
    }

    @Test("200 random mutations of valid URIs: exit 0, or one line of error and exit 2; never a crash")
    func mutations() throws {
        var random = SplitMix64(state: 3)
        let insertions = ["%", "%ZZ", "%3A", "&", "=", "?", "#", ":", "99999999999999999999999", "&secret=", "&digits=", "é", "\u{0}", " "]
        for i in 0..<200 {
            var bytes = Array(Self.validURIs[i % Self.validURIs.count].utf8)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
            case 1:
                let at = Int.random(in: 0..<bytes.count, using: &random)
                bytes[at] = UInt8.random(in: 0x20...0x7e, using: &random)
            case 2:
                let at = Int.random(in: 0...bytes.count, using: &random)
                bytes.insert(contentsOf: Array(insertions.randomElement(using: &random)!.utf8), at: at)
            default:
                let at = Int.random(in: 0..<bytes.count, using: &random)
                bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...8, using: &random)))
            }
            // Arguments cannot carry NUL: turn it into a visible byte.
            let mutated = String(decoding: bytes.map { $0 == 0 ? 0x41 : $0 }, as: UTF8.self)
            let result = try runProcess(otpExecutable, ["uri", "parse", mutated])
            #expect(result.status == 0 || result.status == 2, "status \(result.status) for \(mutated)")
            if result.status == 2 {
                let lines = result.standardError.split(separator: "\n")
                #expect(lines.count == 1, "\(mutated): \(result.standardError)")
                #expect(lines.first?.hasPrefix("otp: ") == true)
            }
        }
    }

    @Test("20 keys built by otp uri build parse back to the same fields, and otp code --uri equals oathtool",
          .enabled(if: oathtool != nil))
    func buildParseAndOathtool() throws {
        let oathtool = try #require(oathtool)
        var random = SplitMix64(state: 11)
        for i in 0..<20 {
            let secret = (0..<Int.random(in: 16...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let base32 = Base32.encode(secret, padding: false)
            let algorithm = ["SHA1", "SHA256", "SHA512"][i % 3]
            let digits = 6 + i % 3
            let period = [30, 60, 15][i % 3]
            let issuer = ["ACME Co", "Škoda", "株式会社", "A:B", "100% sure"][i % 5]
            let account = ["alice@example.com", "bob smith", "c+d@e.f"][i % 3]
            let built = try otp("uri", "build", "--issuer", issuer, "--account", account, "--secret", base32,
                                "--algorithm", algorithm, "--digits", "\(digits)", "--period", "\(period)")
            #expect(built.status == 0)
            let uri = built.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!uri.contains(" ") && !uri.contains("+"))
            let parsed = try otp("uri", "parse", uri, "--json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(parsed.standardOutput.utf8)) as? [String: Any])
            #expect(object["issuer"] as? String == issuer)
            #expect(object["account"] as? String == account)
            #expect(object["secret"] as? String == base32)
            #expect(object["algorithm"] as? String == algorithm)
            #expect(object["digits"] as? Int == digits)
            #expect(object["period"] as? Int == period)

            let time = UInt64.random(in: 0...4_000_000_000, using: &random)
            let ours = try otp("code", "--uri", uri, "--time", "\(time)")
            let theirs = try runProcess(oathtool, ["--totp=\(algorithm.lowercased())", "--base32", "--digits=\(digits)",
                                                   "--time-step-size=\(period)s", "--now=@\(time)", base32])
            #expect(ours.status == 0)
            #expect(ours.standardOutput == theirs.standardOutput, "\(uri) at \(time)")
        }
    }

    @Test("otp new: a 160-bit secret, a URI with issuer in both places, the secret grouped")
    func newKey() throws {
        let result = try otp("new", "--issuer", "Example", "--account", "alice@example.com")
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("otpauth://totp/Example:alice%40example.com?secret="))
        #expect(lines[0].hasSuffix("&issuer=Example"))
        let secret = try Base32.decodeLenient(lines[1])
        #expect(secret.count == 20)
        #expect(lines[1].split(separator: " ").allSatisfy { $0.count == 4 })
        let other = try otp("new", "--issuer", "Example", "--account", "alice@example.com")
        #expect(other.standardOutput != result.standardOutput)
    }

    @Test("otp verify: the matched offset and exit 0, or exit 1")
    func verify() throws {
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        // RFC 6238 Appendix B: 07081804 is the code at 1111111109 (step 37037036).
        let onTime = try otp("verify", "07081804", "--secret", secret, "--digits", "8", "--time", "1111111109")
        #expect(onTime.status == 0 && onTime.standardOutput == "0\n")
        let late = try otp("verify", "07081804", "--secret", secret, "--digits", "8", "--time", "1111111111")
        #expect(late.status == 0 && late.standardOutput == "-1\n")
        let narrow = try otp("verify", "07081804", "--secret", secret, "--digits", "8", "--time", "1111111111", "--window", "0")
        #expect(narrow.status == 1 && narrow.standardOutput == "")
        let wrong = try otp("verify", "07081805", "--secret", secret, "--digits", "8", "--time", "1111111109")
        #expect(wrong.status == 1)
        let huge = try otp("verify", "07081804", "--secret", secret, "--window", "1000000")
        #expect(huge.status == 2)
        // RFC 4226 Appendix D: counter 3 is 969429; from counter 1 it is 2 ahead.
        let hotp = try otp("verify", "969429", "--secret", secret, "--counter", "1", "--window", "3")
        #expect(hotp.status == 0 && hotp.standardOutput == "2\n")
    }
}
