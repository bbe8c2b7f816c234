import OTP

/// `otp verify CODE`: checks a code against a key, with a window for clock drift.
enum VerifyCommand {
    static let help = """
        Usage: otp verify CODE (--secret BASE32 | --secret - | --secret-file FILE | --uri URI) [options]

        Checks a one-time password. For TOTP, the steps from N before to N after the one at
        --time (or now) are tried; on a match it prints the offset of the matching step
        (0: on time, -1: one step old, 1: one step early). For HOTP, counters from --counter
        to --counter + N are tried and it prints the matching counter's offset.

        This command keeps no state, so it cannot refuse a replayed code; a server must
        use the library's TOTPVerifier, which does (RFC 6238 §5.2).

        Options:
        \(KeyOptions.helpLines)
          --time UNIX           Unix time in seconds (default: the system clock)
          --window N            steps tried on each side (TOTP, 0 to 10) or ahead
                                (HOTP, 0 to 100); default 1
          -h, --help            show this help

        Exit status: 0 the code is valid, 1 it is not, 2 bad input or usage.
        """

    static func run(_ arguments: ArraySlice<String>) throws(CLIError) {
        let options = try Options(
            arguments, valued: KeyOptions.valued + ["--time", "--window"], flags: KeyOptions.flags, positional: 1)
        guard let code = options.positionals.first else { throw .usage("the code is missing: otp verify CODE [options]") }
        let time = try options.unsigned("--time", meaning: "a Unix time in seconds")

        let outcome: VerificationOutcome
        switch try KeyOptions.resolve(options) {
        case .totp(let totp):
            let steps = try options.unsigned("--window", in: 0...TOTPVerifier.maximumWindow, meaning: "a number of steps") ?? 1
            let verifier: TOTPVerifier
            do {
                verifier = try TOTPVerifier(totp: totp, stepsBehind: steps, stepsAhead: steps)
            } catch {
                throw .usage("--window: \(error)")
            }
            outcome = verifier.verify(code, at: time ?? SystemIO.now(), state: TOTPState()).outcome
        case .hotp(let hotp, let counter):
            guard time == nil else { throw .usage("--time applies to TOTP, not to an HOTP key") }
            guard let counter else { throw .usage("--hotp needs --counter N (the next counter expected)") }
            guard counter < UInt64.max else {
                throw .badInput("counter 18446744073709551615 cannot be verified: no counter would be left after it")
            }
            let lookAhead = try options.unsigned(
                "--window", in: 0...HOTPVerifier.maximumLookAhead, meaning: "a number of steps") ?? 1
            let verifier: HOTPVerifier
            do {
                verifier = try HOTPVerifier(hotp: hotp, lookAhead: lookAhead)
            } catch {
                throw .usage("--window: \(error)")
            }
            outcome = verifier.verify(code, at: 0, state: HOTPState(nextCounter: counter)).outcome
        }

        switch outcome {
        case .accepted(_, let drift):
            SystemIO.writeOut("\(drift)\n")
        case .malformed:
            throw CLIError(exitStatus: 1, message: "the code is not valid: it must be exactly the key's number of ASCII digits", showsHelpHint: false)
        case .timeBeforeT0:
            throw .badInput("the time is before T0")
        default:
            throw CLIError(exitStatus: 1, message: "the code is not valid", showsHelpHint: false)
        }
    }
}
