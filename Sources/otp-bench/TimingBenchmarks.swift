// TimingBenchmarks.swift
// A statistical check that comparisons of secrets take the same time wherever the inputs first
// differ (SECURITY.md, "Timing"). Not a unit test: timings on a shared machine are noisy, so
// this reports ratios for a person (or a CI job with a generous bound) to judge.
//
// For each comparison two wrong inputs are prepared: one that differs from the right value in
// its first byte, one that differs only in its last byte. An early-exit comparison returns
// sooner for the first; a constant-time one takes the same time for both. Batches of calls
// with each input alternate (ABBA order, so that a drift of the clock speed hits both alike),
// and the ratio is median(first-byte batches) / median(last-byte batches): about 1.0 when
// constant-time, clearly below 1.0 when not. A control row runs Swift's `==` on arrays, which
// stops at the first difference, to show that the method does see a leak when there is one.

import OTP
import OTPCrypto

/// Median time with the difference at the first byte divided by the median with it at the
/// last byte, for each comparison the library makes on secret or secret-derived values.
func timingReport() -> [(name: String, ratio: Double)] {
    var report: [(name: String, ratio: Double)] = []

    // Codes typed at login: what TOTPVerifier and HOTPVerifier compare for every step.
    for digits in [6, 10] {
        let right = String(repeating: "7", count: digits)
        let wrong = TimingProbe.Box(right)
        report.append(("constantTimeEqual, \(digits)-digit code", TimingProbe.ratio(
            prepare: { wrong.value = TimingProbe.changingDigit(of: right, at: $0 ? 0 : digits - 1) },
            measure: { compareCodes(wrong.value, right) })))
    }

    // What the verifiers compare: the typed code's value with each expected value. A
    // difference in the most significant digit against one in the least significant.
    let rightValue: UInt64 = 777_777
    let wrongValue = TimingProbe.Box(rightValue)
    report.append(("constantTimeEqual, 6-digit code value (UInt64)", TimingProbe.ratio(
        prepare: { wrongValue.value = $0 ? rightValue - 700_000 : rightValue - 7 },
        measure: { compareValues(wrongValue.value, rightValue) })))

    // Tags: Digest.isValidTag against a full SHA-256 and SHA-512 HMAC.
    let key = Array(0..<32 as Range<UInt8>)
    for (name, tag) in [
        ("SHA-256 HMAC", HMAC<SHA256>.authenticationCode(for: Array("message".utf8), key: key)),
        ("SHA-512 HMAC", HMAC<SHA512>.authenticationCode(for: Array("message".utf8), key: key)),
    ] {
        let wrong = TimingProbe.Box(tag.bytes)
        report.append(("Digest.isValidTag, \(name) (\(tag.count) bytes)", TimingProbe.ratio(
            prepare: { TimingProbe.setWrong(&wrong.value, from: tag.bytes, first: $0) },
            measure: { checkTag(tag, wrong.value) })))
    }

    // Secrets, and the 32-byte PBKDF2 outputs RecoveryCodes compares.
    let secretBytes = (0..<20).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    let secret = SecretBytes(secretBytes)
    let wrongSecret = TimingProbe.Box(secret)
    report.append(("SecretBytes ==, 20 bytes", TimingProbe.ratio(
        prepare: {
            var bytes = secretBytes
            bytes[$0 ? 0 : bytes.count - 1] ^= 0x01
            wrongSecret.value = SecretBytes(bytes)
        },
        measure: { compareSecrets(secret, wrongSecret.value) })))
    let hash = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 91 &+ 3) }
    let wrongHash = TimingProbe.Box(hash)
    report.append(("constantTimeEqual, 32-byte recovery-code hash", TimingProbe.ratio(
        prepare: { TimingProbe.setWrong(&wrongHash.value, from: hash, first: $0) },
        measure: { compareBytes(hash, wrongHash.value) })))

    // End to end: a wrong TOTP code at login, and a wrong recovery code.
    if let totp = try? TOTP(secret: secret, digits: 6), let verifier = try? TOTPVerifier(totp: totp) {
        let time: UInt64 = 1_700_000_000
        let right = (try? totp.code(at: time)) ?? "000000"
        let wrong = TimingProbe.Box(right)
        report.append(("TOTPVerifier.verify, wrong code (3 steps)", TimingProbe.ratio(batch: 20,
            prepare: { wrong.value = TimingProbe.changingDigit(of: right, at: $0 ? 0 : right.utf8.count - 1) },
            measure: { verifyCode(verifier, wrong.value, time) })))
    }
    var generator = TimingProbe.Generator()
    if let (codes, stored) = try? RecoveryCodes.generate(count: 10, iterations: 1, using: &generator), let code = codes.first {
        let wrong = TimingProbe.Box(code)
        report.append(("RecoveryCodes.redeeming, wrong code (10 entries)", TimingProbe.ratio(batch: 20,
            prepare: { wrong.value = TimingProbe.changingLetter(of: code, at: $0 ? 0 : code.utf8.count - 1) },
            measure: { redeem(stored, wrong.value) })))
    }

    // Control: an early-exit comparison must show up as a ratio well below 1.
    let long = (0..<4096).map { UInt8(truncatingIfNeeded: $0) }
    let wrongLong = TimingProbe.Box(long)
    report.append(("control: Array == (early exit), 4096 bytes", TimingProbe.ratio(
        prepare: { TimingProbe.setWrong(&wrongLong.value, from: long, first: $0) },
        measure: { earlyExitEqual(long, wrongLong.value) })))
    return report
}

/// The report as a table, with a verdict per row: `ok` when the ratio is within `bound` of 1,
/// `CHECK` otherwise (expected for the control row only).
func timingTable(_ report: [(name: String, ratio: Double)], bound: Double = 0.05) -> String {
    let width = report.map(\.name.count).max() ?? 0
    var text = "Timing: median time, first byte different / last byte different (1.00 = no leak)\n"
    for (name, ratio) in report {
        let verdict = abs(ratio - 1) <= bound ? "ok" : "CHECK"
        text += name + String(repeating: " ", count: width - name.count) + "  "
            + BenchmarkRunner.fixed(ratio, digits: 3) + "  " + verdict + "\n"
    }
    return text
}

/// The largest |ratio − 1| over the rows that are not the control: one number for `--json`.
func timingWorstDeviation(_ report: [(name: String, ratio: Double)]) -> Double {
    report.filter { !$0.name.hasPrefix("control") }.map { abs($0.ratio - 1) }.max() ?? 0
}

// MARK: - The calls measured (not inlined, so the inputs stay opaque to the optimizer)

@inline(never) func compareCodes(_ a: String, _ b: String) -> Bool { constantTimeEqual(a.utf8, b.utf8) }
@inline(never) func compareValues(_ a: UInt64, _ b: UInt64) -> Bool { constantTimeEqual(a, b) }
@inline(never) func checkTag(_ tag: Digest, _ candidate: [UInt8]) -> Bool { tag.isValidTag(candidate) }
@inline(never) func compareSecrets(_ a: SecretBytes, _ b: SecretBytes) -> Bool { a == b }
@inline(never) func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool { constantTimeEqual(a, b) }
@inline(never) func earlyExitEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool { a == b }
@inline(never) func verifyCode(_ verifier: TOTPVerifier, _ code: String, _ time: UInt64) -> Bool {
    verifier.verify(code, at: time, state: TOTPState()).isAccepted
}
@inline(never) func redeem(_ codes: RecoveryCodes, _ code: String) -> Bool { codes.redeeming(code) != nil }

// MARK: - Measurement

enum TimingProbe {
    /// median(first) / median(last) over `rounds` rounds of `batch` calls each, in ABBA order.
    ///
    /// Before each batch, `prepare(true)` puts the difference at the first byte and
    /// `prepare(false)` at the last, in the same buffer where the input allows it: so both
    /// sides read the same memory, and where an allocation happens to land (alignment, a
    /// cache-line split) cannot favour one of them.
    static func ratio(rounds: Int = 301, batch: Int = 2000, prepare: (Bool) -> Void, measure: () -> Bool) -> Double {
        let clock = ContinuousClock()
        var firstTimes: [Double] = [], lastTimes: [Double] = []
        firstTimes.reserveCapacity(rounds)
        lastTimes.reserveCapacity(rounds)
        func time(differenceFirst: Bool) -> Double {
            prepare(differenceFirst)
            var accepted = false
            let elapsed = clock.measure {
                for _ in 0..<batch { accepted = measure() || accepted }
            }
            blackHole(accepted)
            let (seconds, attoseconds) = elapsed.components
            return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
        }
        _ = time(differenceFirst: true)  // warm up caches and branch predictors
        _ = time(differenceFirst: false)
        for round in 0..<rounds {
            if round % 2 == 0 {
                firstTimes.append(time(differenceFirst: true))
                lastTimes.append(time(differenceFirst: false))
            } else {
                lastTimes.append(time(differenceFirst: false))
                firstTimes.append(time(differenceFirst: true))
            }
        }
        return median(firstTimes) / max(median(lastTimes), 1)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    /// A mutable cell the measured closure reads, so that `prepare` can change its input.
    final class Box<Value> {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Makes `bytes` equal to `right` except for its first (or last) byte, in place.
    static func setWrong(_ bytes: inout [UInt8], from right: [UInt8], first: Bool) {
        for i in right.indices { bytes[i] = right[i] }
        bytes[first ? 0 : bytes.count - 1] ^= 0x01
    }

    /// `code` with the decimal digit at `index` replaced by another digit.
    static func changingDigit(of code: String, at index: Int) -> String {
        var bytes = Array(code.utf8)
        bytes[index] = bytes[index] == UInt8(ascii: "9") ? UInt8(ascii: "0") : bytes[index] + 1
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A recovery code with the Base32 letter at `index` replaced by another letter (skipping
    /// the hyphens between groups).
    static func changingLetter(of code: String, at index: Int) -> String {
        var bytes = Array(code.utf8)
        var position = index
        while bytes[position] == UInt8(ascii: "-") { position += position == 0 ? 1 : -1 }
        bytes[position] = bytes[position] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A fixed-seed generator (SplitMix64), so the recovery codes are the same in every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64 = 0x5EC0_DE5E_ED00_0001

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
