#if canImport(Glibc)
import Glibc
#endif
import OTP
import OTPCrypto

/// Counts heap allocations per HOTP code with valgrind's allocation counter (memcheck's "total
/// heap usage"): the benchmark runs itself again under valgrind three times — with no
/// workload, with 10,000 HOTP codes from a prepared key, and with a control of 10,000 escaping
/// arrays that shows the count sees allocations at all — and divides the differences.
enum AllocationCount {
    static let calls = 10_000

    /// The child's side: `otp-bench --allocation-workload none|hotp|control`.
    static func runChild(_ workload: String) -> Int32 {
        guard let hotp = try? HOTP(secret: SecretBytes(Array("12345678901234567890".utf8))) else { return 3 }
        var sink = hotp.code(counter: 0).utf8.count
        var kept: [[UInt8]] = []
        kept.reserveCapacity(calls)
        switch workload {
        case "none": break
        case "hotp": for counter in 1...calls { sink &+= hotp.code(counter: UInt64(counter)).utf8.count }
        case "control": for index in 0..<calls { kept.append([UInt8](repeating: UInt8(truncatingIfNeeded: index), count: 64)) }
        default: return 2
        }
        blackHole(sink)
        blackHole(kept)
        return 0
    }

    /// Allocations per call of `workload` beyond the run without one, or nil when valgrind
    /// is not installed or did not report.
    static func perCall(_ workload: String) -> Double? {
        guard let base = heapAllocations("none"), let total = heapAllocations(workload) else { return nil }
        return Double(total - base) / Double(calls)
    }

    /// This executable's path (valgrind must be given the real file, not `/proc/self/exe`).
    static func ownPath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// memcheck's count of heap allocations for a whole run of `workload`.
    static func heapAllocations(_ workload: String) -> Int? {
        let valgrind = "/usr/bin/valgrind"
        guard access(valgrind, X_OK) == 0 else { return nil }
        let report = "/tmp/otp-bench-valgrind-\(getpid())-\(workload)"
        defer { unlink(report) }
        guard let executable = ownPath() else { return nil }
        let arguments = [valgrind, "--tool=memcheck", "--log-file=\(report)", executable, "--allocation-workload", workload]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, valgrind, nil, nil, &argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        guard status == 0, let file = fopen(report, "r") else { return nil }
        defer { fclose(file) }
        // "==123==   total heap usage: 51 allocs, 37 frees, 77,190 bytes allocated"
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0 {
            guard let line, let found = strstr(line, "total heap usage: ") else { continue }
            var count = 0
            var cursor = found + 18
            while cursor.pointee != 0 && cursor.pointee != 0x20 {  // digits and thousands commas
                if cursor.pointee >= 0x30 && cursor.pointee <= 0x39 { count = count * 10 + Int(cursor.pointee - 0x30) }
                cursor += 1
            }
            return count
        }
        return nil
    }
}
