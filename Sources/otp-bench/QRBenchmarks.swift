import QRCode

/// The QR code encoder and renderers on a typical enrollment URI.
enum QRBenchmarks {
    /// A provisioning URI of the usual shape (issuer with a space, e-mail account, 160-bit
    /// secret, every parameter written out): 132 bytes.
    static let uri = "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"
        + "&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"

    static func all() throws(QRError) -> [Benchmark] {
        let code = try QRCode(encoding: uri, errorCorrection: .medium)
        let png1 = try PNGWriter(scale: 8, bitDepth: .one)
        let png8 = try PNGWriter(scale: 8, bitDepth: .eight)
        let terminal = try TerminalRenderer()
        let svg = try SVGRenderer()
        let bytes = uri.utf8.count
        let group = "QR code: \(bytes)-byte otpauth URI, level M (version \(code.version), \(code.size)×\(code.size))"
        return [
            Benchmark(group: group, name: "encode (segments, RS, 8 masks scored)", bytesPerCall: bytes, iterations: 20) {
                blackHole(try? QRCode(encoding: uri, errorCorrection: .medium))
            },
            Benchmark(group: group, name: "encode, mask forced (no scoring)", bytesPerCall: bytes, iterations: 50) {
                blackHole(try? QRCode(encoding: uri, errorCorrection: .medium, mask: code.mask))
            },
            Benchmark(group: group, name: "PNG, 8 px/module, 1-bit", iterations: 20) {
                blackHole(png1.render(code))
            },
            Benchmark(group: group, name: "PNG, 8 px/module, 8-bit", iterations: 5) {
                blackHole(png8.render(code))
            },
            Benchmark(group: group, name: "encode + PNG (1-bit)", bytesPerCall: bytes, iterations: 10) {
                if let fresh = try? QRCode(encoding: uri, errorCorrection: .medium) { blackHole(png1.render(fresh)) }
            },
            Benchmark(group: group, name: "SVG", iterations: 50) {
                blackHole(svg.render(code))
            },
            Benchmark(group: group, name: "terminal (half blocks)", iterations: 50) {
                blackHole(terminal.render(code))
            },
        ]
    }
}
