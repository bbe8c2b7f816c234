// Deflate.swift
// The zlib stream inside a PNG's IDAT chunk, compressed with fixed Huffman codes.

/// A zlib stream (RFC 1950): a two-byte header, DEFLATE data (RFC 1951), and the Adler-32 of
/// the uncompressed bytes, most significant byte first.
enum Zlib {
    static func compress(_ data: [UInt8]) -> [UInt8] {
        // CMF 0x78: method 8 (deflate) with a 32 KiB window; FLG 0x01 makes the pair a multiple
        // of 31 (RFC 1950 §2.2) and declares no preset dictionary.
        var stream: [UInt8] = [0x78, 0x01]
        stream += Deflate.compress(data)
        var adler = Adler32()
        adler.update(data)
        let checksum = adler.value
        stream += [UInt8(checksum >> 24), UInt8(checksum >> 16 & 0xFF), UInt8(checksum >> 8 & 0xFF), UInt8(checksum & 0xFF)]
        return stream
    }
}

/// DEFLATE (RFC 1951) in its two simplest forms: one block with the fixed Huffman codes of
/// §3.2.6 after greedy LZ77 matching (§4), or, when that would not be smaller, stored blocks
/// (§3.2.4). A QR code image is long runs and rows repeated `scale` times, which the matcher
/// reduces to a few codes per row.
enum Deflate {
    static func compress(_ data: [UInt8]) -> [UInt8] {
        let compressed = fixedHuffman(data)
        let storedSize = data.count + 5 * Swift.max(1, (data.count + 65534) / 65535)
        return compressed.count <= storedSize ? compressed : stored(data)
    }

    /// Stored blocks of at most 65535 bytes: a header byte (BFINAL, BTYPE = 00), LEN and its
    /// one's complement NLEN, least significant byte first, then the bytes (§3.2.4).
    static func stored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 5 * (data.count / 65535 + 1))
        var start = 0
        repeat {
            let end = Swift.min(data.count, start + 65535)
            let length = end - start
            out.append(end == data.count ? 1 : 0)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8 & 0xFF)]
            out += data[start..<end]
            start = end
        } while start < data.count
        return out
    }

    // MARK: - Fixed Huffman codes (§3.2.6)

    /// The longest back-reference distance DEFLATE allows, and the longest match.
    private static let window = 32768
    private static let longestMatch = 258
    /// How many earlier positions with the same three-byte hash are tried per position.
    private static let chainLimit = 32

    /// One final block (BFINAL = 1, BTYPE = 01) of literals and length-distance pairs.
    static func fixedHuffman(_ data: [UInt8]) -> [UInt8] {
        var writer = LSBFirstBitWriter()
        writer.write(1, width: 1)
        writer.write(0b01, width: 2)

        let hashBits = 15
        var head = [Int32](repeating: -1, count: 1 << hashBits)
        var previous = [Int32](repeating: -1, count: data.count)
        func hash(_ position: Int) -> Int {
            // Multiplicative hashing in 32 bits (the same result on 32-bit targets): the top
            // `hashBits` bits of the three bytes times 2^32 / φ.
            let value = UInt32(data[position]) << 16 | UInt32(data[position + 1]) << 8 | UInt32(data[position + 2])
            return Int((value &* 0x9E37_79B1) >> UInt32(32 - hashBits))
        }
        func insert(_ position: Int) {
            guard position + 2 < data.count else { return }
            let bucket = hash(position)
            previous[position] = head[bucket]
            head[bucket] = Int32(position)
        }

        var position = 0
        while position < data.count {
            var bestLength = 0
            var bestDistance = 0
            if position + 2 < data.count {
                let limit = Swift.min(longestMatch, data.count - position)
                var candidate = Int(head[hash(position)])
                var tries = 0
                while candidate >= 0 && position - candidate <= window && tries < chainLimit {
                    var length = 0
                    while length < limit && data[candidate + length] == data[position + length] { length += 1 }
                    if length > bestLength {
                        bestLength = length
                        bestDistance = position - candidate
                        if length == limit { break }
                    }
                    candidate = Int(previous[candidate])
                    tries += 1
                }
            }
            if bestLength >= 3 {
                writer.writeLengthAndDistance(length: bestLength, distance: bestDistance)
                for covered in position..<(position + bestLength) { insert(covered) }
                position += bestLength
            } else {
                writer.writeLiteralOrLength(Int(data[position]))
                insert(position)
                position += 1
            }
        }
        writer.writeLiteralOrLength(256)  // end of block
        return writer.finish()
    }
}

/// Bits packed from the least significant bit of each byte up, as DEFLATE stores them (§3.1.1).
private struct LSBFirstBitWriter {
    private var bytes: [UInt8] = []
    private var pending: UInt64 = 0
    private var pendingCount = 0

    /// Appends the low `width` bits of `value`, least significant first (how DEFLATE writes
    /// extra bits and header fields).
    mutating func write(_ value: Int, width: Int) {
        pending |= UInt64(value & ((1 << width) - 1)) << UInt64(pendingCount)
        pendingCount += width
        while pendingCount >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: pending))
            pending >>= 8
            pendingCount -= 8
        }
    }

    /// Appends a Huffman code, which DEFLATE writes starting from its most significant bit.
    mutating func writeCode(_ code: Int, length: Int) {
        var reversed = 0
        for bit in 0..<length { reversed |= (code >> bit & 1) << (length - 1 - bit) }
        write(reversed, width: length)
    }

    /// The fixed literal/length code for `symbol` 0...287 (§3.2.6).
    mutating func writeLiteralOrLength(_ symbol: Int) {
        switch symbol {
        case 0...143: writeCode(0b0011_0000 + symbol, length: 8)
        case 144...255: writeCode(0b1_1001_0000 + symbol - 144, length: 9)
        case 256...279: writeCode(symbol - 256, length: 7)
        default: writeCode(0b1100_0000 + symbol - 280, length: 8)
        }
    }

    /// A back-reference: the length's code and extra bits, then the distance's 5-bit fixed
    /// code and extra bits (§3.2.5).
    mutating func writeLengthAndDistance(length: Int, distance: Int) {
        let lengthIndex = DeflateTables.lengthBase.lastIndex { $0 <= length } ?? 0
        writeLiteralOrLength(257 + lengthIndex)
        write(length - DeflateTables.lengthBase[lengthIndex], width: DeflateTables.lengthExtraBits(lengthIndex))
        let distanceIndex = DeflateTables.distanceBase.lastIndex { $0 <= distance } ?? 0
        writeCode(distanceIndex, length: 5)
        write(distance - DeflateTables.distanceBase[distanceIndex], width: DeflateTables.distanceExtraBits(distanceIndex))
    }

    mutating func finish() -> [UInt8] {
        if pendingCount > 0 { bytes.append(UInt8(truncatingIfNeeded: pending)) }
        pendingCount = 0
        pending = 0
        return bytes
    }
}

/// The length and distance code tables of RFC 1951 §3.2.5, computed from their pattern: after
/// the first eight length codes (four distance codes), every four (two) codes take one more
/// extra bit, and each code starts where the previous one's range ends.
private enum DeflateTables {
    static func lengthExtraBits(_ index: Int) -> Int {
        index < 8 || index == 28 ? 0 : (index - 4) / 4
    }

    static func distanceExtraBits(_ index: Int) -> Int {
        index < 4 ? 0 : (index - 2) / 2
    }

    /// The shortest length of codes 257...285; code 285 stands for 258 alone rather than
    /// continuing the pattern.
    static let lengthBase: [Int] = {
        var bases: [Int] = []
        var base = 3
        for index in 0..<28 {
            bases.append(base)
            base += 1 << lengthExtraBits(index)
        }
        bases.append(258)
        return bases
    }()

    /// The shortest distance of codes 0...29.
    static let distanceBase: [Int] = {
        var bases: [Int] = []
        var base = 1
        for index in 0..<30 {
            bases.append(base)
            base += 1 << distanceExtraBits(index)
        }
        return bases
    }()
}
