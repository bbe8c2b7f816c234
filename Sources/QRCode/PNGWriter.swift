// PNGWriter.swift
// A QR code as a PNG image, written without any image library.

/// Writes a symbol as a greyscale PNG file (PNG specification, ISO/IEC 15948): black modules
/// on white, `scale` pixels per module, a quiet zone of `margin` modules (ISO/IEC 18004:2015
/// §6.3.8 requires 4), 1 bit per pixel (the smallest file) or 8.
///
/// The file is the signature, an IHDR chunk, one IDAT chunk holding the zlib-compressed rows
/// (each row preceded by filter type 0, "None"), and IEND; each chunk ends with its CRC-32.
public struct PNGWriter: Sendable {
    /// Bits per greyscale sample (PNG colour type 0).
    public enum BitDepth: Int, Sendable {
        /// Eight pixels to a byte, 0 black and 1 white.
        case one = 1
        /// One byte per pixel, 0 black and 255 white.
        case eight = 8
    }

    public let scale: Int
    public let margin: Int
    public let bitDepth: BitDepth

    public static let scaleRange = 1...32
    public static let marginRange = 0...32

    public init(scale: Int = 8, margin: Int = 4, bitDepth: BitDepth = .one) throws(QRError) {
        guard Self.scaleRange.contains(scale) else {
            throw .invalidRendererOption(option: "scale", value: scale, range: Self.scaleRange)
        }
        guard Self.marginRange.contains(margin) else {
            throw .invalidRendererOption(option: "margin", value: margin, range: Self.marginRange)
        }
        self.scale = scale
        self.margin = margin
        self.bitDepth = bitDepth
    }

    /// The width and height of the image in pixels.
    public func pixelSize(of code: QRCode) -> Int {
        (code.size + 2 * margin) * scale
    }

    /// The PNG file's bytes.
    public func render(_ code: QRCode) -> [UInt8] {
        let side = pixelSize(of: code)
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

        var header: [UInt8] = []
        header.appendBigEndian(UInt32(side))
        header.appendBigEndian(UInt32(side))
        // Bit depth, colour type 0 (greyscale), compression 0, filter method 0, no interlace.
        header += [UInt8(bitDepth.rawValue), 0, 0, 0, 0]
        Self.appendChunk("IHDR", header, to: &file)
        Self.appendChunk("IDAT", Zlib.compress(scanlines(code, side: side)), to: &file)
        Self.appendChunk("IEND", [], to: &file)
        return file
    }

    /// The raw image: for each pixel row a filter-type byte (0) and the samples.
    private func scanlines(_ code: QRCode, side: Int) -> [UInt8] {
        let rowBytes = bitDepth == .one ? (side + 7) / 8 : side
        var rows: [UInt8] = []
        rows.reserveCapacity((rowBytes + 1) * side)
        var row = [UInt8](repeating: 0, count: rowBytes)
        for moduleY in 0..<(code.size + 2 * margin) {
            // One row of samples per module row, repeated `scale` times.
            for index in row.indices { row[index] = 0xFF }
            for moduleX in 0..<(code.size + 2 * margin) where code[x: moduleX - margin, y: moduleY - margin] {
                for pixel in (moduleX * scale)..<((moduleX + 1) * scale) {
                    switch bitDepth {
                    case .one: row[pixel >> 3] &= ~(0x80 >> UInt8(pixel & 7))
                    case .eight: row[pixel] = 0
                    }
                }
            }
            for _ in 0..<scale {
                rows.append(0)
                rows += row
            }
        }
        return rows
    }

    /// A chunk: length, type, data, and the CRC-32 of type and data (PNG §5.3).
    private static func appendChunk(_ type: String, _ data: [UInt8], to file: inout [UInt8]) {
        file.appendBigEndian(UInt32(data.count))
        let typeBytes = Array(type.utf8)
        var crc = CRC32()
        crc.update(typeBytes)
        crc.update(data)
        file += typeBytes
        file += data
        file.appendBigEndian(crc.value)
    }
}

extension [UInt8] {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }
}
