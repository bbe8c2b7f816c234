// Residue.swift
// Reproducer: HMAC key setup leaves the key on the stack in an optimised build.
//
// HMAC._absorbKey (Sources/OTPCrypto/HMAC.swift) zeroes its stack copies of K0 and of
// K0 xor ipad/opad at the end, "best effort". With -O the compiler sees that nothing reads
// those buffers again and removes the zeroing (dead-store elimination), so the bytes stay in
// the dead stack frame. This program keys an HMAC with a recognisable 32-byte key, then
// copies the stack region below the caller (the dead frames) and reports what it finds.
//
// Build and run (from the repository root; the modules as Scripts/differential.py builds them):
//   python3 Scripts/differential.py --cases 1 --otp-random 0 --build-dir /tmp/diff-build
//   swiftc -O -parse-as-library -I /tmp/diff-build -module-name Residue \
//     Scripts/fuzz/regressions/hmac-key-residue/Residue.swift \
//     /tmp/diff-build/OTPCrypto.o /tmp/diff-build/OTPEncoding.o /tmp/diff-build/OTP.o -o /tmp/residue
//   /tmp/residue      # exit 1 and "FOUND" while the zeroing is optimised away; 0 once fixed
//
// Reading memory that was never initialised is outside what Swift defines; this is a probe for
// a person to run, not a test for CI.

import Glibc
import OTPCrypto

let keyByte: UInt8 = 0xA5

@inline(never)
func keyAnHMAC() -> HMAC<SHA256> {
    HMAC<SHA256>(key: [UInt8](repeating: keyByte, count: 32))
}

/// Copies the stack below this call (where the frames of the calls before it were) into `out`
/// before anything else runs. Unoptimised and out of line, so that the compiler cannot reason
/// about the memory it reads.
@inline(never) @_optimize(none)
func snapshotStack(into out: UnsafeMutableRawBufferPointer) {
    var marker: UInt8 = 0
    withUnsafeMutablePointer(to: &marker) { here in
        out.baseAddress!.copyMemory(from: UnsafeRawPointer(here) - (out.count - 4096), byteCount: out.count)
    }
}

/// The names of the key-derived patterns found in `bytes`: 16 bytes in a row of the key (K0),
/// of K0 xor ipad, or of K0 xor opad.
func keyPatterns(in bytes: UnsafeRawBufferPointer) -> [String] {
    var found: [String] = []
    for (name, byte) in [("K0", keyByte), ("K0 xor ipad", keyByte ^ 0x36), ("K0 xor opad", keyByte ^ 0x5C)] {
        var run = 0
        for value in bytes {
            run = value == byte ? run + 1 : 0
            if run == 16 {
                found.append(name)
                break
            }
        }
    }
    return found
}

@main
struct Residue {
    static func main() {
        let stack = UnsafeMutableRawBufferPointer.allocate(byteCount: 16384, alignment: 16)
        let mac = keyAnHMAC()
        snapshotStack(into: stack)
        let found = keyPatterns(in: UnsafeRawBufferPointer(stack))
        print(mac.authenticationCode(for: [1, 2, 3]))
        if found.isEmpty {
            print("no key bytes left on the stack")
        } else {
            print("FOUND on the stack after HMAC(key:) returned: \(found.joined(separator: ", "))")
            exit(1)
        }
    }
}
