import Foundation
@testable import QRCode
import Testing

@Suite("renderers: terminal, SVG, PNG and its zlib stream")
struct RendererTests {
    static let samples: [QRCode] = [
        try! QRCode(encoding: "HELLO WORLD", errorCorrection: .quartile),
        try! QRCode(encoding: "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"),
        try! QRCode(encoding: String(repeating: "Grüße ", count: 40), errorCorrection: .high),
    ]

    /// The module at (x, y) of a drawing with `margin` quiet-zone modules.
    static func expected(_ code: QRCode, _ x: Int, _ y: Int, margin: Int) -> Bool {
        code[x: x - margin, y: y - margin]
    }

    // MARK: - Terminal

    @Test("half blocks parse back to the symbol and its quiet zone, plain and inverted", arguments: [0, 1, 4])
    func halfBlocks(margin: Int) throws {
        for code in Self.samples {
            for inverted in [false, true] {
                let text = try TerminalRenderer(inverted: inverted, margin: margin).render(code)
                let side = code.size + 2 * margin
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                #expect(lines.count == (side + 1) / 2)
                for (row, line) in lines.enumerated() {
                    let characters = Array(line)
                    try #require(characters.count == side)
                    for (x, character) in characters.enumerated() {
                        let (upper, lower): (Bool, Bool) = switch character {
                        case "█": (true, true)
                        case "▀": (true, false)
                        case "▄": (false, true)
                        case " ": (false, false)
                        default: (false, false)
                        }
                        #expect("█▀▄ ".contains(character))
                        #expect(upper == (Self.expected(code, x, 2 * row, margin: margin) != inverted))
                        if 2 * row + 1 < side {
                            #expect(lower == (Self.expected(code, x, 2 * row + 1, margin: margin) != inverted))
                        } else {
                            #expect(!lower, "the half below the last row stays blank")
                        }
                    }
                }
            }
        }
    }

    @Test("ASCII: two characters a module, one row a line")
    func ascii() throws {
        let code = Self.samples[0]
        for inverted in [false, true] {
            let lines = try TerminalRenderer(style: .ascii, inverted: inverted).render(code).split(separator: "\n")
            #expect(lines.count == code.size + 8)
            for (y, line) in lines.enumerated() {
                let characters = Array(line)
                #expect(characters.count == 2 * (code.size + 8))
                for x in 0..<(code.size + 8) {
                    let ink = Self.expected(code, x, y, margin: 4) != inverted
                    #expect(String(characters[2 * x...2 * x + 1]) == (ink ? "##" : "  "))
                }
            }
        }
    }

    // MARK: - SVG

    @Test("SVG: one crisp path whose rectangles cover exactly the dark modules")
    func svg() throws {
        for code in Self.samples {
            let svg = try SVGRenderer(moduleSize: 5, margin: 2).render(code)
            let side = code.size + 4
            #expect(svg.hasPrefix("<?xml"))
            #expect(svg.contains("width=\"\(side * 5)\" height=\"\(side * 5)\" viewBox=\"0 0 \(side) \(side)\""))
            #expect(svg.contains("shape-rendering=\"crispEdges\""))
            #expect(svg.components(separatedBy: "<path").count == 2)
            let path = try #require(svg.components(separatedBy: " d=\"").last?.components(separatedBy: "\"").first)
            var dark = Set<Int>()
            // Each rectangle is "M<x> <y>h<w>v1h-<w>z".
            for rectangle in path.split(separator: "z") {
                let numbers = rectangle.split(whereSeparator: { "Mhv -".contains($0) }).compactMap { Int($0) }
                try #require(numbers.count == 5 && numbers[3] == 1 && numbers[2] == numbers[4], "\(rectangle)")
                for x in numbers[0]..<(numbers[0] + numbers[2]) {
                    #expect(dark.insert(numbers[1] * side + x).inserted, "overlap at \(x), \(numbers[1])")
                }
            }
            for y in 0..<side {
                for x in 0..<side {
                    #expect(dark.contains(y * side + x) == Self.expected(code, x, y, margin: 2))
                }
            }
        }
    }

    // MARK: - Options

    @Test("renderer options out of range are typed errors")
    func options() {
        #expect(throws: QRError.invalidRendererOption(option: "scale", value: 0, range: 1...32)) { try PNGWriter(scale: 0) }
        #expect(throws: QRError.invalidRendererOption(option: "scale", value: 33, range: 1...32)) { try PNGWriter(scale: 33) }
        #expect(throws: QRError.invalidRendererOption(option: "margin", value: -1, range: 0...32)) { try PNGWriter(margin: -1) }
        #expect(throws: QRError.invalidRendererOption(option: "margin", value: 33, range: 0...32)) { try TerminalRenderer(margin: 33) }
        #expect(throws: QRError.invalidRendererOption(option: "moduleSize", value: 0, range: 1...100)) { try SVGRenderer(moduleSize: 0) }
        #expect(throws: QRError.invalidRendererOption(option: "margin", value: Int.min, range: 0...32)) { try SVGRenderer(margin: Int.min) }
    }

    // MARK: - Checksums

    @Test("CRC-32 and Adler-32 check values")
    func checksums() {
        // The CRC-32 check value of the CRC catalogue ("123456789"), and Adler-32 of
        // "Wikipedia" (RFC 1950's algorithm, the usual worked example).
        var crc = CRC32()
        crc.update(Array("123456789".utf8))
        #expect(crc.value == 0xCBF4_3926)
        var adler = Adler32()
        adler.update(Array("Wikipedia".utf8))
        #expect(adler.value == 0x11E6_0398)
    }

    // MARK: - PNG and zlib, checked by Python's zlib

    /// Reads PNG files named on standard input (one per line) and prints, for each, the width,
    /// height and bit depth, whether every chunk's CRC-32 is right, and the pixel rows as 0/1
    /// strings (0 black), after undoing filter type 0. Then, for each hex zlib stream on the
    /// remaining lines, "ok:" and the hex of its decompressed bytes, or "error".
    static let pythonChecker = """
        import sys, zlib, struct
        lines = sys.stdin.read().split("\\n")
        split = lines.index("--")
        for path in lines[:split]:
            data = open(path, "rb").read()
            assert data[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
            pos, chunks, ok = 8, {}, True
            while pos < len(data):
                length, = struct.unpack(">I", data[pos:pos + 4])
                kind = data[pos + 4:pos + 8]
                body = data[pos + 8:pos + 8 + length]
                crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
                ok = ok and crc == zlib.crc32(kind + body)
                chunks[kind] = chunks.get(kind, b"") + body
                pos += 12 + length
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
            raw = zlib.decompress(chunks[b"IDAT"])
            stride = (width * depth + 7) // 8
            rows = []
            for y in range(height):
                line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
                assert line[0] == 0
                if depth == 1:
                    bits = "".join(format(b, "08b") for b in line[1:])[:width]
                else:
                    assert all(b in (0, 255) for b in line[1:])
                    bits = "".join("1" if b == 255 else "0" for b in line[1:])
                rows.append(bits)
            print(width, height, depth, colour, interlace, ok, len(raw) == height * (stride + 1), ",".join(rows))
        for line in lines[split + 1:]:
            if not line:
                continue
            try:
                print("ok:" + zlib.decompress(bytes.fromhex(line)).hex())
            except Exception as error:
                print("error", error)
        """

    @Test("PNG files: valid chunks and CRCs, and pixels that match the modules; zlib streams inflate to the input",
          .enabled(if: ExternalTools.python3Enabled))
    func pngAndZlib() throws {
        let python3 = try #require(ExternalTools.python3, "python3 is needed to check PNG files")
        let scratch = try ScratchDirectory()
        var pngs: [(QRCode, PNGWriter, URL)] = []
        for (index, code) in Self.samples.enumerated() {
            for writer in [try PNGWriter(scale: 1, margin: 0, bitDepth: .one), try PNGWriter(scale: 3, margin: 4, bitDepth: .one),
                           try PNGWriter(scale: 2, margin: 1, bitDepth: .eight), try PNGWriter(scale: 5, margin: 3, bitDepth: .one)] {
                let file = scratch.url.appendingPathComponent("\(index)-\(pngs.count).png")
                try Data(writer.render(code)).write(to: file)
                pngs.append((code, writer, file))
            }
        }
        var random = SplitMix64(state: 1950)
        let streams: [[UInt8]] = [
            [], [0], [1, 2], Array("abcabcabcabcabc".utf8),
            (0..<1000).map { _ in UInt8.random(in: 0...255, using: &random) },
            (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &random) },  // stored, two blocks
            [UInt8](repeating: 0xFF, count: 100_000),
            (0..<20_000).map { UInt8($0 % 251) },
            (0..<5000).map { _ in UInt8.random(in: 0...3, using: &random) },
        ]
        var input = pngs.map(\.2.path).joined(separator: "\n") + "\n--\n"
        for stream in streams {
            input += Zlib.compress(stream).map { String($0 >> 4, radix: 16) + String($0 & 0xF, radix: 16) }.joined() + "\n"
        }
        let output = try ExternalTools.run(python3, ["-c", Self.pythonChecker], input: Data(input.utf8))
        try #require(output.status == 0, "\(output.standardError)")
        let lines = String(decoding: output.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init)
        try #require(lines.count == pngs.count + streams.count)

        for ((code, writer, _), line) in zip(pngs, lines) {
            let fields = line.split(separator: " ").map(String.init)
            let side = writer.pixelSize(of: code)
            #expect(fields[0...6] == ["\(side)", "\(side)", "\(writer.bitDepth.rawValue)", "0", "0", "True", "True"])
            let rows = fields[7].split(separator: ",")
            try #require(rows.count == side)
            for (py, row) in rows.enumerated() {
                for (px, bit) in row.enumerated() {
                    let dark = Self.expected(code, px / writer.scale, py / writer.scale, margin: writer.margin)
                    if (bit == "0") != dark {
                        Issue.record("pixel \(px), \(py) of a \(side)-pixel image")
                        return
                    }
                }
            }
        }
        for (stream, line) in zip(streams, lines.suffix(streams.count)) {
            let hex = stream.map { String($0 >> 4, radix: 16) + String($0 & 0xF, radix: 16) }.joined()
            #expect(line == "ok:" + hex, "a \(stream.count)-byte stream")
        }
        // Fixed Huffman coding must pay off on the repetitive inputs.
        #expect(Zlib.compress([UInt8](repeating: 0xFF, count: 100_000)).count < 1000)
        #expect(Deflate.compress((0..<70_000).map { _ in UInt8.random(in: 0...255, using: &random) }).count == 70_000 + 10)
    }
}
