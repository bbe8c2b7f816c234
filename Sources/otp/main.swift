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
      help      show help for a command (otp help <command>)

    Options:
      -h, --help    show this help
      --version     print the version

    Exit status: 0 success, 1 a code was rejected, 2 bad input or usage.
    """

func run(_ arguments: ArraySlice<String>) throws(CLIError) {
    guard let command = arguments.first else {
        SystemIO.writeError(mainHelp + "\n")
        throw CLIError(exitStatus: 2, message: "", showsHelpHint: false)
    }
    let rest = arguments.dropFirst()
    switch command {
    case "-h", "--help":
        SystemIO.writeOut(mainHelp + "\n")
    case "--version":
        SystemIO.writeOut(version + "\n")
    case "help":
        guard let topic = rest.first else { return SystemIO.writeOut(mainHelp + "\n") }
        guard rest.count == 1, let subcommand = Subcommand(rawValue: topic) else {
            throw .usage("no help for '\(rest.joined(separator: " ").printable)'; commands: \(Subcommand.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        SystemIO.writeOut(subcommand.help + "\n")
    default:
        guard let subcommand = Subcommand(rawValue: command) else {
            throw .usage("unknown command '\(command.printable)'")
        }
        if rest.contains("-h") || rest.contains("--help") { return SystemIO.writeOut(subcommand.help + "\n") }
        try subcommand.run(rest)
    }
}

let arguments = CommandLine.arguments.dropFirst()
do {
    try run(arguments)
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
