// Release.swift
// Probe: does releasing a SecretBytes clear its bytes before the memory goes back to malloc?
//
// SecretBytes keeps the secret in a buffer of its own and overwrites it with zeros in the
// storage's deinit (Sources/OTPCrypto/SecretBytes.swift). This program makes a SecretBytes of a
// recognisable 256-byte pattern, notes where its bytes are, releases it, and counts the pattern
// bytes still in that memory. As a control it does the same with a plain [UInt8], which Swift
// frees without clearing. malloc reuses the first 16 bytes of a freed block for its own
// pointers, so only bytes 16... are counted.
//
// Build and run (from the repository root):
//   swiftc -O -wmo -parse-as-library -module-name OTPCrypto -emit-module \
//     -emit-module-path /tmp/rel/OTPCrypto.swiftmodule -c -o /tmp/rel/OTPCrypto.o Sources/OTPCrypto/*.swift
//   swiftc -O -I /tmp/rel Scripts/fuzz/regressions/secret-release/Release.swift /tmp/rel/OTPCrypto.o -o /tmp/rel/release
//   /tmp/rel/release      # exit 0: the control keeps the pattern and SecretBytes leaves none
//
// Reading freed memory is outside what Swift defines; this is a probe for a person to run,
// not a test for CI.

import Glibc
import OTPCrypto

let pattern = (0..<256).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 0x41) }

/// How many of bytes 16..<256 at `address` still equal the pattern (its one zero byte, at 137,
/// is not counted: cleared memory equals it too).
@inline(never) @_optimize(none)
func survivors(at address: UnsafeRawPointer) -> Int {
    var count = 0
    var index = 16
    while index < 256 {
        if pattern[index] != 0 && address.load(fromByteOffset: index, as: UInt8.self) == pattern[index] { count += 1 }
        index += 1
    }
    return count
}

@inline(never)
func releasedSecret() -> UnsafeRawPointer {
    let secret = SecretBytes(pattern.lazy.map { $0 })  // built from a sequence, so no array of ours shares it
    return secret.withUnsafeBytes { $0.baseAddress! }
}

@inline(never)
func releasedArray() -> UnsafeRawPointer {
    let array = Array(pattern.lazy.map { $0 })
    return array.withUnsafeBytes { $0.baseAddress! }
}

let secretLeft = survivors(at: releasedSecret())
let arrayLeft = survivors(at: releasedArray())
print("SecretBytes: \(secretLeft) of 239 pattern bytes left after release")
print("[UInt8] (control): \(arrayLeft) of 239 pattern bytes left after release")
exit(secretLeft == 0 && arrayLeft > 0 ? 0 : 1)
