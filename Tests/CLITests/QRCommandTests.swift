import Foundation
import Testing

/// `zbarimg` (Debian zbar-tools), the scanner that reads the codes back; `.ci/run` installs it.
/// Outside CI (no `CI` variable) the tests that need it are skipped when it is missing.
private let zbarimg: URL? = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"]
    .map { URL(fileURLWithPath: $0) }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }
private let zbarimgEnabled = zbarimg != nil || ProcessInfo.processInfo.environment["CI"] != nil

/// A directory for one test's files, removed at the end.
private struct TemporaryDirectory: ~Copyable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("otp-qr-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// What zbarimg reads from an image: the symbol's bytes exactly (`-Sbinary`: no character-set
/// guessing, no newline added), or nil when it finds no code.
private func scan(_ file: URL) throws -> String? {
    let zbarimg = try #require(zbarimg, "zbarimg is not installed: apt-get install zbar-tools (.ci/run does)")
    let result = try runProcess(zbarimg, ["--nodbus", "--raw", "-q", "-Sbinary", file.path])
    return result.status == 0 ? result.standardOutput : nil
}

/// The modules drawn by `otp`'s terminal output, read back from the characters: half blocks
/// (`▀ ▄ █` and space, two rows a line) or ASCII (`##` and two spaces). `true` is dark.
private func modules(fromTerminalLines lines: [Substring], ascii: Bool = false, inverted: Bool = false) -> [[Bool]] {
    var rows: [[Bool]] = []
    for line in lines {
        let characters = Array(line.replacingOccurrences(of: "\r", with: ""))
        if ascii {
            rows.append(stride(from: 0, to: characters.count - 1, by: 2).map { (characters[$0] == "#") != inverted })
        } else {
            rows.append(characters.map { "█▀".contains($0) != inverted })
            rows.append(characters.map { "█▄".contains($0) != inverted })
        }
    }
    return rows
}

/// The modules as a greyscale PGM image (which zbarimg reads), 4 pixels a module, with
/// 4 more light modules around them.
private func writePGM(_ rows: [[Bool]], to file: URL) throws {
    let width = rows.map(\.count).max() ?? 0
    let scale = 4, border = 4
    let pixels = (width + 2 * border) * scale, height = (rows.count + 2 * border) * scale
    var image = Data("P5\n\(pixels) \(height)\n255\n".utf8)
    for y in 0..<height {
        let row = y / scale - border
        for x in 0..<pixels {
            let column = x / scale - border
            let dark = row >= 0 && row < rows.count && column >= 0 && column < rows[row].count && rows[row][column]
            image.append(dark ? 0 : 255)
        }
    }
    try image.write(to: file)
}

@Suite("otp qr and the QR code of otp new")
struct QRCommandTests {
    static let uri = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"

    @Test("otp new --qr png: zbarimg reads the printed URI from the file", .enabled(if: zbarimgEnabled))
    func newWritesPNG() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("enroll.png")
        let result = try otp("new", "--issuer", "Example", "--account", "alice@example.com", "--qr", "png", "--output", file.path)
        #expect(result.status == 0 && result.standardError.isEmpty)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(try scan(file) == String(lines[0]))
    }

    @Test("files written with --output are readable by their owner only (they hold a key)")
    func outputFileMode() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("enroll.svg")
        let result = try otp("new", "--issuer", "Example", "--account", "alice@example.com", "--qr", "svg", "--output", file.path)
        #expect(result.status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("otp qr warns when a key URI comes as an argument, not when it comes on standard input")
    func keyURIArgumentWarning() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("uri.svg")
        let argument = try otp("qr", Self.uri, "--output", file.path)
        #expect(argument.status == 0)
        #expect(argument.standardError.contains("a key URI on the command line is visible to other users in the process list"))
        let piped = try otp("qr", "-", "--output", file.path, input: Self.uri)
        #expect(piped.status == 0 && piped.standardError.isEmpty)
    }

    @Test("otp new --qr terminal: the half blocks, read back into modules, scan as the printed URI",
          .enabled(if: zbarimgEnabled))
    func newPrintsTerminalCode() throws {
        let directory = try TemporaryDirectory()
        for inverted in [false, true] {
            var arguments = ["new", "--issuer", "Example", "--account", "alice@example.com", "--qr", "terminal"]
            if inverted { arguments.append("--invert") }
            let result = try runProcess(otpExecutable, arguments)
            #expect(result.status == 0)
            let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            try #require(lines.count > 20)
            #expect(lines[0].hasPrefix("otpauth://totp/Example:alice%40example.com?secret="))
            let file = directory.url.appendingPathComponent("terminal-\(inverted).pgm")
            try writePGM(modules(fromTerminalLines: Array(lines.dropFirst(2)), inverted: inverted), to: file)
            #expect(try scan(file) == String(lines[0]), "inverted: \(inverted)")
        }
    }

    @Test("otp new on a terminal shows the code by default; piped, it prints the URI and secret only",
          .enabled(if: zbarimgEnabled && FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func newDefaultOnTerminal() throws {
        // util-linux `script` runs the command on a pseudo-terminal, as a user would.
        let command = "'\(otpExecutable.path)' new --issuer Example --account alice@example.com"
        let result = try runProcess(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"])
        #expect(result.status == 0)
        let lines = result.standardOutput.replacingOccurrences(of: "\r", with: "").split(separator: "\n")
        try #require(lines.count > 20, "\(result.standardOutput)")
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("tty.pgm")
        try writePGM(modules(fromTerminalLines: Array(lines.dropFirst(2))), to: file)
        #expect(try scan(file) == String(lines[0]))

        let piped = try otp("new", "--issuer", "Example", "--account", "alice@example.com")
        #expect(piped.standardOutput.split(separator: "\n").count == 2)
    }

    @Test("otp qr: terminal, inverted, ASCII and PNG output all scan as the text", .enabled(if: zbarimgEnabled))
    func qrFormats() throws {
        let directory = try TemporaryDirectory()
        let texts = [Self.uri, "HELLO WORLD 123", "Grüße aus Köln — 日本語 🙂"]
        for (index, text) in texts.enumerated() {
            for (format, inverted) in [("terminal", false), ("terminal", true), ("ascii", false), ("ascii", true)] {
                var arguments = ["qr", text, "--format", format, "--level", ["L", "m", "Q", "H"][index]]
                if inverted { arguments.append("--invert") }
                let result = try runProcess(otpExecutable, arguments)
                #expect(result.status == 0, "\(result.standardError)")
                let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                let file = directory.url.appendingPathComponent("\(index)-\(format)-\(inverted).pgm")
                try writePGM(modules(fromTerminalLines: Array(lines), ascii: format == "ascii", inverted: inverted), to: file)
                #expect(try scan(file) == text, "\(format), inverted: \(inverted)")
            }
            let png = directory.url.appendingPathComponent("\(index).png")
            let result = try otp("qr", text, "--output", png.path, "--scale", "3")
            #expect(result.status == 0 && result.standardOutput.isEmpty)
            #expect(try scan(png) == text)
        }
        // Standard input, without its final newline.
        let piped = directory.url.appendingPathComponent("stdin.png")
        #expect(try otp("qr", "-", "--format", "png", "--output", piped.path, input: Self.uri + "\n").status == 0)
        #expect(try scan(piped) == Self.uri)
    }

    @Test("otp qr --format svg writes one path; PNG to a pipe is allowed")
    func qrSVGAndPipe() throws {
        let svg = try otp("qr", Self.uri, "--format", "svg")
        #expect(svg.status == 0)
        #expect(svg.standardOutput.hasPrefix("<?xml"))
        #expect(svg.standardOutput.components(separatedBy: "<path").count == 2)
        let png = try otp("qr", "x", "--format", "png", "--scale", "1")
        #expect(png.status == 0)
        // The output is binary; its signature and last chunk survive decoding as text.
        #expect(png.standardOutput.contains("PNG\r\n") && png.standardOutput.contains("IEND"))
    }

    @Test("otp qr and otp new reject bad options with one line and exit 2")
    func errors() throws {
        let cases: [[String]] = [
            ["qr"], ["qr", "--level", "M"], ["qr", "x", "--level", "Z"], ["qr", "x", "--format", "gif"],
            ["qr", "x", "--scale", "0"], ["qr", "x", "--format", "png", "--scale", "33"], ["qr", "x", "--scale", "4"],
            ["qr", "x", "--format", "svg", "--invert"], ["qr", String(repeating: "é", count: 3000)],
            ["qr", "x", "--output", "/nonexistent-directory/x.png"],
            ["new", "--issuer", "E", "--account", "a", "--qr", "svg"],
            ["new", "--issuer", "E", "--account", "a", "--qr", "bmp"],
            ["new", "--issuer", "E", "--account", "a", "--qr", "none", "--output", "x.png"],
            ["new", "--issuer", "E", "--account", "a", "--qr", "terminal", "--json"],
        ]
        for arguments in cases {
            let result = try runProcess(otpExecutable, arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
            let errorLines = result.standardError.split(separator: "\n")
            #expect(errorLines.first?.hasPrefix("otp: ") == true, "\(arguments): \(result.standardError)")
            #expect(errorLines.count <= 2, "\(arguments): \(result.standardError)")
        }
        let tooLong = try otp("qr", String(repeating: "é", count: 3000))
        #expect(tooLong.standardError.contains("version 40"))
    }

    @Test("help: otp qr --help, -h and otp help qr print the same text; otp --help lists qr")
    func help() throws {
        let long = try otp("qr", "--help")
        #expect(long.status == 0 && long.standardOutput.hasPrefix("Usage: otp qr TEXT"))
        #expect(try otp("qr", "-h").standardOutput == long.standardOutput)
        #expect(try otp("help", "qr").standardOutput == long.standardOutput)
        #expect(try otp("--help").standardOutput.contains("\n  qr "))
        #expect(try otp("new", "--help").standardOutput.contains("--qr FORMAT"))
    }
}
