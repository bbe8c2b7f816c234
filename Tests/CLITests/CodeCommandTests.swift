import Foundation
import OTPEncoding
import Testing

@Suite("otp code")
struct CodeCommandTests {
    static let rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  // Base32 of "12345678901234567890"

    @Test("RFC 6238 Appendix B, time 59, 8 digits: 94287082")
    func rfcValue() throws {
        let result = try otp("code", "--secret", Self.rfcSecret, "--time", "59", "--digits", "8")
        #expect(result.status == 0)
        #expect(result.standardOutput == "94287082\n")
        #expect(result.standardError == """
            otp: warning: a secret on the command line is visible to other users in the process list; \
            use --secret - (standard input), --secret-file FILE or OTP_SECRET instead

            """)
    }

    @Test("a secret or key URI given as an argument is warned about once, without the secret; other sources are not")
    func commandLineSecretWarning() throws {
        let uri = "otpauth://totp/Example:alice?secret=\(Self.rfcSecret)&issuer=Example"
        let warned = [
            try otp("code", "--secret", Self.rfcSecret, "--counter", "1"),
            try otp("verify", "287082", "--secret", Self.rfcSecret, "--counter", "1"),
            try otp("code", "--uri", uri, "--time", "59"),
            try otp("uri", "parse", uri),
        ]
        for result in warned {
            #expect(result.status == 0, "\(result.standardError)")
            let lines = result.standardError.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("visible to other users in the process list"), "\(result.standardError)")
            #expect(!result.standardError.contains("GEZDGNBVGY3TQOJ"))
        }
        // otp uri build does not read OTP_SECRET (it makes a random secret), so its warning
        // does not suggest it.
        let build = try otp("uri", "build", "--account", "a", "--secret", Self.rfcSecret)
        #expect(build.status == 0)
        #expect(build.standardError.contains("use --secret - (standard input) or --secret-file FILE instead"), "\(build.standardError)")
        #expect(!build.standardError.contains("OTP_SECRET"))
        let quiet = [
            try otp("code", "--secret", "-", "--counter", "1", input: Self.rfcSecret),
            try otp("code", "--counter", "1", environment: ["OTP_SECRET": Self.rfcSecret]),
            try otp("code", "--uri", "-", "--time", "59", input: uri),
            try otp("uri", "parse", "-", input: uri),
        ]
        for result in quiet {
            #expect(result.status == 0 && result.standardError == "", "\(result.standardError)")
        }
    }

    @Test("the secret from standard input, a file and OTP_SECRET; RFC 4226 counter 1 is 287082")
    func secretSources() throws {
        let viaStdin = try otp("code", "--secret", "-", "--hotp", "--counter", "1", input: Self.rfcSecret + "\n")
        #expect(viaStdin.standardOutput == "287082\n")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("otp-secret-\(getpid())")
        try "gezd gnbv gy3t qojq gezd gnbv gy3t qojq\r\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let viaFile = try otp("code", "--secret-file", file.path, "--counter", "1")
        #expect(viaFile.standardOutput == "287082\n")
        let viaEnvironment = try otp("code", "--counter", "1", environment: ["OTP_SECRET": Self.rfcSecret])
        #expect(viaEnvironment.standardOutput == "287082\n")
    }

    @Test("RFC 6238 SHA-256 and SHA-512 rows with their 32- and 64-byte seeds")
    func otherAlgorithms() throws {
        let seed32 = Base32.encode(Array("12345678901234567890123456789012".utf8))
        let seed64 = Base32.encode(Array("1234567890123456789012345678901234567890123456789012345678901234".utf8))
        let sha256 = try otp("code", "--secret", seed32, "--algorithm", "sha256", "--time", "1111111109", "--digits", "8")
        #expect(sha256.standardOutput == "68084774\n")
        let sha512 = try otp("code", "--secret", seed64, "--algorithm", "SHA512", "--time", "20000000000", "--digits", "8")
        #expect(sha512.standardOutput == "47863826\n")
    }

    @Test("bad input: exit 2, one line naming the problem, a help hint, and never the secret",
          arguments: [
            (["code", "--secret", "GEZDGNBVGY3TQOJ1", "--time", "1"], "Base32"),
            (["code", "--secret", "GEZDGNBVGY3TQOJQ", "--digits", "5"], "--digits"),
            (["code", "--secret", "GEZDGNBVGY3TQOJQ", "--digits", "99999999999999999999999"], "--digits"),
            (["code", "--secret", "GEZDGNBVGY3TQOJQ", "--time", "-1"], "--time"),
            (["code", "--secret", "GEZDGNBVGY3TQOJQ", "--time", "18446744073709551616"], "--time"),
            (["code", "--secret", "GEZDGNBVGY3TQOJQ", "--period", "0"], "--period"),
            (["code", "--secret", "GEZDGNBVGY3TQOJQ", "--algorithm", "md5"], "--algorithm"),
            (["code", "--secret", "GEZDGNBVGY3TQOJQ", "--t0", "100", "--time", "99"], "T0"),
            (["code", "--secret", "GEZDGNBVGY3TQOJQ", "--hotp"], "--counter"),
            (["code", "--secret", "GEZDGNBVGY3TQOJQ", "--hotp", "--counter", "1", "--time", "5"], "--time"),
            (["code", "--secret", "GEZDGNBVGY3TQOJQ", "--secret", "GEZDGNBVGY3TQOJQ"], "more than once"),
            (["code", "--secret", "GEZDGNBVGY3TQOJQ", "--frobnicate"], "--frobnicate"),
            (["code", "--secret"], "needs a value"),
            (["code"], "no secret"),
            (["code", "--secret", ""], "empty"),
            (["frobnicate"], "unknown command"),
          ])
    func badInput(arguments: [String], mentions: String) throws {
        let result = try runProcess(otpExecutable, arguments)
        #expect(result.status == 2)
        #expect(result.standardOutput == "")
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.first?.hasPrefix("otp: ") == true)
        #expect(lines.first?.contains(mentions) == true, "\(result.standardError)")
        #expect(lines.count <= 2)
        #expect(!result.standardError.contains("GEZDGNBVGY3TQOJ"))
    }

    @Test("-h, --help and help code print the same text")
    func help() throws {
        let short = try otp("code", "-h")
        let long = try otp("code", "--help")
        let topic = try otp("help", "code")
        #expect(short.status == 0 && long.status == 0 && topic.status == 0)
        #expect(short.standardOutput.hasPrefix("Usage: otp code"))
        #expect(short.standardOutput == long.standardOutput)
        #expect(short.standardOutput == topic.standardOutput)
        #expect(try otp("--version").standardOutput == "0.1.0\n")
    }

    @Test("50 random secrets, times and algorithms agree with oathtool", .enabled(if: oathtool != nil))
    func agreesWithOathtool() throws {
        let oathtool = try #require(oathtool)
        var random = SplitMix64(state: 20261203)
        for _ in 0..<50 {
            let secret = (0..<Int.random(in: 10...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let algorithm = ["sha1", "sha256", "sha512"].randomElement(using: &random)!
            let digits = Int.random(in: 6...8, using: &random)
            let period = [30, 60, 15, 1].randomElement(using: &random)!
            let time = UInt64.random(in: 0...UInt64(UInt32.max) * 2, using: &random)
            let base32 = Base32.encode(secret, padding: false)
            let ours = try otp("code", "--secret", base32, "--algorithm", algorithm, "--digits", "\(digits)",
                               "--period", "\(period)", "--time", "\(time)")
            let theirs = try runProcess(oathtool, ["--totp=\(algorithm)", "--base32", "--digits=\(digits)",
                                                   "--time-step-size=\(period)s", "--now=@\(time)", base32])
            #expect(theirs.status == 0, "\(theirs.standardError)")
            #expect(ours.standardOutput == theirs.standardOutput, "\(algorithm) \(digits) digits, X=\(period), t=\(time)")
        }
    }
}
