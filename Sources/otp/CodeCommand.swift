import OTP

/// `otp code`: prints the HOTP or TOTP code for a secret.
enum CodeCommand {
    static let help = """
        Usage: otp code [--secret BASE32 | --secret - | --secret-file FILE] [options]

        Prints the one-time password for a Base32 secret: a TOTP code (RFC 6238) for the
        current time, or for --time; an HOTP code (RFC 4226) with --hotp or --counter.

        The secret comes from --secret (use "-" to read it from standard input),
        --secret-file, or the environment variable OTP_SECRET. A secret on the command line
        is visible to other users in the process list; prefer the other three.

        Options:
          --secret BASE32       the shared secret in Base32 (case, spaces, hyphens and
                                padding are forgiven)
          --secret-file FILE    read the secret from FILE
          --time UNIX           Unix time in seconds (default: the system clock)
          --counter N           the counter or time step (implies an HOTP code for N)
          --hotp                HOTP instead of TOTP; needs --counter
          --algorithm NAME      sha1 (default), sha256 or sha512
          --digits N            6 to 10 (default 6)
          --period S            TOTP time step in seconds (default 30)
          --t0 S                TOTP start time T0 in Unix seconds (default 0)
          -h, --help            show this help

        Exit status: 0 success, 2 bad input or usage.

        Example:
          OTP_SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ otp code --time 59 --digits 8
        """

    static func run(_ arguments: ArraySlice<String>) throws(CLIError) {
        let options = try Options(
            arguments,
            valued: SecretInput.valuedOptions.union(["--time", "--counter", "--algorithm", "--digits", "--period", "--t0"]),
            flags: ["--hotp"])

        var algorithm = HashAlgorithm.sha1
        if let name = options["--algorithm"] {
            guard let parsed = HashAlgorithm(caseInsensitiveName: name) else {
                throw .usage("--algorithm must be sha1, sha256 or sha512, got '\(name.printable)'")
            }
            algorithm = parsed
        }
        let digits = try options.unsigned("--digits", in: 6...10, meaning: "a number of digits") ?? 6
        let counter = try options.unsigned("--counter", meaning: "a counter")
        let time = try options.unsigned("--time", meaning: "a Unix time in seconds")
        let period = try options.unsigned("--period", in: 1...UInt64.max, meaning: "a number of seconds")
        let t0 = try options.unsigned("--t0", meaning: "a Unix time in seconds")

        if options.has("--hotp") || counter != nil {
            guard let counter else { throw .usage("--hotp needs --counter N") }
            for timeOption in ["--time", "--period", "--t0"] where options[timeOption] != nil {
                throw .usage("\(timeOption) applies to TOTP and cannot be combined with \(options.has("--hotp") ? "--hotp" : "--counter")")
            }
            let secret = try SecretInput.read(options)
            let hotp: HOTP
            do {
                hotp = try HOTP(secret: secret, algorithm: algorithm, digits: Int(digits))
            } catch {
                throw .badInput(error.description)
            }
            SystemIO.writeOut(hotp.code(counter: counter) + "\n")
        } else {
            let secret = try SecretInput.read(options)
            do {
                let totp = try TOTP(
                    secret: secret, algorithm: algorithm, digits: Int(digits), period: period ?? 30, t0: t0 ?? 0)
                SystemIO.writeOut(try totp.code(at: time ?? SystemIO.now()) + "\n")
            } catch {
                throw .badInput(error.description)
            }
        }
    }
}
