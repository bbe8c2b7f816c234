/// `otp code`: prints the HOTP or TOTP code for a key.
enum CodeCommand {
    static let help = """
        Usage: otp code (--secret BASE32 | --secret - | --secret-file FILE | --uri URI) [options]

        Prints the one-time password for a key: a TOTP code (RFC 6238) for the current time,
        or for --time; an HOTP code (RFC 4226) with --hotp --counter N, or for an hotp URI.

        The secret comes from --secret ("-" reads it from standard input), --secret-file,
        the environment variable OTP_SECRET, or an otpauth:// URI. A secret on the command
        line is visible to other users in the process list: otp warns, prefer the other ways.

        Options:
        \(KeyOptions.helpLines)
          --time UNIX           Unix time in seconds (default: the system clock)
          -h, --help            show this help

        Exit status: 0 success, 2 bad input or usage.

        Example:
          OTP_SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ otp code --time 59 --digits 8
        """

    static func run(_ arguments: ArraySlice<String>) throws(CLIError) {
        let options = try Options(arguments, valued: KeyOptions.valued + ["--time"], flags: KeyOptions.flags)
        let time = try options.unsigned("--time", meaning: "a Unix time in seconds")
        switch try KeyOptions.resolve(options) {
        case .totp(let totp):
            do {
                SystemIO.writeOut(try totp.code(at: time ?? SystemIO.now()) + "\n")
            } catch {
                throw .badInput(error.description)
            }
        case .hotp(let hotp, let counter):
            guard time == nil else { throw .usage("--time applies to TOTP, not to an HOTP key") }
            guard let counter else { throw .usage("--hotp needs --counter N") }
            SystemIO.writeOut(hotp.code(counter: counter) + "\n")
        }
    }
}
