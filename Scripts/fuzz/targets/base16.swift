// Fuzz target: Base16 (RFC 4648 §8).
//
// Properties: encode → decode gives the bytes back (upper and lower case); a text either
// decodes to bytes whose encoding is the text up to case, or throws an error whose position
// is a scalar that is not a hex digit; `decode(_:)` and `decode(utf8:)` agree.

import OTPEncoding

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBase16(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    require((try? Base16.decode(Base16.encode(bytes))) == bytes, "decode(encode(bytes)) != bytes")
    require((try? Base16.decode(Base16.encode(bytes, uppercase: false))) == bytes, "lower-case round trip")

    let input = text(bytes)
    let scalars = Array(input.unicodeScalars)
    switch Result(catching: { () throws(Base16Error) in try Base16.decode(input) }) {
    case .success(let decoded):
        require(Base16.encode(decoded) == input.uppercased(), "accepted a text that is not an encoding")
    case .failure(.invalidCharacter(let position)):
        require(position >= 0 && position < scalars.count, "invalidCharacter position \(position) outside the text")
        require(!scalars[position].properties.isASCIIHexDigit, "invalidCharacter at a hex digit")
    case .failure(.oddLength(let count)):
        require(count % 2 == 1, "oddLength(\(count)) is even")
    }
    // The raw bytes (possibly not UTF-8) through the byte-level entry point.
    let viaString = try? Base16.decode(input)
    let viaBytes = try? Base16.decode(utf8: bytes)
    if bytes.allSatisfy({ $0 < 0x80 }) {
        require(viaString == viaBytes, "decode(_:) and decode(utf8:) disagree on ASCII input")
    }
    return 0
}
