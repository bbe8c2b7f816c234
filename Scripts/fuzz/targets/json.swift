// Fuzz target: the strict JSON reader (RFC 8259) and the Wycheproof MAC check behind it,
// through `Conformance.check` with a `.json` name.
//
// Properties: as for the `.rsp` target (see ConformanceFuzzing.swift).

import Conformance

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkVectorFile(name: "fuzz.json", contents: inputBytes(data, size))
    return 0
}
