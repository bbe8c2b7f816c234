import OTP
import OTPCrypto

/// The options that name a key, shared by `otp code` and `otp verify`: either `--uri URI`
/// (`-` reads it from standard input) or a secret (see `SecretInput`) with `--hotp`,
/// `--algorithm`, `--digits`, `--period`, `--t0`; `--counter` for HOTP.
enum KeyOptions {
    static let valued: [String] = SecretInput.valuedOptions
        + ["--uri", "--counter", "--algorithm", "--digits", "--period", "--t0"]
    static let flags: [String] = ["--hotp"]

    static let helpLines = """
          --secret BASE32       the shared secret in Base32 (case, spaces, hyphens and
                                padding are forgiven); "-" reads it from standard input
          --secret-file FILE    read the secret from FILE
          --uri URI             take the key from an otpauth:// URI ("-": standard input)
          --hotp                HOTP (RFC 4226) instead of TOTP (RFC 6238)
          --counter N           the HOTP counter (implies --hotp)
          --algorithm NAME      sha1 (default), sha256 or sha512
          --digits N            6 to 10 (default 6)
          --period S            TOTP time step in seconds (default 30)
          --t0 S                TOTP start time T0 in Unix seconds (default 0)
        """

    /// The key the options describe.
    enum Key {
        case totp(TOTP)
        /// An HOTP generator and the counter given (by `--counter` or the URI), if any.
        case hotp(HOTP, counter: UInt64?)
    }

    static func resolve(_ options: Options) throws(CLIError) -> Key {
        let counter = try options.unsigned("--counter", meaning: "a counter")
        if let uriText = options["--uri"] {
            for option in ["--secret", "--secret-file", "--algorithm", "--digits", "--period", "--t0", "--hotp"]
            where options[option] != nil || options.has(option) {
                throw .usage("\(option) cannot be combined with --uri (the URI sets the key)")
            }
            let text = uriText == "-"
                ? try SecretInput.text(fromStandardInputNamed: "the URI").trimmingASCIIWhitespace : uriText
            if uriText != "-" { SecretInput.warnOnCommandLine("a key URI", instead: "--uri - (standard input)") }
            let key: KeyURI
            do {
                key = try KeyURI(parsing: text)
            } catch {
                throw .badInput("\(error)")
            }
            SecretInput.warnIfShort(key.secret)
            do {
                switch key.kind {
                case .totp:
                    if counter != nil { return .hotp(try key.makeHOTP(), counter: counter) }
                    return .totp(try key.makeTOTP())
                case .hotp:
                    return .hotp(try key.makeHOTP(), counter: counter ?? key.counter)
                }
            } catch {
                throw .badInput(error.description)
            }
        }

        let algorithm = try options.algorithm()
        let digits = try options.digits()
        let period = try options.unsigned("--period", in: 1...UInt64.max, meaning: "a number of seconds")
        let t0 = try options.unsigned("--t0", meaning: "a Unix time in seconds")
        let isHOTP = options.has("--hotp") || counter != nil
        if isHOTP {
            for option in ["--time", "--period", "--t0"] where options[option] != nil {
                throw .usage("\(option) applies to TOTP and cannot be combined with \(options.has("--hotp") ? "--hotp" : "--counter")")
            }
        }
        let secret = try SecretInput.read(options)
        do {
            if isHOTP {
                return .hotp(try HOTP(secret: secret, algorithm: algorithm, digits: digits), counter: counter)
            }
            return .totp(try TOTP(secret: secret, algorithm: algorithm, digits: digits, period: period ?? 30, t0: t0 ?? 0))
        } catch {
            throw .badInput(error.description)
        }
    }
}
