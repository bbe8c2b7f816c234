// Fuzz target: the QR code encoder (ISO/IEC 18004) and its renderers.
//
// The first byte picks the error correction level, the kind of input (text segmented by the
// encoder, raw bytes as one byte segment, a numeric or an alphanumeric segment built by hand),
// and whether a version or a mask is forced (the next bytes give them, possibly out of range);
// the rest is the data.
//
// Properties: no trap, whatever the data and options; data that does not fit throws
// `dataTooLong` (or `versionTooSmall` when a version was forced, with a smallest version that
// indeed exceeds it); an invalid forced version or mask throws `invalidVersion`/`invalidMask`;
// a symbol has 17 + 4 × version modules a side, the forced version and mask when given, and
// renders to a PNG, SVG and terminal text without trapping.

import QRCode

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQR(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let options = input.byte()
    let level = QRErrorCorrection.allCases[Int(options & 3) % QRErrorCorrection.allCases.count]
    let kind = (options >> 2) & 3
    let forcedVersion: Int? = options & 0x10 != 0 ? Int(Int8(bitPattern: input.byte())) : nil
    let forcedMask: Int? = options & 0x20 != 0 ? Int(Int8(bitPattern: input.byte())) : nil
    let render = options & 0x40 != 0
    let payload = input.rest()

    let result: Result<QRCode, QRError>
    switch kind {
    case 0:
        result = Result { () throws(QRError) in
            try QRCode(encoding: text(payload), errorCorrection: level, version: forcedVersion, mask: forcedMask)
        }
    case 1:
        result = Result { () throws(QRError) in
            try QRCode(encoding: payload, errorCorrection: level, version: forcedVersion, mask: forcedMask)
        }
    default:
        // Digits only for numeric mode; the 45 characters of Table 5 for alphanumeric. Bytes
        // outside the set must make the segment constructor throw, naming their position.
        let alphabet = Array(kind == 2 ? "0123456789".utf8 : "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)
        let mapped = payload.map { $0 < 0xF0 ? alphabet[Int($0) % alphabet.count] : $0 }
        let segment = Result { () throws(QRError) in
            kind == 2 ? try QRSegment.numeric(text(mapped)) : try QRSegment.alphanumeric(text(mapped))
        }
        switch segment {
        case .failure(.characterNotEncodable(_, let position)):
            require(position >= 0 && position < mapped.count && mapped[position] >= 0xF0,
                    "characterNotEncodable at \(position), which is an encodable byte")
            return 0
        case .failure(let error):
            fatalError("property failed: unexpected segment error \(error)")
        case .success(let segment):
            require(mapped.allSatisfy { $0 < 0xF0 }, "a segment accepted a byte outside its mode")
            result = Result { () throws(QRError) in
                try QRCode(segments: [segment], errorCorrection: level, version: forcedVersion, mask: forcedMask)
            }
        }
    }

    switch result {
    case .success(let code):
        require((1...40).contains(code.version), "version \(code.version)")
        require(code.size == 17 + 4 * code.version, "size \(code.size) for version \(code.version)")
        require((0...7).contains(code.mask), "mask \(code.mask)")
        if let forcedVersion { require(code.version == forcedVersion, "forced version \(forcedVersion), got \(code.version)") }
        if let forcedMask { require(code.mask == forcedMask, "forced mask \(forcedMask), got \(code.mask)") }
        require(!code[x: -1, y: 0] && !code[x: code.size, y: code.size], "the quiet zone is dark")
        require(code[x: 0, y: 0], "the top-left finder pattern is light")
        if render {
            let scale = Int(payload.first ?? 1) % 3 + 1
            if let png = try? PNGWriter(scale: scale, margin: 1, bitDepth: payload.count % 2 == 0 ? .one : .eight) {
                let image = png.render(code)
                require(image.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "PNG without its signature")
            }
            if let svg = try? SVGRenderer(moduleSize: 1, margin: 0) { _ = svg.render(code) }
            if let terminal = try? TerminalRenderer(margin: 0) { _ = terminal.render(code) }
        }
    case .failure(.invalidVersion(let version)):
        require(forcedVersion == version && !(1...40).contains(version), "invalidVersion(\(version))")
    case .failure(.invalidMask(let mask)):
        require(forcedMask == mask && !(0...7).contains(mask), "invalidMask(\(mask))")
    case .failure(.dataTooLong(let dataBits, let capacityBits, let errorCorrection)):
        require(forcedVersion == nil && dataBits > capacityBits && errorCorrection == level,
                "dataTooLong(\(dataBits), \(capacityBits)) for \(payload.count) bytes")
    case .failure(.versionTooSmall(let version, let dataBits, let capacityBits, let minimum)):
        require(forcedVersion == version && dataBits > capacityBits, "versionTooSmall(\(version), \(dataBits), \(capacityBits))")
        if let minimum { require(minimum > version && minimum <= 40, "versionTooSmall suggests version \(minimum)") }
    case .failure(let error):
        fatalError("property failed: unexpected error \(error)")
    }
    return 0
}
