// QRCode.swift
// The QR code symbol: the public entry point of the encoder.

/// A QR code symbol (ISO/IEC 18004:2015, Model 2): its square of dark and light modules and
/// the choices that made it.
///
/// ```swift
/// let code = try QRCode(encoding: "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP")
/// print(code.version, code.size)      // 4 33
/// code[x: 0, y: 0]                    // true: the top-left finder pattern is dark
/// ```
///
/// Encoding follows §7.1: the text is split into segments of the modes that write it in the
/// fewest bits (§7.4), the smallest version that holds them at the requested error correction
/// level is chosen (unless one is forced), the bit stream is padded and cut into codewords,
/// divided into blocks that get Reed-Solomon error correction (§7.5) and interleaved (§7.6),
/// placed in the matrix (§7.7), masked with the pattern of lowest penalty unless one is forced
/// (§7.8), and completed with format and version information (§7.9, §7.10).
public struct QRCode: Equatable, Sendable {
    /// The version, 1...40: the symbol is `17 + 4 × version` modules on a side (§6.3.1).
    public let version: Int

    /// The error correction level.
    public let errorCorrection: QRErrorCorrection

    /// The data mask pattern reference, 0...7 (§7.8.2).
    public let mask: Int

    /// The segments the data was written in, in order.
    public let segments: [QRSegment]

    /// Row-major modules, `true` for dark.
    private let modules: [Bool]

    /// Modules on a side, without the quiet zone.
    public var size: Int { 17 + 4 * version }

    /// Whether the module in column `x`, row `y` (from 0 at the top-left) is dark. Positions
    /// outside the symbol are in the quiet zone (§6.3.8) and read as light.
    public subscript(x x: Int, y y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    // MARK: - Encoding

    /// Encodes `text` (as UTF-8) in the mix of numeric, alphanumeric and byte segments that takes
    /// the fewest bits.
    ///
    /// - Parameters:
    ///   - errorCorrection: the level; `.medium` (M, about 15 % recoverable) by default.
    ///   - version: forces the version (1...40) instead of taking the smallest that fits.
    ///   - mask: forces the mask pattern (0...7) instead of the one of lowest penalty.
    /// - Throws: `QRError.invalidVersion`, `.invalidMask`, `.dataTooLong` when no version holds
    ///   the text, `.versionTooSmall` when the forced version does not.
    public init(
        encoding text: String, errorCorrection: QRErrorCorrection = .medium, version: Int? = nil, mask: Int? = nil
    ) throws(QRError) {
        try self.init(input: .text(Array(text.utf8)), errorCorrection: errorCorrection, version: version, mask: mask)
    }

    /// Encodes `bytes` as one byte-mode segment (§7.4.5), whatever they hold.
    public init(
        encoding bytes: [UInt8], errorCorrection: QRErrorCorrection = .medium, version: Int? = nil, mask: Int? = nil
    ) throws(QRError) {
        try self.init(input: .segments([.byte(bytes)]), errorCorrection: errorCorrection, version: version, mask: mask)
    }

    /// Encodes `segments` as given, in order (§7.4.7).
    public init(
        segments: [QRSegment], errorCorrection: QRErrorCorrection = .medium, version: Int? = nil, mask: Int? = nil
    ) throws(QRError) {
        try self.init(input: .segments(segments), errorCorrection: errorCorrection, version: version, mask: mask)
    }

    /// What the data is: text still to be segmented, or segments chosen by the caller.
    private enum Input {
        case text([UInt8])
        case segments([QRSegment])

        func segments(for version: QRVersion) -> [QRSegment] {
            switch self {
            case .text(let bytes): QRSegment.optimalSegments(bytes, version: version)
            case .segments(let segments): segments
            }
        }
    }

    private init(input: Input, errorCorrection level: QRErrorCorrection, version forced: Int?, mask forcedMask: Int?) throws(QRError) {
        if let forced, !(1...40).contains(forced) { throw .invalidVersion(forced) }
        if let forcedMask, !(0...7).contains(forcedMask) { throw .invalidMask(forcedMask) }

        let (version, segments) = try Self.chooseVersion(input, level: level, forced: forced)
        let codewords = interleavedCodewords(dataCodewords(segments, version: version, level: level), version: version, level: level)
        var matrix = ModuleMatrix(version: version)
        matrix.place(codewords)

        // §7.8.3: try every mask with its format information in place; keep the lowest score
        // (the first, on a tie).
        var chosen = forcedMask ?? 0
        if forcedMask == nil {
            var lowest = Int.max
            for candidate in 0..<8 {
                var masked = matrix
                masked.applyMask(candidate)
                masked.drawFormatInformation(formatInformationBits(level, mask: candidate))
                let score = masked.penalty()
                if score < lowest {
                    lowest = score
                    chosen = candidate
                }
            }
        }
        matrix.applyMask(chosen)
        matrix.drawFormatInformation(formatInformationBits(level, mask: chosen))

        self.version = version.number
        self.errorCorrection = level
        self.mask = chosen
        self.segments = segments
        self.modules = matrix.dark
    }

    /// The version to use and the segments in it: the forced version if the data fits, else the
    /// smallest that holds it (§7.4.1, Table 7).
    private static func chooseVersion(
        _ input: Input, level: QRErrorCorrection, forced: Int?
    ) throws(QRError) -> (QRVersion, [QRSegment]) {
        // Segmentation changes only where the count indicators widen (Table 3), so it is worked
        // out once for each of the three version ranges.
        var cache: [(group: Int, segments: [QRSegment])] = []
        func fit(_ version: QRVersion) -> (segments: [QRSegment], bits: Int, capacity: Int) {
            let group = version.number <= 9 ? 0 : version.number <= 26 ? 1 : 2
            let segments: [QRSegment]
            if let hit = cache.first(where: { $0.group == group }) {
                segments = hit.segments
            } else {
                segments = input.segments(for: version)
                cache.append((group, segments))
            }
            var bits = 0
            for segment in segments { bits += segment.bitCount(in: version) }
            return (segments, bits, version.dataCodewords(level) * 8)
        }

        if let forced {
            let version = QRVersion(forced)
            let attempt = fit(version)
            guard attempt.bits <= attempt.capacity else {
                var smallest: Int? = nil
                var number = forced + 1
                while number <= 40 && smallest == nil {
                    let larger = fit(QRVersion(number))
                    if larger.bits <= larger.capacity { smallest = number }
                    number += 1
                }
                throw .versionTooSmall(version: forced, dataBits: attempt.bits, capacityBits: attempt.capacity, minimumVersion: smallest)
            }
            return (version, attempt.segments)
        }
        var last = (segments: [QRSegment](), bits: 0, capacity: 0)
        for number in 1...40 {
            let version = QRVersion(number)
            last = fit(version)
            if last.bits <= last.capacity { return (version, last.segments) }
        }
        throw .dataTooLong(dataBits: last.bits, capacityBits: last.capacity, errorCorrection: level)
    }
}
