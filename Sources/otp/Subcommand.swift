/// The subcommands of `otp`, each with its help text and entry point.
enum Subcommand: String, CaseIterable {
    case code, verify, new, uri, qr, `import`, export

    var help: String {
        switch self {
        case .code: CodeCommand.help
        case .verify: VerifyCommand.help
        case .new: NewCommand.help
        case .uri: UriCommand.help
        case .qr: QRCommand.help
        case .import: ImportCommand.help
        case .export: ExportCommand.help
        }
    }

    func run(_ arguments: ArraySlice<String>) throws(CLIError) {
        switch self {
        case .code: try CodeCommand.run(arguments)
        case .verify: try VerifyCommand.run(arguments)
        case .new: try NewCommand.run(arguments)
        case .uri: try UriCommand.run(arguments)
        case .qr: try QRCommand.run(arguments)
        case .import: try ImportCommand.run(arguments)
        case .export: try ExportCommand.run(arguments)
        }
    }
}
