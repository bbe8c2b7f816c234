import OTP
import OTPCrypto
import OTPEncoding
import Testing

/// A deterministic generator for tests (SplitMix64), so that a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

@Suite("Recovery codes")
struct RecoveryCodeTests {
    @Test("each code works once, in any case and grouping; wrong codes never")
    func singleUse() throws {
        var generator = SeededGenerator(state: 7)
        let (codes, stored) = try RecoveryCodes.generate(count: 5, iterations: 10, using: &generator)
        #expect(codes.count == 5)
        #expect(Set(codes).count == 5)
        #expect(stored.remaining == 5)
        for code in codes {
            // 16 Base32 characters in four groups of four.
            #expect(code.count == 19)
            #expect(code.split(separator: "-").map(\.count) == [4, 4, 4, 4])
        }
        var current = stored
        for (i, code) in codes.enumerated() {
            let typed = i % 2 == 0 ? code.uppercased() : String(code.map { $0 == "-" ? " " : $0 })
            let next = try #require(current.redeeming(typed))
            #expect(next.remaining == current.remaining - 1)
            #expect(current.redeeming(code)?.remaining == next.remaining)  // the old state still has it
            #expect(next.redeeming(code) == nil)  // used up
            current = next
        }
        #expect(current.remaining == 0)
        #expect(stored.redeeming("aaaa-aaaa-aaaa-aaaa") == nil)
        #expect(stored.redeeming("") == nil)
        #expect(stored.redeeming("not a code at all!") == nil)
    }

    @Test("only salted hashes are stored, never the codes")
    func storedForm() throws {
        var generator = SeededGenerator(state: 8)
        let (codes, stored) = try RecoveryCodes.generate(count: 3, iterations: 10, using: &generator)
        for (code, entry) in zip(codes, stored.entries) {
            let secret = try Base32.decodeLenient(code)
            #expect(entry.hash.count == 32)
            #expect(entry.salt.count == 16)
            #expect(!entry.hash.elementsEqual(secret))
            // The hash is PBKDF2-HMAC-SHA256 of the code's bytes with the entry's salt.
            let expected = try PBKDF2.deriveKey(SHA256.self, password: secret, salt: entry.salt, iterations: 10, keyByteCount: 32)
            #expect(entry.hash == expected)
        }
        #expect(Set(stored.entries.map(\.salt)).count == 3)
    }
}

@Suite("Enrollment")
struct EnrollmentTests {
    func enrollment(seed: UInt64 = 1) throws -> Enrollment {
        var generator = SeededGenerator(state: seed)
        return try Enrollment.begin(issuer: "Example", account: "alice@example.com", using: &generator)
    }

    @Test("new secrets: 20/32/64 bytes by algorithm, from the generator")
    func secretSizes() throws {
        var generator = SeededGenerator(state: 2)
        for (algorithm, size) in [(HashAlgorithm.sha1, 20), (.sha256, 32), (.sha512, 64)] {
            let e = try Enrollment.begin(issuer: nil, account: "a", algorithm: algorithm, using: &generator)
            #expect(e.key.secret.count == size)
        }
        let system1 = try Enrollment.begin(issuer: "X", account: "a")
        let system2 = try Enrollment.begin(issuer: "X", account: "a")
        #expect(system1.key.secret != system2.key.secret)
    }

    @Test("pending until a correct first code; then login codes with replay protection")
    func lifecycle() throws {
        let pending = try enrollment()
        #expect(pending.status == .pending)
        #expect(pending.provisioningURI.hasPrefix("otpauth://totp/Example:alice%40example.com?secret="))
        #expect(pending.groupedSecret.split(separator: " ").allSatisfy { $0.count <= 4 })
        #expect(try Base32.decodeLenient(pending.groupedSecret) == pending.key.secret.revealed)

        let time: UInt64 = 1_700_000_000
        let totp = try pending.key.makeTOTP()
        // A login code before confirmation is refused.
        #expect(pending.verifying(try totp.code(at: time), at: time).outcome == .notEnabled)
        // A wrong first code leaves it pending.
        let wrong = pending.confirming("000000" == (try totp.code(at: time)) ? "111111" : "000000", at: time)
        #expect(wrong.state.status == .pending)
        #expect(wrong.state.state.throttle.failures == 1)
        // The right one enables it.
        let confirmed = pending.confirming(try totp.code(at: time), at: time)
        #expect(confirmed.isAccepted)
        #expect(confirmed.state.status == .enabled)
        // The confirming code cannot be used again to log in; the next step's can.
        #expect(confirmed.state.verifying(try totp.code(at: time), at: time).outcome == .replayed)
        let login = confirmed.state.verifying(try totp.code(at: time + 30), at: time + 30)
        #expect(login.isAccepted)
        #expect(confirmed.state.confirming(try totp.code(at: time + 60), at: time + 60).outcome == .notEnabled)
    }

    @Test("recovery codes through the enrollment, throttled; an administrator reset disables everything")
    func recoveryAndReset() throws {
        let pending = try enrollment(seed: 3)
        let time: UInt64 = 1_800_000_000
        let enabled = pending.confirming(try pending.key.makeTOTP().code(at: time), at: time).state
        var generator = SeededGenerator(state: 4)
        let (codes, withCodes) = try enabled.withNewRecoveryCodes(count: 3, iterations: 10, using: &generator)
        let used = withCodes.redeemingRecoveryCode(codes[1], at: time)
        #expect(used.outcome == .recoveryCodeAccepted(remaining: 2))
        #expect(used.state.redeemingRecoveryCode(codes[1], at: time).outcome == .rejected)

        let reset = used.state.disabled()
        #expect(reset.status == .disabled)
        #expect(reset.recoveryCodes == nil)
        #expect(reset.redeemingRecoveryCode(codes[0], at: time).outcome == .notEnabled)
        #expect(reset.verifying(try reset.key.makeTOTP().code(at: time + 90), at: time + 90).outcome == .notEnabled)
    }
}
