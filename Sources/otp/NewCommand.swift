import OTP
import OTPEncoding

/// `otp new`: a new random key for enrollment, as a URI and as a secret to type.
enum NewCommand {
    static let help = """
        Usage: otp new --issuer NAME --account NAME [options]

        Makes a new random secret from the system's secure random generator (20 bytes for
        SHA-1, 32 for SHA-256, 64 for SHA-512) and prints the otpauth:// URI to show as a
        QR code, then the secret in groups of four for typing into an app by hand.

        Options:
          --issuer NAME         the service (written as label prefix and issuer=)
          --account NAME        the user's account name
          --algorithm NAME      sha1 (default), sha256 or sha512
          --digits N            6 to 10 (default 6)
          --period S            TOTP time step in seconds (default 30)
          --json                print {"uri": ..., "secret": ...} instead
          -h, --help            show this help

        Exit status: 0 success, 2 bad input or usage.
        """

    static func run(_ arguments: ArraySlice<String>) throws(CLIError) {
        let options = try Options(
            arguments, valued: ["--issuer", "--account", "--algorithm", "--digits", "--period"], flags: ["--json"])
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
    }
}
