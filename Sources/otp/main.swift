// otp: one-time passwords from the command line. Parses arguments, reads the secret and the
// clock, calls the OTP library once, prints. See `otp --help`.

let version = "0.1.0"

let mainHelp = """
    Usage: otp <command> [options]

    One-time passwords (HOTP, RFC 4226; TOTP, RFC 6238) in pure Swift.

    Commands:
      code      print the code for a key
      verify    check a code against a key
      new       make a new random key for enrollment
      uri       parse or build an otpauth:// key URI
      qr        show text as a QR code (terminal, SVG or PNG)
      import    read accounts exported by authenticator apps (Google, Aegis)
      export    write keys for Google Authenticator or Aegis
      help      show help for a command (otp help <command>)

    Options:
      -h, --help    show this help
      --version     print the version

    Exit status: 0 success, 1 a code was rejected, 2 bad input or usage.
    """

func run(_ arguments: ArraySlice<String>) throws(CLIError) {
    guard let command = arguments.first else {
        throw .usage("a command is missing; commands: \(Subcommand.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let rest = arguments.dropFirst()
    switch command {
    case "-h", "--help":
        SystemIO.writeOut(mainHelp + "\n")
    case "--version":
        guard rest.isEmpty else { throw .usage("--version takes no arguments") }
        SystemIO.writeOut(version + "\n")
    case "help":
        guard let topic = rest.first else { return SystemIO.writeOut(mainHelp + "\n") }
        // `otp help uri parse` shows the help of `otp uri`, which covers its subcommands.
        guard let subcommand = Subcommand(rawValue: topic) else {
            throw .usage("no help for \(topic.quotedValue); commands: \(Subcommand.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        SystemIO.writeOut(subcommand.help + "\n")
    default:
        guard let subcommand = Subcommand(rawValue: command) else {
            throw .usage("unknown command \(command.quotedValue)")
        }
        if rest.contains("-h") || rest.contains("--help") { return SystemIO.writeOut(subcommand.help + "\n") }
        try subcommand.run(rest)
    }
}

var arguments: ArraySlice<String> = []
do throws(CLIError) {
    arguments = try SystemIO.arguments().get()[...]
    try run(arguments)
    if let error = SystemIO.standardOutputError {
        throw CLIError.badInput("cannot write standard output: \(SystemIO.describe(error))")
    }
    for warning in SystemIO.warnings { SystemIO.writeError("otp: warning: \(warning)\n") }
} catch {
    if !error.message.isEmpty {
        SystemIO.writeError("otp: \(error.message)\n")
    }
    if error.showsHelpHint {
        let sub = arguments.first.flatMap { Subcommand(rawValue: $0)?.rawValue }
        SystemIO.writeError(sub.map { "See 'otp \($0) --help'.\n" } ?? "See 'otp --help'.\n")
    }
    SystemIO.exit(error.exitStatus)
}
