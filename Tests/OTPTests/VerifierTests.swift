import OTP
import OTPCrypto
import Testing

// Expected codes: RFC 6238 Appendix B and RFC 4226 Appendix D, plus values for other
// counters computed with Python's hmac module and the RFC 4226 §5.3 truncation:
//   TOTP SHA-1, 8 digits, step 37037035: 89731029, step 37037038: 44266759
//   HOTP SHA-1, 6 digits, counter 50: 528155, 51: 980838, 52: 249088, 1000: 450130, 1001: 796651

@Suite("TOTP verifier")
struct TOTPVerifierTests {
    let totp = try! TOTP(secret: sha1Seed, digits: 8)

    @Test("a code accepted once is refused the second time (RFC 6238 §5.2)")
    func replay() throws {
        let verifier = try TOTPVerifier(totp: totp)
        let first = verifier.verify("07081804", at: 1111111109, state: TOTPState())
        #expect(first.outcome == .accepted(step: 37037036, drift: 0))
        let second = verifier.verify("07081804", at: 1111111109, state: first.state)
        #expect(second.outcome == .replayed)
        // A later step's code is still accepted; the earlier step's code is not.
        let next = verifier.verify("14050471", at: 1111111111, state: first.state)
        #expect(next.outcome == .accepted(step: 37037037, drift: 0))
        #expect(verifier.verify("07081804", at: 1111111111, state: next.state).outcome == .replayed)
    }

    @Test("a code one step old is accepted with window 1 and refused with window 0")
    func window() throws {
        // At 1111111111 the current step is 37037037; 07081804 is step 37037036's code.
        let wide = try TOTPVerifier(totp: totp, stepsBehind: 1, stepsAhead: 1)
        #expect(wide.verify("07081804", at: 1111111111, state: TOTPState()).outcome == .accepted(step: 37037036, drift: -1))
        let narrow = try TOTPVerifier(totp: totp, stepsBehind: 0, stepsAhead: 0)
        #expect(narrow.verify("07081804", at: 1111111111, state: TOTPState()).outcome == .rejected)
        // One step ahead (the device clock is fast).
        #expect(wide.verify("44266759", at: 1111111111, state: TOTPState()).outcome == .accepted(step: 37037038, drift: 1))
        #expect(wide.verify("89731029", at: 1111111111, state: TOTPState()).outcome == .rejected)
    }

    @Test("the window is clipped at step 0 and never wraps")
    func windowAtZero() throws {
        let verifier = try TOTPVerifier(totp: totp, stepsBehind: 3, stepsAhead: 1)
        #expect(verifier.verify("84755224", at: 0, state: TOTPState()).outcome == .accepted(step: 0, drift: 0))
        #expect(verifier.verify("94287082", at: 0, state: TOTPState()).outcome == .accepted(step: 1, drift: 1))
        #expect(verifier.verify("37359152", at: 0, state: TOTPState()).outcome == .rejected)
        let huge = try TOTP(secret: sha1Seed, digits: 8, period: 1)
        let top = try TOTPVerifier(totp: huge, stepsBehind: 1, stepsAhead: 5)
        #expect(top.verify("00000000", at: UInt64.max, state: TOTPState()).isAccepted == false)
    }

    @Test("every step of windows up to ±10 is accepted with its drift, and the steps just outside are not")
    func everyStepOfEveryWindow() throws {
        // RFC 6238 Appendix B, SHA-1: step 37037036 (time 1111111109) has code 07081804.
        for behind: UInt64 in 0...10 {
            for ahead: UInt64 in [0, 1, 3, 10] {
                let verifier = try TOTPVerifier(totp: totp, stepsBehind: behind, stepsAhead: ahead)
                for drift in -Int64(behind) - 1 ... Int64(ahead) + 1 {
                    // The code of step 37037036 checked at a time `drift` steps before it.
                    let time = UInt64(Int64(1111111109) - 30 * drift)
                    let outcome = verifier.verify("07081804", at: time, state: TOTPState()).outcome
                    if -Int64(behind) <= drift && drift <= Int64(ahead) {
                        #expect(outcome == .accepted(step: 37037036, drift: drift), "window -\(behind)/+\(ahead), drift \(drift)")
                    } else {
                        #expect(outcome == .rejected, "window -\(behind)/+\(ahead), drift \(drift)")
                    }
                }
            }
        }
    }

    @Test("malformed codes are rejected without work and count as failures",
          arguments: ["", "0708180", "070818040", "7081804", "0708180a", "0708 804", "٠٧٠٨١٨٠٤", "+7081804"])
    func malformed(code: String) throws {
        let verifier = try TOTPVerifier(totp: totp)
        let result = verifier.verify(code, at: 1111111109, state: TOTPState())
        #expect(result.outcome == .malformed)
        #expect(result.state.throttle.failures == 1)
    }

    @Test("lockout after the configured failures; the right code is refused until the delay passes")
    func lockout() throws {
        let policy = ThrottlePolicy(maximumFailures: 3, initialDelay: 60, maximumDelay: 600)
        let verifier = try TOTPVerifier(totp: totp, throttle: policy)
        var state = TOTPState()
        let time: UInt64 = 1111111109
        for attempt in 1...3 {
            let result = verifier.verify("00000000", at: time, state: state)
            #expect(result.outcome == .rejected)
            state = result.state
            #expect(state.throttle.failures == attempt)
        }
        #expect(state.throttle.lockedUntil == time + 60)
        let locked = verifier.verify("07081804", at: time + 59, state: state)
        #expect(locked.outcome == .lockedOut(until: time + 60))
        #expect(locked.state == state)
        // After the delay the right code is accepted and the failures are forgotten: at
        // time + 60 the step is 37037038, and 14050471 (step 37037037) is one step behind.
        let accepted = verifier.verify("14050471", at: time + 60, state: state)
        #expect(accepted.outcome == .accepted(step: 37037037, drift: -1))
        #expect(accepted.state.throttle == ThrottleState())
    }

    @Test("the lockout grows, doubling up to the maximum, and never overflows")
    func growingDelay() {
        let policy = ThrottlePolicy(maximumFailures: 2, initialDelay: 30, maximumDelay: 100)
        var state = ThrottleState()
        var delays: [UInt64] = []
        for _ in 0..<6 {
            state = ThrottleState(failures: state.failures, lockedUntil: 0)
            let verifierState = TOTPState(throttle: state)
            let verifier = try! TOTPVerifier(totp: totp, throttle: policy)
            state = verifier.verify("1", at: 1000, state: verifierState).state.throttle
            delays.append(state.lockedUntil == 0 ? 0 : state.lockedUntil - 1000)
        }
        #expect(delays == [0, 30, 60, 100, 100, 100])
        let extreme = ThrottleState(failures: Int.max, lockedUntil: 0)
        let verifier = try! TOTPVerifier(totp: totp, throttle: policy)
        let result = verifier.verify("1", at: UInt64.max - 5, state: TOTPState(throttle: extreme))
        #expect(result.state.throttle.failures == Int.max)
        #expect(result.state.throttle.lockedUntil == UInt64.max)
    }

    @Test("a huge window or a throttle without failures is a configuration error")
    func configuration() {
        #expect(throws: VerifierError.windowTooLarge(requested: 11, maximum: 10)) {
            try TOTPVerifier(totp: totp, stepsBehind: 11)
        }
        #expect(throws: VerifierError.windowTooLarge(requested: UInt64.max, maximum: 10)) {
            try TOTPVerifier(totp: totp, stepsAhead: UInt64.max)
        }
        #expect(throws: VerifierError.invalidThrottle) {
            try TOTPVerifier(totp: totp, throttle: ThrottlePolicy(maximumFailures: 0))
        }
    }

    @Test("leading zeros are significant: 7081804 is not 07081804")
    func leadingZeros() throws {
        let verifier = try TOTPVerifier(totp: try TOTP(secret: sha1Seed, digits: 7))
        // The 7-digit code for step 37037036 is 7081804 (8-digit 07081804 modulo 10^7).
        #expect(verifier.verify("7081804", at: 1111111109, state: TOTPState()).isAccepted)
        #expect(verifier.verify("07081804", at: 1111111109, state: TOTPState()).outcome == .malformed)
    }
}

@Suite("HOTP verifier")
struct HOTPVerifierTests {
    let hotp = try! HOTP(secret: sha1Seed)

    @Test("look-ahead accepts a token that ran ahead, and the counter only moves forward")
    func lookAhead() throws {
        let verifier = try HOTPVerifier(hotp: hotp, lookAhead: 3)
        let result = verifier.verify("969429", at: 0, state: HOTPState(nextCounter: 0))  // counter 3
        #expect(result.outcome == .accepted(step: 3, drift: 3))
        #expect(result.state.nextCounter == 4)
        // Codes for counters before the new position are refused.
        #expect(verifier.verify("359152", at: 0, state: result.state).outcome == .rejected)  // counter 2
        #expect(verifier.verify("969429", at: 0, state: result.state).outcome == .rejected)  // counter 3 again
        #expect(verifier.verify("162583", at: 0, state: result.state).isAccepted)  // counter 7
        #expect(verifier.verify("399871", at: 0, state: result.state).outcome == .rejected)  // counter 8: beyond s
    }

    @Test("resynchronisation from two consecutive codes 50 steps ahead (RFC 4226 §7.4)")
    func resync() throws {
        let verifier = try HOTPVerifier(hotp: hotp, lookAhead: 10, resynchronizationWindow: 100)
        let state = HOTPState(nextCounter: 0)
        #expect(verifier.verify("528155", at: 0, state: state).outcome == .rejected)
        let result = verifier.resynchronize("528155", "980838", at: 0, state: state)
        #expect(result.outcome == .accepted(step: 51, drift: 51))
        #expect(result.state.nextCounter == 52)
        #expect(verifier.verify("249088", at: 0, state: result.state).outcome == .accepted(step: 52, drift: 0))
        // Two codes that are not consecutive do not resynchronise.
        #expect(verifier.resynchronize("528155", "249088", at: 0, state: state).outcome == .rejected)
        // Beyond the window: 1000 is out of reach of a 100-step search.
        #expect(verifier.resynchronize("450130", "796651", at: 0, state: state).outcome == .rejected)
    }

    @Test("every offset of every look-ahead up to 13 is found, for 6 to 10 digits and SHA-1 (in lanes), SHA-256 and SHA-512")
    func everyOffsetAcrossLanes() throws {
        for algorithm in HashAlgorithm.allCases {
            for digits in HOTP.digitRange {
                let generator = try HOTP(secret: sha1Seed, algorithm: algorithm, digits: digits)
                for lookAhead: UInt64 in 0...13 {
                    let verifier = try HOTPVerifier(hotp: generator, lookAhead: lookAhead)
                    for offset: UInt64 in 0...(lookAhead + 1) {
                        let code = generator.code(counter: 1000 + offset)
                        let outcome = verifier.verify(code, at: 0, state: HOTPState(nextCounter: 1000)).outcome
                        let context = "\(algorithm), \(digits) digits, look-ahead \(lookAhead), offset \(offset)"
                        if offset <= lookAhead {
                            #expect(outcome == .accepted(step: 1000 + offset, drift: Int64(offset)), "\(context)")
                        } else {
                            #expect(outcome == .rejected, "\(context)")
                        }
                    }
                }
            }
        }
    }

    @Test("the counter never passes 2^64 − 1 and windows at the top do not trap")
    func counterTop() throws {
        let verifier = try HOTPVerifier(hotp: hotp, lookAhead: 100, resynchronizationWindow: 10_000)
        let top = HOTPState(nextCounter: UInt64.max)
        #expect(verifier.verify("000000", at: 0, state: top).outcome == .rejected)
        #expect(verifier.resynchronize("000000", "000000", at: 0, state: top).outcome == .rejected)
        let nearTop = HOTPState(nextCounter: UInt64.max - 50)
        let code = hotp.code(counter: UInt64.max - 1)
        #expect(verifier.verify(code, at: 0, state: nearTop).state.nextCounter == UInt64.max)
        #expect(throws: VerifierError.windowTooLarge(requested: 101, maximum: 100)) {
            try HOTPVerifier(hotp: hotp, lookAhead: 101)
        }
    }
}
