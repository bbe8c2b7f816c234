// Fuzz target: Base32 (RFC 4648 §6), strict and lenient decoding, encoding and grouping.
//
// Properties, for any input:
// - the input as bytes: encode → strict decode (padded) and lenient decode (padded, unpadded,
//   grouped, lower case) give the bytes back;
// - the input as text: strict decode either throws or returns bytes whose encoding is the text
//   itself (one canonical spelling), and lenient decode agrees; lenient decode either throws or
//   returns bytes whose unpadded encoding is the text with case, separators and padding
//   dropped; a thrown error points at a scalar of the text that breaks the rule it names.

import OTPEncoding

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBase32(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)

    // Encode → decode.
    let padded = Base32.encode(bytes)
    let unpadded = Base32.encode(bytes, padding: false)
    require(padded.utf8.count % 8 == 0, "padded encoding of \(bytes.count) bytes has length \(padded.utf8.count)")
    require(padded.hasPrefix(unpadded), "unpadded encoding is not a prefix of the padded one")
    require((try? Base32.decode(padded)) == bytes, "strict decode(encode(bytes)) != bytes")
    require((try? Base32.decodeLenient(padded)) == bytes, "lenient decode of the padded encoding")
    require((try? Base32.decodeLenient(unpadded)) == bytes, "lenient decode of the unpadded encoding")
    require((try? Base32.decodeLenient(unpadded.lowercased())) == bytes, "lenient decode of the lower-case encoding")
    let group = Int(bytes.first ?? 4) % 9
    require((try? Base32.decodeLenient(Base32.grouped(unpadded, groupSize: group))) == bytes,
            "lenient decode of the encoding grouped by \(group)")

    // The input as text.
    let input = text(bytes)
    let scalars = Array(input.unicodeScalars)
    let strict = Result { () throws(Base32Error) in try Base32.decode(input) }
    let lenient = Result { () throws(Base32Error) in try Base32.decodeLenient(input) }
    switch strict {
    case .success(let decoded):
        require(Base32.encode(decoded) == input, "strict decode accepted a text that is not canonical")
        require((try? lenient.get()) == decoded, "lenient decode disagrees with strict decode")
    case .failure(let error):
        checkPosition(error, scalars: scalars, lenient: false)
    }
    switch lenient {
    case .success(let decoded):
        var normalised = ""
        for scalar in scalars where scalar != " " && scalar != "-" && scalar != "=" {
            normalised.unicodeScalars.append(scalar)
        }
        require(Base32.encode(decoded, padding: false) == normalised.uppercased(),
                "lenient decode accepted a text that is not an encoding up to case, separators and padding")
    case .failure(let error):
        checkPosition(error, scalars: scalars, lenient: true)
    }
    return 0
}

/// The position an error carries names a scalar that breaks the rule of that error.
private func checkPosition(_ error: Base32Error, scalars: [Unicode.Scalar], lenient: Bool) {
    func isSymbol(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("2"..."7").contains(scalar) || (lenient && ("a"..."z").contains(scalar))
    }
    switch error {
    case .invalidCharacter(let position):
        require(position >= 0 && position < scalars.count, "invalidCharacter position \(position) outside the text")
        let scalar = scalars[position]
        require(!isSymbol(scalar) && scalar != "=" && !(lenient && (scalar == " " || scalar == "-")),
                "invalidCharacter at \(position), which is an accepted character")
    case .invalidPadding(let position):
        require(position >= 0 && position < scalars.count, "invalidPadding position \(position) outside the text")
        require(scalars[position] == "=", "invalidPadding at \(position), which is not '='")
    case .nonZeroTrailingBits(let position):
        require(position >= 0 && position < scalars.count, "nonZeroTrailingBits position \(position) outside the text")
        require(isSymbol(scalars[position]), "nonZeroTrailingBits at \(position), which is not a symbol")
    case .invalidLength(let count):
        require(count >= 0 && count <= scalars.count, "invalidLength count \(count) for \(scalars.count) scalars")
    }
}
