import OTP
import OTPCrypto
import OTPEncoding

/// `otp uri parse` and `otp uri build`: read and write otpauth:// key URIs.
enum UriCommand {
    static let help = """
        Usage: otp uri parse URI [--json]
               otp uri build --account NAME [--issuer NAME] [options]

        parse   Reads an otpauth:// key URI ("-" reads it from standard input) and prints
                its fields. With --json: one object with type, issuer, account, secret
                (Base32, upper case, no padding), algorithm, digits, period (TOTP) or
                counter (HOTP), and parameters (the URI's other parameters).
        build   Writes a provisioning URI that authenticator apps accept. Without
                --secret or --secret-file a new random secret is made (20, 32 or 64 bytes
                by algorithm); OTP_SECRET is not read here.

        Options for build:
          --account NAME        the user's account name (required)
          --issuer NAME         the service (recommended; written as label prefix and
                                issuer=)
          --secret BASE32       the secret ("-" reads it from standard input)
          --secret-file FILE    read the secret from FILE
          --hotp                an HOTP key (needs --counter)
          --counter N           the HOTP counter
          --algorithm NAME      sha1 (default), sha256 or sha512
          --digits N            6 to 10 (default 6)
          --period S            TOTP time step in seconds (default 30)
          --include-defaults    also write algorithm, digits and period when default
          --json                print {"uri": ..., "secret": ...} instead
          -h, --help            show this help

        Exit status: 0 success, 2 bad input or usage.
        """

    static func run(_ arguments: ArraySlice<String>) throws(CLIError) {
        switch arguments.first {
        case "parse": try parse(arguments.dropFirst())
        case "build": try build(arguments.dropFirst())
        case let other?: throw .usage("unknown uri command \(other.quotedValue); use parse or build")
        case nil: throw .usage("uri needs a command: parse or build")
        }
    }

    static func parse(_ arguments: ArraySlice<String>) throws(CLIError) {
        let options = try Options(arguments, valued: [], flags: ["--json"], positional: 1)
        guard let text = options.positionals.first else { throw .usage("the URI is missing: otp uri parse URI [--json]") }
        let uriText = text == "-" ? try SecretInput.text(fromStandardInputNamed: "the URI") : text
        if text != "-" { SecretInput.warnOnCommandLine("a key URI", instead: "- (standard input)") }
        let key: KeyURI
        do {
            key = try KeyURI(parsing: uriText)
        } catch {
            throw .badInput("\(error)")
        }
        let secret = Base32.encode(key.secret.revealed, padding: false)
        if options.has("--json") {
            var object = JSONObject()
            object.add("type", key.kind.rawValue)
            object.add("issuer", key.issuer)
            object.add("account", key.account)
            object.add("secret", secret)
            object.add("algorithm", key.algorithm.rawValue)
            object.add("digits", UInt64(key.digits))
            switch key.kind {
            case .totp: object.add("period", key.period)
            case .hotp: object.add("counter", key.counter)
            }
            var parameters = JSONObject()
            for name in key.parameters.keys.sorted() { parameters.add(name, key.parameters[name]) }
            object.add("parameters", object: parameters)
            SystemIO.writeOut(object.text + "\n")
        } else {
            var lines = ["type: \(key.kind.rawValue)", "issuer: \(key.issuer?.printable ?? "(none)")",
                         "account: \(key.account.printable)", "secret: \(secret)",
                         "algorithm: \(key.algorithm.rawValue)", "digits: \(key.digits)"]
            switch key.kind {
            case .totp: lines.append("period: \(key.period)")
            case .hotp: lines.append("counter: \(key.counter)")
            }
            for name in key.parameters.keys.sorted() {
                lines.append("parameter \(name.printable): \(key.parameters[name]?.printable ?? "")")
            }
            SystemIO.writeOut(lines.joined(separator: "\n") + "\n")
        }
        SecretInput.warnIfShort(key.secret)
    }

    static func build(_ arguments: ArraySlice<String>) throws(CLIError) {
        let options = try Options(
            arguments,
            valued: SecretInput.valuedOptions + ["--issuer", "--account", "--counter", "--algorithm", "--digits", "--period"],
            flags: ["--hotp", "--include-defaults", "--json"])
        let key = try KeyFields.read(options, secretRequired: false)
        let uri = key.uriString(includeDefaults: options.has("--include-defaults"))
        if options.has("--json") {
            var object = JSONObject()
            object.add("uri", uri)
            object.add("secret", Base32.encode(key.secret.revealed, padding: false))
            SystemIO.writeOut(object.text + "\n")
        } else {
            SystemIO.writeOut(uri + "\n")
        }
    }
}

/// The fields of a key given as options (`--issuer`, `--account`, `--algorithm`, ...), for
/// `otp uri build` and `otp new`.
enum KeyFields {
    static func read(_ options: Options, secretRequired: Bool) throws(CLIError) -> KeyURI {
        guard let account = options["--account"], !account.isEmpty else {
            throw .usage("--account NAME is required")
        }
        let algorithm = try options.algorithm()
        let digits = try options.digits()
        let period = try options.unsigned("--period", in: 1...UInt64.max, meaning: "a number of seconds")
        let counter = try options.unsigned("--counter", meaning: "a counter")
        let isHOTP = options.has("--hotp") || counter != nil
        if isHOTP, period != nil { throw .usage("--period applies to TOTP and cannot be combined with --hotp") }
        if options.has("--hotp"), counter == nil { throw .usage("--hotp needs --counter N") }

        let secret: SecretBytes
        if options["--secret"] != nil || options["--secret-file"] != nil || secretRequired {
            secret = try SecretInput.read(options, environment: false)
        } else {
            var generator = SystemRandomNumberGenerator()
            secret = SecretBytes((0..<algorithm.digestByteCount).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        let issuer = options["--issuer"].flatMap { $0.isEmpty ? nil : $0 }
        let key = KeyURI(
            kind: isHOTP ? .hotp : .totp, issuer: issuer, account: account, secret: secret,
            algorithm: algorithm, digits: digits, period: period ?? 30, counter: counter ?? 0)
        do {
            try key.validate()
        } catch {
            throw .badInput(error.description)
        }
        // A name the URI cannot carry unchanged (spaces after the issuer's colon are dropped
        // when read; an account with ':' and no issuer reads back as issuer:account).
        guard let reread = try? KeyURI(parsing: key.uriString()), reread.account == key.account,
              reread.issuer == key.issuer
        else {
            throw .badInput("the issuer or account would not read back the same from the URI "
                + "(an account may not start with a space, nor contain ':' without --issuer)")
        }
        return key
    }
}
