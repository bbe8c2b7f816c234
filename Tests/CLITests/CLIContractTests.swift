import Foundation
import Testing

/// Regressions from trying the tool as a new user: misplaced secrets never echoed, write
/// failures and invalid UTF-8 reported, names that cannot round-trip refused.
@Suite("otp: the CLI contract under misuse")
struct CLIContractTests {
    static let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

    @Test("a secret in the wrong place never reaches standard error", arguments: [
        ["code", secret],
        ["code", "--secret \(secret)"],
        ["code", "--secret-file", secret],
        ["uri", "parse", "otpauth://totp/A:b?secret=\(secret)", "otpauth://totp/A:b?secret=\(secret)"],
        ["uri", "parse", "otpauth://totp/A:b?secret=MZXW6YTBMZXW6YTB&digits=\(secret)"],
        ["new", "--issuer", "X", "--account", "a", secret],
        ["verify", "123456", "--secret", "MZXW6YTBMZXW6YTB", "--digits", secret],
    ])
    func misplacedSecret(arguments: [String]) throws {
        let result = try runProcess(otpExecutable, arguments)
        #expect(result.status == 2)
        #expect(result.standardError.split(separator: "\n").first?.hasPrefix("otp: ") == true)
        #expect(!result.standardError.contains("JBSWY3DP"), "\(result.standardError)")
    }

    @Test("a failed write to standard output is exit 2, not a false success")
    func fullDisk() throws {
        let result = try runProcess(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "\"$0\" new --issuer X --account a --qr none > /dev/full", otpExecutable.path])
        #expect(result.status == 2)
        #expect(result.standardError.contains("cannot write standard output"))
    }

    @Test("an argument that is not UTF-8 is refused, not repaired")
    func invalidUTF8() throws {
        let result = try runProcess(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "\"$0\" uri build --issuer \"$(printf 'Bad\\377Name')\" --account a --secret MZXW6YTBMZXW6YTB",
             otpExecutable.path])
        #expect(result.status == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError.contains("argument 4 is not valid UTF-8"))
    }

    @Test("uri build refuses names that would not read back the same")
    func roundTripNames() throws {
        for account in [" ", " x"] {
            let result = try otp("uri", "build", "--issuer", "A", "--account", account, "--secret", "MZXW6YTBMZXW6YTB")
            #expect(result.status == 2)
        }
        let colon = try otp("uri", "build", "--account", "a:b", "--secret", "MZXW6YTBMZXW6YTB")
        #expect(colon.status == 2)
        let fine = try otp("uri", "build", "--issuer", "A:B", "--account", "a:b", "--secret", "MZXW6YTBMZXW6YTB")
        #expect(fine.status == 0)
    }

    @Test("a short secret gives a warning only when the command succeeds")
    func shortSecretWarning() throws {
        let ok = try otp("code", "--secret", "MZXW6YTB", "--time", "0")
        #expect(ok.status == 0)
        #expect(ok.standardError.contains("warning: the secret has 40 bits"))
        let failed = try otp("code", "--secret", "MZXW6YTB", "--digits", "5")
        #expect(failed.status == 2)
        #expect(!failed.standardError.contains("warning"))
    }

    @Test("verify: the window's range is the verifier's; the last HOTP counter is refused clearly")
    func verifyLimits() throws {
        let window = try otp("verify", "287082", "--secret", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "--window", "11")
        #expect(window.status == 2)
        #expect(window.standardError.contains("from 0 to 10"))
        let last = try otp("verify", "094451", "--secret", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
                           "--counter", "18446744073709551615", "--window", "0")
        #expect(last.status == 2)
        #expect(last.standardError.contains("no counter would be left"))
        // Options may come before the code.
        let early = try otp("verify", "--secret", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "--counter", "1", "287082")
        #expect(early.status == 0 && early.standardOutput == "0\n")
    }
}
