// Fuzz target: TOTPVerifier, HOTPVerifier, recovery codes and the enrollment life cycle, fed
// configurations, stored states, times and codes chosen by the fuzzer.
//
// The first byte picks what runs; the bytes after it give the configuration, a starting state
// (as a server would load it: any values, including a lockout far in the future or a failure
// count near Int.max), then attempts until the input runs out. An attempt's code is either
// bytes from the input or the right code for a step near the current one, so that acceptance,
// replay and resynchronisation are reached, not only rejection.
//
// Each outcome is checked against an independent oracle that recomputes every code of the
// window: accepted only for a matching, fresh step inside the window; replayed only when a used
// step matches; rejected only when nothing matches; malformed exactly for codes that are not
// `digits` ASCII digits; a lockout refuses without changing the state; the stored step or
// counter never moves backwards; failures count up and a success clears them.

import OTP
import OTPCrypto
import OTPEncoding

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVerifier(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    switch input.byte() % 4 {
    case 0: fuzzTOTP(&input)
    case 1: fuzzHOTP(&input)
    case 2: fuzzRecoveryCodes(&input)
    default: fuzzEnrollment(&input)
    }
    return 0
}

// MARK: - Shared

/// A generator for a secret of 0 to 64 bytes and 4 to 11 digits, with its secret; nil when
/// the fuzzer chose values HOTP must refuse (and it did, with the right error).
private func makeHOTP(_ input: inout FuzzInput) -> (hotp: HOTP, secret: SecretBytes)? {
    let algorithm = HashAlgorithm.allCases[Int(input.byte()) % 3]
    let digits = Int(input.byte() % 8) + 4
    let secret = SecretBytes(input.bytes(Int(input.byte() % 65)))
    do throws(OTPError) {
        let hotp = try HOTP(secret: secret, algorithm: algorithm, digits: digits)
        require(HOTP.digitRange.contains(digits) && !secret.isEmpty, "HOTP accepted digits \(digits), \(secret.count) bytes")
        return (hotp, secret)
    } catch {
        require(error == (HOTP.digitRange.contains(digits) ? .emptySecret : .digitsOutOfRange(digits)),
                "HOTP threw \(error) for digits \(digits), \(secret.count) bytes")
        return nil
    }
}

private func makeThrottle(_ input: inout FuzzInput) -> ThrottlePolicy {
    ThrottlePolicy(
        maximumFailures: Int(Int8(bitPattern: input.byte())),
        initialDelay: input.bool() ? UInt64(input.uint16()) : input.uint64(),
        maximumDelay: input.bool() ? UInt64(input.uint16()) : input.uint64())
}

private func makeThrottleState(_ input: inout FuzzInput) -> ThrottleState {
    let failures: Int
    switch input.byte() % 4 {
    case 0: failures = 0
    case 1: failures = Int(input.byte())
    case 2: failures = Int.max - Int(input.byte() % 4)
    default: failures = Int(truncatingIfNeeded: input.uint64())
    }
    return ThrottleState(failures: failures, lockedUntil: input.bool() ? 0 : input.uint64())
}

/// A time: a fresh 64-bit value, or the previous time moved by a small signed amount.
private func nextTime(_ input: inout FuzzInput, after previous: UInt64) -> UInt64 {
    switch input.byte() % 4 {
    case 0: return input.uint64()
    case 1: return UInt64(input.uint16())
    default:
        let delta = Int64(Int16(bitPattern: input.uint16()))
        return delta >= 0 ? previous &+ UInt64(delta) : previous &- UInt64(-delta)
    }
}

/// The code to try: the right code for `step + offset` (an offset in -3...3), or bytes from the
/// input (often of the right length, so they are well-formed).
private func nextCode(_ input: inout FuzzInput, hotp: HOTP, near step: UInt64?) -> String {
    let choice = input.byte()
    if choice & 1 == 0, let step {
        let offset = Int64(choice >> 1) % 7 - 3
        let target = offset >= 0 ? step &+ UInt64(offset) : step &- UInt64(-offset)
        return hotp.code(counter: target)
    }
    let length = choice & 2 == 0 ? hotp.digits : Int(choice >> 2) % 12
    return text(input.bytes(length).map { choice & 4 == 0 ? 0x30 + $0 % 10 : $0 })
}

private func isWellFormed(_ code: String, digits: Int) -> Bool {
    code.utf8.count == digits && code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
}

/// The throttle state after a failure must count it and lock only as the policy says.
private func checkFailure(_ before: ThrottleState, _ after: ThrottleState, at time: UInt64) {
    require(after.failures == (before.failures < Int.max ? before.failures + 1 : Int.max),
            "failures went from \(before.failures) to \(after.failures)")
    require(after.lockedUntil == 0 || after.lockedUntil >= time, "locked until \(after.lockedUntil), before the failure at \(time)")
}

// MARK: - TOTP

private func fuzzTOTP(_ input: inout FuzzInput) {
    guard let (hotp, secret) = makeHOTP(&input) else { return }
    let period = input.bool() ? UInt64(input.byte() % 120) : input.uint64()
    let t0 = input.bool() ? UInt64(input.uint16()) : input.uint64()
    let totp: TOTP
    do throws(OTPError) {
        totp = try TOTP(secret: secret, algorithm: hotp.algorithm, digits: hotp.digits, period: period, t0: t0)
    } catch {
        require(period == 0 && error == .periodIsZero, "TOTP threw \(error) for period \(period)")
        return
    }
    let behind = UInt64(input.byte() % 12), ahead = UInt64(input.byte() % 12)
    let throttle = makeThrottle(&input)
    let verifier: TOTPVerifier
    do throws(VerifierError) {
        verifier = try TOTPVerifier(totp: totp, stepsBehind: behind, stepsAhead: ahead, throttle: throttle)
    } catch {
        require(behind > 10 || ahead > 10 || throttle.maximumFailures < 1, "TOTPVerifier threw \(error)")
        return
    }
    require(behind <= 10 && ahead <= 10 && throttle.maximumFailures >= 1, "TOTPVerifier accepted a refused configuration")

    var state = TOTPState(lastAcceptedStep: input.bool() ? input.uint64() : nil, throttle: makeThrottleState(&input))
    var time = t0 &+ UInt64(input.uint16())
    while !input.isEmpty {
        time = nextTime(&input, after: time)
        let current = time >= t0 ? (time - t0) / period : nil
        let code = nextCode(&input, hotp: hotp, near: current)
        let result = verifier.verify(code, at: time, state: state)

        if state.throttle.isLocked(at: time) {
            require(result.outcome == .lockedOut(until: state.throttle.lockedUntil) && result.state == state,
                    "a locked account got \(result.outcome) or a new state")
            continue
        }
        let wellFormed = isWellFormed(code, digits: hotp.digits)
        // The oracle: every step of the clipped window, recomputed.
        var fresh: [UInt64] = [], used: [UInt64] = []
        if wellFormed, let current {
            let low = current >= behind ? current - behind : 0
            let high = current <= UInt64.max - ahead ? current + ahead : UInt64.max
            for step in low...high where verifier.totp.code(counter: step) == code {
                if let last = state.lastAcceptedStep, step <= last { used.append(step) } else { fresh.append(step) }
            }
        }
        switch result.outcome {
        case .accepted(let step, let drift):
            require(fresh.last == step, "accepted step \(step); fresh matching steps \(fresh)")
            require(Int64(exactly: Int128(step) - Int128(current!)) == drift, "drift \(drift) for step \(step) at \(current!)")
            require(result.state == TOTPState(lastAcceptedStep: step, throttle: ThrottleState()), "state after acceptance \(result.state)")
        case .replayed:
            require(fresh.isEmpty && !used.isEmpty, "replayed; fresh \(fresh), used \(used)")
        case .rejected:
            require(wellFormed && current != nil && fresh.isEmpty && used.isEmpty, "rejected; fresh \(fresh), used \(used)")
        case .malformed:
            require(!wellFormed, "a well-formed code was called malformed")
        case .timeBeforeT0:
            require(wellFormed && current == nil, "timeBeforeT0 at \(time) with T0 \(t0)")
        default:
            fatalError("property failed: TOTPVerifier returned \(result.outcome)")
        }
        if !result.isAccepted {
            require(result.state.lastAcceptedStep == state.lastAcceptedStep, "a failure moved the last accepted step")
            checkFailure(state.throttle, result.state.throttle, at: time)
        }
        state = result.state
    }
}

// MARK: - HOTP

private func fuzzHOTP(_ input: inout FuzzInput) {
    guard let (hotp, _) = makeHOTP(&input) else { return }
    let lookAhead = UInt64(input.byte() % 110)
    // Resynchronisation tries up to two codes per counter; windows above 300 are checked for
    // refusal only (the maximum, 10,000, would make each attempt 20,000 HMACs).
    let resync = UInt64(input.uint16() % 320)
    let throttle = makeThrottle(&input)
    let verifier: HOTPVerifier
    do throws(VerifierError) {
        verifier = try HOTPVerifier(hotp: hotp, lookAhead: lookAhead, resynchronizationWindow: resync, throttle: throttle)
    } catch {
        require(lookAhead > 100 || throttle.maximumFailures < 1, "HOTPVerifier threw \(error)")
        return
    }
    require(lookAhead <= 100 && throttle.maximumFailures >= 1, "HOTPVerifier accepted a refused configuration")
    require((try? HOTPVerifier(hotp: hotp, resynchronizationWindow: 10_001)) == nil, "a resynchronisation window of 10,001 was accepted")

    var state = HOTPState(
        nextCounter: input.bool() ? UInt64(input.uint16()) : UInt64.max &- UInt64(input.byte() % 16),
        throttle: makeThrottleState(&input))
    var time: UInt64 = input.uint64()
    while !input.isEmpty {
        time = nextTime(&input, after: time)
        let resynchronising = input.byte() % 4 == 0
        let first = nextCode(&input, hotp: hotp, near: state.nextCounter)
        let second = resynchronising ? nextCode(&input, hotp: hotp, near: state.nextCounter &+ 1) : ""
        let result = resynchronising
            ? verifier.resynchronize(first, second, at: time, state: state)
            : verifier.verify(first, at: time, state: state)

        if state.throttle.isLocked(at: time) {
            require(result.outcome == .lockedOut(until: state.throttle.lockedUntil) && result.state == state,
                    "a locked account got \(result.outcome) or a new state")
            continue
        }
        let wellFormed = isWellFormed(first, digits: hotp.digits)
            && (!resynchronising || isWellFormed(second, digits: hotp.digits))
        // The oracle: the first counter in the window (never past 2^64 − 2) that matches.
        var expected: UInt64? = nil
        let window = resynchronising ? resync : lookAhead
        if wellFormed && state.nextCounter <= UInt64.max - 1 {
            let end = window <= UInt64.max - 1 - state.nextCounter ? state.nextCounter + window : UInt64.max - 1
            for counter in state.nextCounter...end {
                let matches = resynchronising
                    ? counter < UInt64.max - 1 && hotp.code(counter: counter) == first && hotp.code(counter: counter + 1) == second
                    : hotp.code(counter: counter) == first
                if matches {
                    expected = resynchronising ? counter + 1 : counter
                    break
                }
            }
        }
        switch result.outcome {
        case .accepted(let counter, let drift):
            require(expected == counter, "accepted counter \(counter), oracle \(String(describing: expected))")
            require(drift >= 0 && UInt64(drift) == counter - state.nextCounter, "drift \(drift)")
            require(result.state == HOTPState(nextCounter: counter + 1, throttle: ThrottleState()), "state after acceptance \(result.state)")
        case .rejected:
            require(wellFormed && expected == nil, "rejected; oracle \(String(describing: expected))")
        case .malformed:
            require(!wellFormed, "well-formed codes were called malformed")
        default:
            fatalError("property failed: HOTPVerifier returned \(result.outcome)")
        }
        if !result.isAccepted {
            require(result.state.nextCounter == state.nextCounter, "a failure moved the counter")
            checkFailure(state.throttle, result.state.throttle, at: time)
        }
        state = result.state
    }
}

// MARK: - Recovery codes

private func fuzzRecoveryCodes(_ input: inout FuzzInput) {
    var generator = SeededGenerator(state: input.uint64())
    let count = Int(Int8(bitPattern: input.byte())) % 6   // negative counts give no codes
    guard let (codes, stored) = try? RecoveryCodes.generate(count: count, iterations: 1, using: &generator) else {
        fatalError("property failed: generate threw")
    }
    require(codes.count == max(count, 0) && stored.remaining == codes.count, "\(codes.count) codes for count \(count)")
    require(Set(codes).count == codes.count, "two recovery codes are equal")
    var current = stored
    while !input.isEmpty {
        let pick = input.byte()
        let attempt: String
        if pick & 1 == 0, !codes.isEmpty {
            // A real code, re-spelled as a person might type it.
            let code = codes[Int(pick >> 1) % codes.count]
            attempt = pick & 2 == 0 ? code.uppercased() : code.replacing("-", with: " ")
        } else {
            attempt = text(input.bytes(Int(pick >> 1) % 24))
        }
        let index = codes.firstIndex { normalised($0) == normalised(attempt) }
        let before = current.remaining
        if let redeemed = current.redeeming(attempt) {
            require(index != nil, "redeemed a text that is no recovery code: \(attempt.debugDescription)")
            require(redeemed.remaining == before - 1, "remaining went from \(before) to \(redeemed.remaining)")
            require(redeemed.redeeming(attempt) == nil, "a recovery code was accepted twice")
            current = redeemed
        } else if let index {
            require(current.entries[index].isUsed, "an unused recovery code was refused: \(attempt.debugDescription)")
        }
    }
}

/// A code as the redeemer compares it: ASCII letters in upper case, spaces and hyphens dropped.
private func normalised(_ code: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in code.unicodeScalars where scalar != " " && scalar != "-" {
        result.append(("a"..."z").contains(scalar) ? Unicode.Scalar(scalar.value - 0x20)! : scalar)
    }
    return String(result)
}

// MARK: - Enrollment

private func fuzzEnrollment(_ input: inout FuzzInput) {
    var generator = SeededGenerator(state: input.uint64())
    let algorithm = HashAlgorithm.allCases[Int(input.byte()) % 3]
    let digits = Int(input.byte() % 8) + 4
    let period = UInt64(input.byte() % 90)
    let issuer = input.bool() ? text(input.bytes(Int(input.byte() % 16))) : nil
    let account = text(input.bytes(Int(input.byte() % 16)))
    var enrollment: Enrollment
    do throws(OTPError) {
        enrollment = try Enrollment.begin(
            issuer: issuer, account: account, algorithm: algorithm, digits: digits, period: period,
            throttle: ThrottlePolicy(maximumFailures: 3, initialDelay: 30, maximumDelay: 300), using: &generator)
    } catch {
        require(!HOTP.digitRange.contains(digits) || period == 0, "Enrollment.begin threw \(error)")
        return
    }
    require(enrollment.status == .pending, "a new enrollment is \(enrollment.status)")
    require(enrollment.key.secret.count == algorithm.digestByteCount, "secret of \(enrollment.key.secret.count) bytes")
    require(!enrollment.key.description.contains(Base32.encode(enrollment.key.secret.revealed, padding: false)),
            "the enrollment's key description shows the secret")
    let totp = try! enrollment.key.makeTOTP()
    var time = UInt64(input.uint16())
    while !input.isEmpty {
        time &+= UInt64(input.byte())
        let action = input.byte() % 8
        let code = action & 1 == 0 ? ((try? totp.code(at: time)) ?? "") : text(input.bytes(digits))
        let before = enrollment
        let result: Verification<Enrollment>
        switch action >> 1 {
        case 0: result = enrollment.confirming(code, at: time)
        case 1: result = enrollment.verifying(code, at: time)
        case 2:
            if let (_, next) = try? enrollment.withNewRecoveryCodes(count: 2, iterations: 1, using: &generator) {
                enrollment = next
            }
            continue
        default:
            enrollment = enrollment.disabled()
            require(enrollment.status == .disabled && enrollment.recoveryCodes == nil, "disabled() left \(enrollment.status)")
            continue
        }
        let expectedStatus: Enrollment.Status = action >> 1 == 0 ? .pending : .enabled
        if before.status != expectedStatus {
            require(result.outcome == .notEnabled && result.state == before, "a \(before.status) enrollment got \(result.outcome)")
        } else if result.isAccepted {
            require(result.state.status == .enabled, "an accepted code left the enrollment \(result.state.status)")
        } else {
            require(result.state.status == before.status, "a refused code changed the status")
        }
        enrollment = result.state
    }
}
