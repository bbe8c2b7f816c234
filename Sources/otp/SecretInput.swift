import OTPCrypto
import OTPEncoding

/// Where `otp` takes a Base32 secret from: `--secret VALUE`, `--secret -` (standard input),
/// `--secret-file FILE`, or the environment variable `OTP_SECRET`, in that order of choice.
/// Exactly one source may be given on the command line.
enum SecretInput {
    static let valuedOptions: [String] = ["--secret", "--secret-file"]
    static let environmentVariable = "OTP_SECRET"

    /// A secret file or standard input holds a few dozen characters; more is a mistake.
    static let sizeLimit = 64 * 1024

    /// The secret the options name. `environment: false` for commands that do not read
    /// `OTP_SECRET` (`otp uri build` and `otp new` make a random secret instead).
    static func read(_ options: Options, environment: Bool = true) throws(CLIError) -> SecretBytes {
        let text: String
        switch (options["--secret"], options["--secret-file"]) {
        case (.some, .some):
            throw .usage("give the secret once: --secret or --secret-file, not both")
        case (.some("-"), nil):
            text = try Self.text(fromStandardInputNamed: "the secret")
        case (.some(let value), nil):
            warnOnCommandLine("a secret", instead: environment
                ? "--secret - (standard input), --secret-file FILE or \(environmentVariable)"
                : "--secret - (standard input) or --secret-file FILE")
            text = value
        case (nil, .some(let path)):
            text = try decodeText(SystemIO.readAll(path: path, named: "the secret file", limit: sizeLimit), from: "the secret file")
        case (nil, nil):
            guard environment, let value = SystemIO.environment(environmentVariable) else {
                throw .usage("no secret: give --secret BASE32, --secret - (standard input), --secret-file FILE or set \(environmentVariable)")
            }
            text = value
        }
        guard text.utf8.count <= sizeLimit else { throw .badInput("the secret is longer than \(sizeLimit) bytes") }
        let trimmed = text.trimmingASCIIWhitespace
        guard !trimmed.isEmpty else { throw .badInput("the secret is empty") }
        let secret: SecretBytes
        do {
            secret = SecretBytes(try Base32.decodeLenient(trimmed))
        } catch {
            throw .badInput("the secret is not valid: \(error)")
        }
        warnIfShort(secret)
        return secret
    }

    /// Warns on standard error, once the command has succeeded, that a secret was given as an
    /// argument: other users of the machine can read it in the process list (`ps`,
    /// `/proc/PID/cmdline`) and it may stay in the shell's history.
    static func warnOnCommandLine(_ what: String, instead: String) {
        SystemIO.warnings.append("\(what) on the command line is visible to other users in the process list; use \(instead) instead")
    }

    /// Warns on standard error, once the command has succeeded, when a secret is shorter than
    /// the 128 bits RFC 4226 §4 (R6) requires; it is still used, as real services issue 80-bit
    /// secrets.
    static func warnIfShort(_ secret: SecretBytes) {
        if secret.count < 16 {
            SystemIO.warnings.append("the secret has \(secret.count * 8) bits, fewer than the 128 RFC 4226 §4 requires")
        }
    }

    /// Standard input as text, for a secret or a URI given as `-`.
    static func text(fromStandardInputNamed name: String) throws(CLIError) -> String {
        let source = "standard input (\(name))"
        return try decodeText(SystemIO.readAll(path: nil, named: source, limit: sizeLimit), from: source)
    }

    /// The bytes as UTF-8 text, without a leading byte order mark (some editors write one).
    private static func decodeText(_ bytes: [UInt8], from source: String) throws(CLIError) -> String {
        let body = bytes.starts(with: [0xef, 0xbb, 0xbf]) ? bytes.dropFirst(3) : bytes[...]
        guard let text = String(validating: body, as: UTF8.self) else {
            throw .badInput("\(source) is not UTF-8 text")
        }
        return text
    }
}

extension String {
    /// The text without spaces, tabs, carriage returns and newlines at either end.
    var trimmingASCIIWhitespace: String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
