// Fuzz target: the NIST CAVP `.rsp` reader and the RFC transcriptions that share it, through
// `Conformance.check(fileName:contents:)`. The first input byte picks the file name (which picks
// the reader and the check); the rest is the file.
//
// Properties: no trap; a file either gives a report or a VectorFileError whose message is one
// bounded log line; `inventory` and `otpVectors` never trap either, and when the check gives a
// report, `inventory` reads the same format.

import Conformance

private let fileNames = [
    "SHA1ShortMsg.rsp", "SHA224LongMsg.rsp", "SHA256ShortMsg.rsp", "SHA384LongMsg.rsp",
    "SHA512ShortMsg.rsp", "SHA512_224ShortMsg.rsp", "SHA512_256LongMsg.rsp",
    "SHA1Monte.rsp", "SHA256Monte.rsp", "SHA512_256Monte.rsp",
    "HMAC.rsp", "rfc-2202-sha1.txt", "rfc-4231-sha256.txt", "rfc-4231-sha512.txt",
    "rfc-4226.txt", "rfc-6238.txt",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRSP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let name = fileNames[Int(input.byte()) % fileNames.count]
    checkVectorFile(name: name, contents: input.rest())
    return 0
}
