// Fuzz target: RFC 3986 percent-encoding.
//
// Properties: decode(encode(text)) == text for any text; encode writes only unreserved
// characters and `%XX`; a text without `%` decodes to itself; a failed decode names the `%` at
// fault; decoding a Substring gives what decoding the same String gives.

import OTPEncoding

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPercent(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    let input = text(bytes)
    let scalars = Array(input.unicodeScalars)

    let encoded = PercentEncoding.encode(input)
    require(encoded.utf8.allSatisfy { byte in
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "%")
    }, "encode wrote a reserved character")
    require((try? PercentEncoding.decode(encoded)) == input, "decode(encode(text)) != text")

    let decoded = Result { () throws(PercentEncodingError) in try PercentEncoding.decode(input) }
    switch decoded {
    case .success(let value):
        if !scalars.contains("%") { require(value == input, "a text without '%' changed when decoded") }
    case .failure(.invalidEscape(let position)):
        require(position >= 0 && position < scalars.count, "invalidEscape position \(position) outside the text")
        require(scalars[position] == "%", "invalidEscape at \(position), which is not '%'")
    case .failure(.invalidUTF8):
        require(scalars.contains("%"), "invalidUTF8 for a text without escapes")
    }
    if let first = input.indices.first {
        let slice = input[input.index(after: first)...]
        let viaSlice = try? PercentEncoding.decode(slice)
        let viaString = try? PercentEncoding.decode(String(slice))
        require(viaSlice == viaString, "decoding a Substring differs from decoding the same String")
    }
    return 0
}
