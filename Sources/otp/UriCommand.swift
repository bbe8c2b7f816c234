import OTP
import OTPCrypto
import OTPEncoding

/// `otp uri parse` and `otp uri build`: read and write otpauth:// key URIs.
enum UriCommand {
    static let help = """
        Usage: otp uri parse URI [--json]
               otp uri build --issuer NAME --account NAME [options]

        parse   Reads an otpauth:// key URI ("-" reads it from standard input) and prints
                its fields. With --json: one object with type, issuer, account, secret
                (Base32, upper case, no padding), algorithm, digits, period (TOTP) or
                counter (HOTP), and parameters (the URI's other parameters).
        build   Writes a provisioning URI that authenticator apps accept. Without a secret
                option a new random secret is made (20, 32 or 64 bytes by algorithm).

        Options for build:
          --issuer NAME         the service (written as label prefix and issuer=)
          --account NAME        the user's account name
          --secret BASE32       the secret ("-" reads it from standard input)
          --secret-file FILE    read the secret from FILE
          --hotp                an HOTP key (needs --counter)
          --counter N           the HOTP counter
          --algorithm NAME      sha1 (default), sha256 or sha512
          --digits N            6 to 10 (default 6)
          --period S            TOTP time step in seconds (default 30)
          --include-defaults    also write algorithm, digits and period when default
          -h, --help            show this help

        Exit status: 0 success, 2 bad input or usage.
        """

    static func run(_ arguments: ArraySlice<String>) throws(CLIError) {
        switch arguments.first {
        case "parse": try parse(arguments.dropFirst())
        case "build": try build(arguments.dropFirst())
        case let other?: throw .usage("unknown uri command '\(other.printable)'; use parse or build")
        case nil: throw .usage("otp uri needs parse or build")
        }
    }

    static func parse(_ arguments: ArraySlice<String>) throws(CLIError) {
        guard let text = arguments.first, text == "-" || !text.hasPrefix("--") else {
            throw .usage("the URI comes first: otp uri parse URI [--json]")
        }
        let options = try Options(arguments.dropFirst(), valued: [], flags: ["--json"])
        let uriText = text == "-" ? try SecretInput.text(fromStandardInputNamed: "the URI") : text
        let key: KeyURI
        do {
            key = try KeyURI(parsing: uriText)
        } catch {
            throw .badInput("not a valid key URI: \(error)")
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
        if key.isSecretShort {
            SystemIO.writeError("otp: warning: the secret has \(key.secret.count * 8) bits, fewer than the 128 RFC 4226 §4 requires\n")
        }
    }

    static func build(_ arguments: ArraySlice<String>) throws(CLIError) {
        let options = try Options(
            arguments,
            valued: SecretInput.valuedOptions.union(["--issuer", "--account", "--counter", "--algorithm", "--digits", "--period"]),
            flags: ["--hotp", "--include-defaults"])
        let key = try KeyFields.read(options, secretRequired: false)
        SystemIO.writeOut(key.uriString(includeDefaults: options.has("--include-defaults")) + "\n")
    }
}

/// The fields of a key given as options (`--issuer`, `--account`, `--algorithm`, ...), for
/// `otp uri build` and `otp new`.
enum KeyFields {
    static func read(_ options: Options, secretRequired: Bool) throws(CLIError) -> KeyURI {
        guard let account = options["--account"], !account.isEmpty else {
            throw .usage("--account NAME is required")
        }
        var algorithm = HashAlgorithm.sha1
        if let name = options["--algorithm"] {
            guard let parsed = HashAlgorithm(caseInsensitiveName: name) else {
                throw .usage("--algorithm must be sha1, sha256 or sha512, got '\(name.printable)'")
            }
            algorithm = parsed
        }
        let digits = Int(try options.unsigned("--digits", in: 6...10, meaning: "a number of digits") ?? 6)
        let period = try options.unsigned("--period", in: 1...UInt64.max, meaning: "a number of seconds")
        let counter = try options.unsigned("--counter", meaning: "a counter")
        let isHOTP = options.has("--hotp") || counter != nil
        if isHOTP, period != nil { throw .usage("--period applies to TOTP and cannot be combined with --hotp") }
        if options.has("--hotp"), counter == nil { throw .usage("--hotp needs --counter N") }

        let secret: SecretBytes
        if options["--secret"] != nil || options["--secret-file"] != nil || secretRequired {
            secret = try SecretInput.read(options)
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
        return key
    }
}
