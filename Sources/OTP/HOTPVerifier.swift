import OTPCrypto

/// What the server stores per account for HOTP: the next counter value it expects and the
/// throttle state (RFC 4226 §7.3).
public struct HOTPState: Sendable, Equatable {
    /// The smallest counter a code may still be accepted for; every accepted code moves it
    /// past the matched counter, so it only ever moves forward.
    public var nextCounter: UInt64
    public var throttle: ThrottleState

    public init(nextCounter: UInt64 = 0, throttle: ThrottleState = ThrottleState()) {
        self.nextCounter = nextCounter
        self.throttle = throttle
    }
}

/// Checks HOTP codes (RFC 4226 §7.2 and §7.4): a look-ahead window for a token whose counter
/// ran ahead of the server, resynchronisation from two consecutive codes, and throttling.
public struct HOTPVerifier: Sendable {
    public let hotp: HOTP
    /// Counters after `nextCounter` also accepted by `verify` (RFC 4226 §7.4's look-ahead s).
    public let lookAhead: UInt64
    /// Counters searched by `resynchronize` (RFC 4226 §7.4, larger than `lookAhead`).
    public let resynchronizationWindow: UInt64
    public let throttle: ThrottlePolicy

    /// The largest look-ahead and resynchronisation windows.
    public static let maximumLookAhead: UInt64 = 100
    public static let maximumResynchronizationWindow: UInt64 = 10_000

    /// - Throws: `VerifierError` for windows beyond the maxima or a throttle that allows no failure.
    public init(
        hotp: HOTP, lookAhead: UInt64 = 10, resynchronizationWindow: UInt64 = 1000,
        throttle: ThrottlePolicy = ThrottlePolicy()
    ) throws(VerifierError) {
        guard lookAhead <= Self.maximumLookAhead else {
            throw .windowTooLarge(requested: lookAhead, maximum: Self.maximumLookAhead)
        }
        guard resynchronizationWindow <= Self.maximumResynchronizationWindow else {
            throw .windowTooLarge(requested: resynchronizationWindow, maximum: Self.maximumResynchronizationWindow)
        }
        guard throttle.maximumFailures >= 1 else { throw .invalidThrottle }
        self.hotp = hotp
        self.lookAhead = lookAhead
        self.resynchronizationWindow = resynchronizationWindow
        self.throttle = throttle
    }

    /// Checks `code` against counters `nextCounter ... nextCounter + lookAhead`; on a match the
    /// counter moves past it. `time` is used only for throttling. Counter 2^64 − 1 is never
    /// accepted, so that a next counter always exists.
    public func verify(_ code: String, at time: UInt64, state: HOTPState) -> Verification<HOTPState> {
        if state.throttle.isLocked(at: time) {
            return Verification(outcome: .lockedOut(until: state.throttle.lockedUntil), state: state)
        }
        guard let submitted = code._codeValue(digits: hotp.digits) else { return failure(.malformed, at: time, state: state) }
        guard let counter = firstMatch(from: state.nextCounter, count: lookAhead, where: { _, candidate in
            constantTimeEqual(submitted, candidate)
        }) else {
            return failure(.rejected, at: time, state: state)
        }
        return accept(counter, state: state)
    }

    /// RFC 4226 §7.4: resynchronises a token that ran further ahead than the look-ahead, from two
    /// consecutive codes: `first` for some counter C in `nextCounter ... nextCounter +
    /// resynchronizationWindow` and `second` for C + 1. On success the counter moves past C + 1.
    public func resynchronize(_ first: String, _ second: String, at time: UInt64, state: HOTPState) -> Verification<HOTPState> {
        if state.throttle.isLocked(at: time) {
            return Verification(outcome: .lockedOut(until: state.throttle.lockedUntil), state: state)
        }
        guard let firstValue = first._codeValue(digits: hotp.digits), let secondValue = second._codeValue(digits: hotp.digits) else {
            return failure(.malformed, at: time, state: state)
        }
        guard let counter = firstMatch(from: state.nextCounter, count: resynchronizationWindow, where: { counter, candidate in
            guard counter < UInt64.max - 1 else { return false }
            let firstMatches = constantTimeEqual(firstValue, candidate)
            let secondMatches = constantTimeEqual(secondValue, HOTP.codeValue(hotp.truncatedValue(counter: counter + 1), digits: hotp.digits))
            return firstMatches && secondMatches
        }) else {
            return failure(.rejected, at: time, state: state)
        }
        return accept(counter + 1, state: state)
    }

    /// The first counter in `start ... start + count` whose code value satisfies `matches`, never
    /// past 2^64 − 2 (so that the counter after an accepted one always exists). Every counter
    /// in the range is tried, so the time does not depend on where the match is.
    private func firstMatch(from start: UInt64, count: UInt64, where matches: (UInt64, UInt64) -> Bool) -> UInt64? {
        let last = UInt64.max - 1
        guard start <= last else { return nil }
        let end = count <= last - start ? start + count : last
        var found: UInt64? = nil
        hotp._forEachCodeValue(from: start, through: end) { counter, candidate in
            if matches(counter, candidate) && found == nil { found = counter }
        }
        return found
    }

    private func accept(_ counter: UInt64, state: HOTPState) -> Verification<HOTPState> {
        let drift = counter - state.nextCounter  // at most the resynchronisation window
        return Verification(
            outcome: .accepted(step: counter, drift: Int64(drift)),
            state: HOTPState(nextCounter: counter + 1, throttle: ThrottleState()))
    }

    private func failure(_ outcome: VerificationOutcome, at time: UInt64, state: HOTPState) -> Verification<HOTPState> {
        var next = state
        next.throttle = state.throttle.recordingFailure(at: time, policy: throttle)
        return Verification(outcome: outcome, state: next)
    }
}

#if !hasFeature(Embedded)
extension HOTPState: Codable {}
#endif
