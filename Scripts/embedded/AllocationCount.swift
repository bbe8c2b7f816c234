// Counts heap allocations on the hot paths, in an Embedded Swift executable whose allocator
// calls (malloc and posix_memalign, the only two the Embedded runtime uses) are wrapped by
// the linker (`-Wl,--wrap=…`, see Scripts/check-embedded.sh). A positive control — an array
// that escapes — proves that the counter sees allocations at all.

import OTP
import OTPCrypto

@_extern(c, "__real_malloc")
func realMalloc(_ size: Int) -> UnsafeMutableRawPointer?

@_extern(c, "__real_posix_memalign")
func realPosixMemalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int) -> Int32

/// The C library's exit, which flushes standard output.
@_extern(c, "exit")
func exit(_ status: Int32)

nonisolated(unsafe) var allocationCount = 0
nonisolated(unsafe) var escaped: [[UInt8]] = []

@_cdecl("__wrap_malloc")
func countingMalloc(_ size: Int) -> UnsafeMutableRawPointer? {
    allocationCount += 1
    return realMalloc(size)
}

@_cdecl("__wrap_posix_memalign")
func countingPosixMemalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int) -> Int32 {
    allocationCount += 1
    return realPosixMemalign(result, alignment, size)
}

/// The number of allocations `body` makes.
func allocations(_ body: () -> Void) -> Int {
    let before = allocationCount
    body()
    return allocationCount - before
}

@main
struct AllocationCount {
    static func main() {
        let secret = SecretBytes(Array("12345678901234567890".utf8))
        guard let hotp = try? HOTP(secret: secret), let totp = try? TOTP(secret: secret) else {
            fatalError("could not make the generators")
        }
        let keyed = HMAC<SHA1>(key: Array("12345678901234567890".utf8))
        let block: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 1]
        var sink = 0

        let counts: [(String, Int)] = [
            ("SHA-256 digest of 64 bytes, x1000", allocations {
                block.withUnsafeBytes { raw in
                    for _ in 0..<1000 { sink &+= Int(SHA256.hash(bufferPointer: raw)[0]) }
                }
            }),
            ("HMAC-SHA-1 with a prepared key, x1000", allocations {
                block.withUnsafeBytes { raw in
                    for _ in 0..<1000 { sink &+= Int(keyed.authenticationCode(bufferPointer: raw)[0]) }
                }
            }),
            ("HOTP code with a prepared key, x1000", allocations {
                for counter in 0..<1000 { sink &+= hotp.code(counter: UInt64(counter)).utf8.count }
            }),
            ("TOTP code with a prepared key, x1000", allocations {
                for time in 0..<1000 { sink &+= (try? totp.code(at: UInt64(time) * 30))?.utf8.count ?? 0 }
            }),
        ]
        let control = allocations { escaped.append([UInt8](repeating: 1, count: 100)) }

        var failed = false
        for (name, count) in counts {
            print("\(count) allocations: \(name)")
            if count != 0 { failed = true }
        }
        print("\(control) allocations: control (an escaping array; must be more than 0)")
        if control == 0 { failed = true }
        print("checksum of the work done: \(sink)")
        print(failed ? "verdict: FAIL" : "verdict: PASS")
        if failed { exit(1) }
    }
}
