// Fuzz target: our `key = value` vector format (Vectors/README.md) and every check behind it
// (base32, base16, keyuri, hotp, totp, verifier), through `Conformance.check`.
//
// Properties: as for the `.rsp` target (see ConformanceFuzzing.swift).

import Conformance

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeyValue(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkVectorFile(name: "fuzz.txt", contents: inputBytes(data, size))
    return 0
}
