import QRCode

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `otp qr TEXT`: any text as a QR code, in the terminal or as an SVG or PNG file.
enum QRCommand {
    static let help = """
        Usage: otp qr TEXT [options]

        Encodes TEXT ("-" reads it from standard input) as a QR code (ISO/IEC 18004) and
        prints it in the terminal, or writes it as SVG or PNG. The encoder picks the
        smallest symbol, mixing numeric, alphanumeric and byte (UTF-8) segments.

        Options:
          --level L|M|Q|H       error correction: L 7 %, M 15 % (default), Q 25 %, H 30 %
          --format NAME         terminal (Unicode half blocks), ascii, svg or png; the
                                default is terminal, or svg or png for an --output
                                name ending in .svg or .png
          --output FILE         write to FILE instead of standard output
          --invert              terminal and ascii: draw the light modules, for terminals
                                with light text on a dark background
          --scale N             png: pixels per module, 1 to 32 (default 8);
                                svg: size of a module in pixels, 1 to 100 (default 8)
          -h, --help            show this help

        Exit status: 0 success, 2 bad input or usage.

        Example:
          otp qr 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP' --format png --output key.png
        """

    static func run(_ arguments: ArraySlice<String>) throws(CLIError) {
        let options = try Options(
            arguments, valued: ["--level", "--format", "--output", "--scale"], flags: ["--invert"], positional: 1)
        guard let first = options.positionals.first else { throw .usage("the text is missing: otp qr TEXT [options]") }
        let text = first == "-" ? try standardInputText() : first
        if first != "-", first.lowercased().hasPrefix("otpauth") {
            SecretInput.warnOnCommandLine("a key URI", instead: "- (standard input)")
        }
        let level = try errorCorrection(options)
        let format = try options["--format"].map { name throws(CLIError) in try QRFormat(name) }
            ?? options["--output"].flatMap(QRFormat.init(inferringFrom:)) ?? .terminal
        let output = try QROutput(options, format: format)
        let code: QRCode
        do {
            code = try QRCode(encoding: text, errorCorrection: level)
        } catch {
            throw .badInput(error.description)
        }
        try output.write(code)
    }

    /// Standard input without its final line break, so that `echo TEXT | otp qr -` encodes TEXT.
    private static func standardInputText() throws(CLIError) -> String {
        var text = try SecretInput.text(fromStandardInputNamed: "the text")
        if text.hasSuffix("\n") { text.removeLast() }
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }

    static func errorCorrection(_ options: Options) throws(CLIError) -> QRErrorCorrection {
        guard let name = options["--level"] else { return .medium }
        guard let level = QRErrorCorrection(letter: name) else {
            throw .usage("--level must be L, M, Q or H, got \(name.quotedValue)")
        }
        return level
    }
}

/// The ways `otp qr` and `otp new` draw a code.
enum QRFormat: String {
    case terminal, ascii, svg, png

    init(_ name: String) throws(CLIError) {
        guard let format = QRFormat(rawValue: name.lowercased()) else {
            throw .usage("--format must be terminal, ascii, svg or png, got \(name.quotedValue)")
        }
        self = format
    }

    /// The format a file name's extension implies: `.svg` or `.png`, in any case.
    init?(inferringFrom path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".svg") {
            self = .svg
        } else if lower.hasSuffix(".png") {
            self = .png
        } else {
            return nil
        }
    }
}

/// A format with its options and destination, checked before anything is encoded.
struct QROutput {
    let format: QRFormat
    let path: String?
    let inverted: Bool
    let scale: Int?

    /// Reads `--output`, `--invert` and `--scale` (those that `options` knows) for `format`.
    init(_ options: Options, format: QRFormat) throws(CLIError) {
        self.format = format
        path = options["--output"]
        inverted = options.has("--invert")
        scale = try options.unsigned("--scale", in: 1...100, meaning: "a number of pixels").map { Int($0) }
        if inverted && (format == .svg || format == .png) {
            throw .usage("--invert applies to the terminal and ascii formats")
        }
        if let scale {
            switch format {
            case .png where !PNGWriter.scaleRange.contains(scale):
                throw .usage("--scale for png must be from 1 to \(PNGWriter.scaleRange.upperBound), got \(scale)")
            case .terminal, .ascii:
                throw .usage("--scale applies to the svg and png formats")
            default: break
            }
        }
        if format == .png && path == nil && SystemIO.isTerminal(1) {
            throw .usage("a PNG is binary: give --output FILE, or redirect standard output")
        }
    }

    func write(_ code: QRCode) throws(CLIError) {
        let bytes: [UInt8]
        do {
            switch format {
            case .terminal, .ascii:
                let renderer = try TerminalRenderer(style: format == .ascii ? .ascii : .halfBlocks, inverted: inverted)
                bytes = Array(renderer.render(code).utf8)
            case .svg:
                bytes = Array(try SVGRenderer(moduleSize: scale ?? 8).render(code).utf8)
            case .png:
                bytes = try PNGWriter(scale: scale ?? 8).render(code)
            }
        } catch {
            throw .badInput(error.description)
        }
        if let path {
            try SystemIO.writeFile(path: path, bytes: bytes)
        } else {
            SystemIO.writeOut(bytes: bytes)
        }
    }
}
