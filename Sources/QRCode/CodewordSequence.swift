// CodewordSequence.swift
// From segments to the final interleaved codewords.

/// The data bit stream of `segments` in `version`, completed to the symbol's data capacity:
/// the terminator (up to four 0 bits, §7.4.9), 0 bits to the next codeword boundary, then the
/// pad codewords 11101100 and 00010001 in turn until the capacity is filled (§7.4.10).
///
/// The caller has checked that the segments fit.
func dataCodewords(_ segments: [QRSegment], version: QRVersion, level: QRErrorCorrection) -> [UInt8] {
    let capacityBits = version.dataCodewords(level) * 8
    var buffer = BitBuffer()
    for segment in segments {
        segment.append(to: &buffer, version: version)
    }
    buffer.append(0, width: Swift.min(4, capacityBits - buffer.count))
    buffer.append(0, width: (8 - buffer.count % 8) % 8)
    var codewords = buffer.bytes
    var pad: UInt8 = 0b1110_1100
    while codewords.count < capacityBits / 8 {
        codewords.append(pad)
        pad ^= 0b1110_1100 ^ 0b0001_0001
    }
    return codewords
}

/// The final message (§7.6): the data codewords are divided into blocks (Table 9), each block
/// gets its Reed-Solomon codewords (§7.5.2), and the sequence is the blocks' data codewords
/// taken column by column (first codeword of each block, then the second, ...; the longer
/// blocks' extra codeword last), followed by their error correction codewords in the same way.
func interleavedCodewords(_ data: [UInt8], version: QRVersion, level: QRErrorCorrection) -> [UInt8] {
    let structure = version.blocks(level)
    let encoder = ReedSolomonEncoder(degree: structure.ecCodewordsPerBlock)
    var dataBlocks: [ArraySlice<UInt8>] = []
    var ecBlocks: [[UInt8]] = []
    var start = 0
    for index in 0..<structure.blockCount {
        let length = structure.shortBlockDataCodewords + (index < structure.shortBlockCount ? 0 : 1)
        let block = data[start..<(start + length)]
        dataBlocks.append(block)
        ecBlocks.append(encoder.remainder(of: block))
        start += length
    }
    var result: [UInt8] = []
    result.reserveCapacity(structure.totalCodewords)
    for column in 0...structure.shortBlockDataCodewords {
        for block in dataBlocks where column < block.count {
            result.append(block[block.startIndex + column])
        }
    }
    for column in 0..<structure.ecCodewordsPerBlock {
        for block in ecBlocks {
            result.append(block[column])
        }
    }
    return result
}
