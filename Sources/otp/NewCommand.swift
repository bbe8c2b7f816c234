import OTP
import OTPEncoding
import QRCode

/// `otp new`: a new random key for enrollment, as a URI and as a secret to type.
enum NewCommand {
    static let help = """
        Usage: otp new --account NAME [--issuer NAME] [options]

        Makes a new random secret from the system's secure random generator (20 bytes for
        SHA-1, 32 for SHA-256, 64 for SHA-512) and prints the otpauth:// URI, the secret in
        groups of four for typing into an app by hand, and, when standard output is a
        terminal, the URI as a QR code (level M) for an authenticator app to scan.

        Options:
          --account NAME        the user's account name (required)
          --issuer NAME         the service (recommended; written as label prefix and
                                issuer=)
          --algorithm NAME      sha1 (default), sha256 or sha512
          --digits N            6 to 10 (default 6)
          --period S            TOTP time step in seconds (default 30)
          --qr FORMAT           terminal (the default on a terminal), ascii, svg, png, or
                                none (the default when the output is not a terminal)
          --output FILE         write the QR code to FILE (needed for svg and png; a
                                name ending in .svg or .png implies that --qr)
          --invert              terminal and ascii: draw the light modules, for terminals
                                with light text on a dark background
          --json                print {"uri": ..., "secret": ...} instead (no terminal QR)
          -h, --help            show this help

        Exit status: 0 success, 2 bad input or usage.
        """

    static func run(_ arguments: ArraySlice<String>) throws(CLIError) {
        let options = try Options(
            arguments, valued: ["--issuer", "--account", "--algorithm", "--digits", "--period", "--qr", "--output"],
            flags: ["--json", "--invert"])
        let output = try qrOutput(options)
        let key = try KeyFields.read(options, secretRequired: false)
        let uri = key.uriString()
        let secret = Base32.encode(key.secret.revealed, padding: false)
        if options.has("--json") {
            var object = JSONObject()
            object.add("uri", uri)
            object.add("secret", secret)
            SystemIO.writeOut(object.text + "\n")
        } else {
            SystemIO.writeOut(uri + "\n" + Base32.grouped(secret) + "\n")
        }
        if let output {
            let code: QRCode
            do {
                code = try QRCode(encoding: uri, errorCorrection: .medium)
            } catch {
                throw .badInput(error.description)
            }
            try output.write(code)
        }
    }

    /// Where the enrollment QR code goes, if anywhere: `--qr` with `--output` and `--invert`.
    private static func qrOutput(_ options: Options) throws(CLIError) -> QROutput? {
        let json = options.has("--json")
        let inferred = options["--output"].flatMap(QRFormat.init(inferringFrom:))?.rawValue
        let name = options["--qr"] ?? inferred ?? (SystemIO.isTerminal(1) && !json ? "terminal" : "none")
        if name.lowercased() == "none" {
            for option in ["--output", "--invert"] where options[option] != nil || options.has(option) {
                throw .usage("\(option) needs --qr terminal, ascii, svg or png")
            }
            return nil
        }
        let format: QRFormat
        do {
            format = try QRFormat(name)
        } catch {
            throw .usage("--qr must be terminal, ascii, svg, png or none, got \(name.quotedValue)")
        }
        let output = try QROutput(options, format: format)
        switch format {
        case .svg, .png:
            guard output.path != nil else { throw .usage("--qr \(format.rawValue) needs --output FILE") }
        case .terminal, .ascii:
            if json && output.path == nil { throw .usage("--qr \(format.rawValue) cannot be combined with --json; give --output FILE") }
        }
        return output
    }
}
