@testable import QRCode
import Testing

@Suite("QR encoder: limits, errors and segmentation")
struct EncoderTests {
    // MARK: - Limits and typed errors

    @Test("the largest inputs of Table 7 fit version 40, one more character is dataTooLong")
    func capacityLimits() throws {
        // ISO/IEC 18004:2015 Table 7, version 40: numeric L 7089, alphanumeric L 4296,
        // byte L 2953, byte H 1273.
        let limits: [(String, Character, Int, QRErrorCorrection)] = [
            ("numeric", "7", 7089, .low), ("alphanumeric", "Q", 4296, .low),
            ("byte", "q", 2953, .low), ("byte", "q", 1273, .high),
        ]
        for (name, character, count, level) in limits {
            let fits = try QRCode(encoding: String(repeating: character, count: count), errorCorrection: level)
            #expect(fits.version == 40, "\(name) \(count)")
            #expect(throws: QRError.self) {
                try QRCode(encoding: String(repeating: character, count: count + 1), errorCorrection: level)
            }
        }
        do {
            _ = try QRCode(encoding: [UInt8](repeating: 0xFF, count: 3000), errorCorrection: .low)
            Issue.record("3000 bytes cannot fit")
        } catch {
            #expect(error == .dataTooLong(dataBits: 4 + 16 + 3000 * 8, capacityBits: 2956 * 8, errorCorrection: .low))
        }
    }

    @Test("a forced version that is too small names the smallest that fits")
    func forcedVersionTooSmall() throws {
        // "HELLO WORLD" at Q needs version 1 (Table 7: 16 alphanumeric characters at 1-Q);
        // 17 characters need version 2.
        let text = String(repeating: "A", count: 17)
        #expect(try QRCode(encoding: text, errorCorrection: .quartile).version == 2)
        #expect(throws: QRError.versionTooSmall(version: 1, dataBits: 4 + 9 + 11 * 8 + 6, capacityBits: 13 * 8, minimumVersion: 2)) {
            try QRCode(encoding: text, errorCorrection: .quartile, version: 1)
        }
        // Too long for every version: no minimum to suggest.
        #expect(throws: QRError.versionTooSmall(version: 40, dataBits: 4 + 16 + 1274 * 8, capacityBits: 1276 * 8, minimumVersion: nil)) {
            try QRCode(encoding: [UInt8](repeating: 1, count: 1274), errorCorrection: .high, version: 40)
        }
        // A larger forced version than needed is honoured.
        #expect(try QRCode(encoding: "A", version: 40).version == 40)
    }

    @Test("invalid versions, masks and characters are typed errors")
    func invalidOptions() throws {
        for version in [0, -1, 41, Int.max, Int.min] {
            #expect(throws: QRError.invalidVersion(version)) { try QRCode(encoding: "x", version: version) }
            #expect(throws: QRError.invalidVersion(version)) { try QRSegment.segments(for: "x", version: version) }
        }
        for mask in [-1, 8, Int.max] {
            #expect(throws: QRError.invalidMask(mask)) { try QRCode(encoding: "x", mask: mask) }
        }
        #expect(throws: QRError.characterNotEncodable(mode: .numeric, position: 3)) { try QRSegment.numeric("123a") }
        #expect(throws: QRError.characterNotEncodable(mode: .alphanumeric, position: 5)) { try QRSegment.alphanumeric("HELLOworld") }
        #expect(throws: QRError.characterNotEncodable(mode: .alphanumeric, position: 0)) { try QRSegment.alphanumeric("é") }
        for mask in 0..<8 {
            #expect(try QRCode(encoding: "x", mask: mask).mask == mask)
        }
    }

    @Test("errors describe themselves in one sentence without the data")
    func descriptions() {
        let errors: [QRError] = [
            .dataTooLong(dataBits: 30000, capacityBits: 23648, errorCorrection: .low),
            .versionTooSmall(version: 3, dataBits: 500, capacityBits: 440, minimumVersion: 4),
            .versionTooSmall(version: 40, dataBits: 50000, capacityBits: 10208, minimumVersion: nil),
            .invalidVersion(41), .invalidMask(9), .characterNotEncodable(mode: .numeric, position: 2),
            .invalidRendererOption(option: "scale", value: 0, range: 1...32),
        ]
        for error in errors {
            #expect(error.description.hasPrefix("QR code: "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("200 random inputs and options: a symbol or a typed error, never a trap")
    func neverTraps() {
        var random = SplitMix64(state: 404)
        for _ in 0..<200 {
            let length = [0, 1, 5, 50, 300, 3000, 8000].randomElement(using: &random)!
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let text = String(decoding: bytes, as: UTF8.self)
            let level = QRErrorCorrection.allCases.randomElement(using: &random)!
            let version = Bool.random(using: &random) ? Int.random(in: -2...42, using: &random) : nil
            let mask = Bool.random(using: &random) ? Int.random(in: -1...8, using: &random) : nil
            do {
                let code = Bool.random(using: &random)
                    ? try QRCode(encoding: text, errorCorrection: level, version: version, mask: mask)
                    : try QRCode(encoding: bytes, errorCorrection: level, version: version, mask: mask)
                #expect((1...40).contains(code.version) && (0...7).contains(code.mask))
                #expect(code[x: -1, y: 0] == false && code[x: code.size, y: 0] == false)
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }

    // MARK: - Structure

    @Test("finder, timing and dark module sit where §6.3 puts them, in every version")
    func functionPatterns() throws {
        for version in 1...40 {
            let code = try QRCode(encoding: "1", errorCorrection: .low, version: version, mask: version % 8)
            let size = code.size
            #expect(size == 17 + 4 * version)
            for (cornerX, cornerY) in [(0, 0), (size - 7, 0), (0, size - 7)] {
                for dy in 0..<7 {
                    for dx in 0..<7 {
                        let ring = Swift.max(abs(dx - 3), abs(dy - 3))
                        #expect(code[x: cornerX + dx, y: cornerY + dy] == (ring != 2), "v\(version) finder")
                    }
                }
            }
            for i in 8..<(size - 8) {
                #expect(code[x: i, y: 6] == (i % 2 == 0) && code[x: 6, y: i] == (i % 2 == 0), "v\(version) timing")
            }
            #expect(code[x: 8, y: size - 8], "v\(version) dark module")
        }
    }

    @Test("derived tables: codeword totals of Table 1, alignment centres of Annex E")
    func derivedTables() {
        // Table 1, total codewords, for a sample of versions.
        let totals = [1: 26, 2: 44, 6: 172, 7: 196, 14: 581, 21: 1156, 32: 2465, 39: 3532, 40: 3706]
        for (version, total) in totals {
            #expect(QRVersion(version).totalCodewords == total, "version \(version)")
        }
        // Remainder bits (Table 1): 0, 7, 7, 7, 7, 7, 0, ... 3 from version 14, 4 from 21, 3 from 28.
        #expect(QRVersion(2).dataModuleCount % 8 == 7)
        #expect(QRVersion(14).dataModuleCount % 8 == 3)
        #expect(QRVersion(21).dataModuleCount % 8 == 4)
        #expect(QRVersion(35).dataModuleCount % 8 == 0)
        let annexE = [1: [], 2: [6, 18], 7: [6, 22, 38], 16: [6, 26, 50, 74], 22: [6, 26, 50, 74, 98],
                      32: [6, 34, 60, 86, 112, 138], 36: [6, 24, 50, 76, 102, 128, 154], 40: [6, 30, 58, 86, 114, 142, 170]]
        for (version, centres) in annexE {
            #expect(QRVersion(version).alignmentCentres == centres, "version \(version)")
        }
        // Annex C: format information for level M, mask 5 is 100000011001110 (after XOR).
        #expect(formatInformationBits(.medium, mask: 5) == 0b100_0000_1100_1110)
        // Annex D: version 7 information is 000111110010010100.
        #expect(versionInformationBits(QRVersion(7)) == 0b00_0111_1100_1001_0100)
    }

    @Test("Reed-Solomon: the worked example of Annex I (01234567 at 1-M)")
    func reedSolomonExample() {
        // ISO/IEC 18004 Annex I.2/I.3: data codewords of "01234567" at 1-M and their 10 error
        // correction codewords.
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        #expect(dataCodewords(try! QRSegment.segments(for: "01234567", version: 1), version: QRVersion(1), level: .medium) == data)
        #expect(ReedSolomonEncoder(degree: 10).remainder(of: data) == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    // MARK: - Segmentation

    /// The cheapest encoding found by trying every assignment of a mode to every character
    /// (3^n for n characters), merging neighbours of the same mode into one segment.
    static func bruteForceBits(_ bytes: [UInt8], version: Int) -> Int {
        let modes: [QRSegment.Mode] = [.numeric, .alphanumeric, .byte]
        var best = Int.max
        var assignment = [Int](repeating: 0, count: bytes.count)
        func cost() -> Int {
            var bits = 0
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && assignment[end] == assignment[start] { end += 1 }
                let segment = QRSegment(checked: modes[assignment[start]], bytes: Array(bytes[start..<end]))
                bits += ReferenceEncoderTests.dataBits([segment], version: version)
                start = end
            }
            return bits
        }
        func search(_ index: Int) {
            if index == bytes.count {
                best = Swift.min(best, cost())
                return
            }
            for mode in 0..<3 where modes[mode].canEncode(bytes[index]) {
                assignment[index] = mode
                search(index + 1)
            }
        }
        search(0)
        return best
    }

    @Test("the chosen segments are as short as the best of every possible split (300 strings)")
    func optimalSegmentation() throws {
        var random = SplitMix64(state: 7)
        let alphabet = Array("0123456789AZ:/ $az@é".utf8)
        for round in 0..<300 {
            let length = Int.random(in: 1...9, using: &random)
            var bytes = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
            // Keep multi-byte characters whole.
            bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
            let text = String(decoding: bytes, as: UTF8.self)
            let version = [1, 10, 27][round % 3]
            let segments = try QRSegment.segments(for: text, version: version)
            #expect(segments.flatMap(\.bytes) == Array(text.utf8))
            let ours = ReferenceEncoderTests.dataBits(segments, version: version)
            #expect(ours == Self.bruteForceBits(Array(text.utf8), version: version), "'\(text)' in version \(version)")
        }
    }

    @Test("long digit runs inside text get their own numeric segment; short ones do not")
    func mixedModes() throws {
        let uri = try QRSegment.segments(for: "otpauth://totp/X?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&n=12345678901234567890", version: 5)
        #expect(uri.map(\.mode) == [.byte, .alphanumeric, .byte, .numeric])
        #expect(try QRSegment.segments(for: "a1b", version: 1).map(\.mode) == [.byte])
        #expect(try QRSegment.segments(for: "", version: 1).isEmpty)
        #expect(try QRCode(encoding: "").version == 1)
    }
}
