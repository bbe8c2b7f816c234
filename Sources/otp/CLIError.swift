/// A failure the command reports on one line of standard error, with its exit status.
struct CLIError: Error {
    /// 1: a code was rejected. 2: bad input or usage.
    var exitStatus: Int32
    var message: String
    /// Whether to add the "See 'otp <sub> --help'" hint.
    var showsHelpHint: Bool

    static func usage(_ message: String) -> CLIError {
        CLIError(exitStatus: 2, message: message, showsHelpHint: true)
    }

    static func badInput(_ message: String) -> CLIError {
        CLIError(exitStatus: 2, message: message, showsHelpHint: false)
    }
}
