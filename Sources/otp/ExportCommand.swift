import OTP
import OTPInterop
import QRCode

/// `otp export`: writes key URIs in a format an authenticator app imports.
enum ExportCommand {
    static let help = """
        Usage: otp export --format google|aegis|uris [FILE | -] [options]

        Reads otpauth:// key URIs, one per line, from FILE or standard input ("-", the
        default; blank lines and '#' lines are skipped), and writes them for an app:

          google   Google Authenticator's "Transfer accounts" format: one or more
                   otpauth-migration://offline?data=... URIs, 10 accounts each (--batch).
                   With --qr, the QR codes to scan in the app (Transfer accounts, Import).
                   Only 6- or 8-digit keys, and TOTP keys with a 30-second period.
          aegis    an Aegis vault without encryption (JSON), for Aegis's Import from file.
          uris     the key URIs again, checked and written the standard way; with --qr,
                   one QR code per key.

        Options:
          --format NAME     google, aegis or uris (required)
          --qr KIND         google and uris: draw QR codes: terminal, ascii, png or svg
          --output FILE     write to FILE instead of standard output; several QR codes go
                            to FILE-1.png, FILE-2.png, ... (the number before the extension)
          --batch N         google: accounts per QR code, 1 to 1000 (default 10)
          --level L|M|Q|H   QR error correction (default M)
          --scale N         png: pixels per module (default 8); svg: module size
          --invert          terminal and ascii: light modules drawn, for dark terminals
          -h, --help        show this help

        The output holds the secrets: keep it private, and delete exported files after use.

        Exit status: 0 success, 2 bad input or usage.
        """

    enum Format: String {
        case google, aegis, uris
    }

    static func run(_ arguments: ArraySlice<String>) throws(CLIError) {
        let options = try Options(
            arguments, valued: ["--format", "--qr", "--output", "--batch", "--level", "--scale"],
            flags: ["--invert"], positional: 1)
        guard let formatName = options["--format"] else { throw .usage("--format google, aegis or uris is required") }
        guard let format = Format(rawValue: formatName.lowercased()) else {
            throw .usage("--format must be google, aegis or uris, got \(formatName.quotedValue)")
        }
        let drawing = try QRDrawing(options)
        if drawing != nil && format == .aegis { throw .usage("--qr applies to the google and uris formats") }
        if drawing == nil {
            for name in ["--level", "--scale"] where options[name] != nil { throw .usage("\(name) applies only with --qr") }
            if options.has("--invert") { throw .usage("--invert applies only with --qr") }
        }
        let batch = try options.unsigned("--batch", in: 1...UInt64(GoogleMigrationPayload.maximumAccountCount), meaning: "a number of accounts")
        if batch != nil && format != .google { throw .usage("--batch applies to the google format") }

        let keys = try readKeys(options.positionals.first ?? "-")
        let texts: [String]
        switch format {
        case .google:
            do {
                let payloads = try GoogleMigrationPayload.export(
                    keys, batchID: Int32.random(in: Int32.min...Int32.max), accountsPerBatch: Int(batch ?? 10))
                texts = payloads.map(\.uriString)
            } catch {
                throw .badInput(error.description)
            }
        case .aegis:
            var generator = SystemRandomNumberGenerator()
            do {
                texts = [try AegisVault.export(keys, using: &generator)]
            } catch {
                throw .badInput(error.description)
            }
        case .uris:
            texts = keys.map { $0.uriString() }
        }

        guard let drawing else {
            let output = format == .aegis ? texts[0] : texts.map { $0 + "\n" }.joined()
            if let path = options["--output"] {
                try SystemIO.writeFile(path: path, bytes: Array(output.utf8))
            } else {
                SystemIO.writeOut(output)
            }
            return
        }
        try drawing.draw(texts, output: options["--output"])
    }

    /// Key URIs, one per line, from a file or standard input.
    static func readKeys(_ source: String) throws(CLIError) -> [KeyURI] {
        let bytes = try SystemIO.readAll(
            path: source == "-" ? nil : source, named: source == "-" ? "standard input" : "the input file",
            limit: 16 << 20)
        let body = bytes.starts(with: [0xef, 0xbb, 0xbf]) ? Array(bytes.dropFirst(3)) : bytes
        guard let text = String(validating: body, as: UTF8.self) else { throw .badInput("the input is not UTF-8 text") }
        var keys: [KeyURI] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).trimmingASCIIWhitespace
            if line.isEmpty || line.hasPrefix("#") { continue }
            do {
                keys.append(try KeyURI(parsing: line))
            } catch {
                throw .badInput("line \(number + 1): not a valid key URI: \(error)")
            }
        }
        guard !keys.isEmpty else { throw .badInput("the input holds no key URIs") }
        return keys
    }
}

/// How `otp export --qr` draws its codes.
struct QRDrawing {
    let format: QRFormat
    let level: QRErrorCorrection
    let inverted: Bool
    let scale: Int?

    /// Nil without `--qr`.
    init?(_ options: Options) throws(CLIError) {
        guard let name = options["--qr"] else { return nil }
        guard let format = QRFormat(rawValue: name.lowercased()) else {
            throw .usage("--qr must be terminal, ascii, png or svg, got \(name.quotedValue)")
        }
        self.format = format
        level = try QRCommand.errorCorrection(options)
        inverted = options.has("--invert")
        scale = try options.unsigned("--scale", in: 1...100, meaning: "a number of pixels").map { Int($0) }
        if inverted && (format == .svg || format == .png) { throw .usage("--invert applies to the terminal and ascii formats") }
        if let scale {
            switch format {
            case .png where !PNGWriter.scaleRange.contains(scale):
                throw .usage("--scale for png must be from 1 to \(PNGWriter.scaleRange.upperBound), got \(scale)")
            case .terminal, .ascii:
                throw .usage("--scale applies to the svg and png formats")
            default: break
            }
        }
    }

    /// Draws one code per text: in the terminal one after the other with a caption, or into
    /// files (numbered when there are several).
    func draw(_ texts: [String], output: String?) throws(CLIError) {
        let binary = format == .png
        if output == nil && binary && (texts.count > 1 || SystemIO.isTerminal(1)) {
            throw .usage("\(texts.count) PNG image\(texts.count == 1 ? "" : "s"): give --output FILE")
        }
        if output == nil && format == .svg && texts.count > 1 {
            throw .usage("\(texts.count) SVG images: give --output FILE")
        }
        for (index, text) in texts.enumerated() {
            let code: QRCode
            do {
                code = try QRCode(encoding: text, errorCorrection: level)
            } catch {
                throw .badInput(error.description)
            }
            let bytes = try render(code)
            if let output {
                let path = texts.count == 1 ? output : Self.numbered(output, index + 1)
                try SystemIO.writeFile(path: path, bytes: bytes)
            } else {
                if format == .terminal || format == .ascii, texts.count > 1 {
                    SystemIO.writeOut("QR code \(index + 1) of \(texts.count):\n")
                }
                SystemIO.writeOut(bytes: bytes)
            }
        }
    }

    func render(_ code: QRCode) throws(CLIError) -> [UInt8] {
        do {
            switch format {
            case .terminal, .ascii:
                let renderer = try TerminalRenderer(style: format == .ascii ? .ascii : .halfBlocks, inverted: inverted)
                return Array(renderer.render(code).utf8)
            case .svg:
                return Array(try SVGRenderer(moduleSize: scale ?? 8).render(code).utf8)
            case .png:
                return try PNGWriter(scale: scale ?? 8).render(code)
            }
        } catch {
            throw .badInput(error.description)
        }
    }

    /// `codes.png` and 2 give `codes-2.png`; a name without an extension gets `-2` at the end.
    static func numbered(_ path: String, _ number: Int) -> String {
        let slash = path.lastIndex(of: "/")
        if let dot = path.lastIndex(of: "."), slash.map({ dot > $0 }) ?? true, dot != path.startIndex {
            return String(path[..<dot]) + "-\(number)" + String(path[dot...])
        }
        return path + "-\(number)"
    }
}
