import OTPCrypto

/// What the server stores per account for TOTP: the last accepted time step (replay
/// protection, RFC 6238 §5.2) and the throttle state (RFC 4226 §7.3).
public struct TOTPState: Sendable, Equatable {
    /// The time step of the last accepted code; nil before the first.
    public var lastAcceptedStep: UInt64?
    public var throttle: ThrottleState

    public init(lastAcceptedStep: UInt64? = nil, throttle: ThrottleState = ThrottleState()) {
        self.lastAcceptedStep = lastAcceptedStep
        self.throttle = throttle
    }
}

/// Checks TOTP codes at login (RFC 6238 §5.2): a window of steps around the current one for
/// clock drift, each step accepted at most once, and throttling of failures.
///
/// The verifier holds no state and reads no clock: the caller passes the stored state and the
/// time, and stores the state returned.
public struct TOTPVerifier: Sendable {
    public let totp: TOTP
    /// Steps before the current one that are still accepted (default 1).
    public let stepsBehind: UInt64
    /// Steps after the current one that are already accepted (default 1).
    public let stepsAhead: UInt64
    public let throttle: ThrottlePolicy

    /// The largest window on either side: 10 steps, five minutes at the usual 30 seconds.
    public static let maximumWindow: UInt64 = 10

    /// - Throws: `VerifierError` for a window beyond `maximumWindow` or a throttle that
    ///   allows no failure.
    public init(
        totp: TOTP, stepsBehind: UInt64 = 1, stepsAhead: UInt64 = 1, throttle: ThrottlePolicy = ThrottlePolicy()
    ) throws(VerifierError) {
        for steps in [stepsBehind, stepsAhead] where steps > Self.maximumWindow {
            throw .windowTooLarge(requested: steps, maximum: Self.maximumWindow)
        }
        guard throttle.maximumFailures >= 1 else { throw .invalidThrottle }
        self.totp = totp
        self.stepsBehind = stepsBehind
        self.stepsAhead = stepsAhead
        self.throttle = throttle
    }

    /// Checks `code` at Unix time `time` against the stored `state`.
    ///
    /// Every step of the window is computed and compared in constant time; the match is the
    /// newest step after `state.lastAcceptedStep`, so adjacent steps that happen to share a
    /// code cannot be replayed. The window is clipped at step 0 and at 2^64 − 1; it never wraps.
    public func verify(_ code: String, at time: UInt64, state: TOTPState) -> Verification<TOTPState> {
        if state.throttle.isLocked(at: time) {
            return Verification(outcome: .lockedOut(until: state.throttle.lockedUntil), state: state)
        }
        guard let submitted = code._codeValue(digits: totp.digits) else { return failure(.malformed, at: time, state: state) }
        guard let current = try? totp.counter(at: time) else { return failure(.timeBeforeT0, at: time, state: state) }

        let low = current >= stepsBehind ? current - stepsBehind : 0
        let high = current <= UInt64.max - stepsAhead ? current + stepsAhead : UInt64.max
        var newestFresh: UInt64? = nil
        var matchedUsed = false
        totp.hotp._forEachCodeValue(from: low, through: high) { step, candidate in
            let matches = constantTimeEqual(submitted, candidate)
            let fresh = state.lastAcceptedStep.map { step > $0 } ?? true
            if matches && fresh { newestFresh = step }
            if matches && !fresh { matchedUsed = true }
        }
        guard let step = newestFresh else { return failure(matchedUsed ? .replayed : .rejected, at: time, state: state) }
        let drift = step >= current ? Int64(step - current) : -Int64(current - step)
        return Verification(
            outcome: .accepted(step: step, drift: drift),
            state: TOTPState(lastAcceptedStep: step, throttle: ThrottleState()))
    }

    private func failure(_ outcome: VerificationOutcome, at time: UInt64, state: TOTPState) -> Verification<TOTPState> {
        var next = state
        next.throttle = state.throttle.recordingFailure(at: time, policy: throttle)
        return Verification(outcome: outcome, state: next)
    }
}

#if !hasFeature(Embedded)
extension TOTPState: Codable {}
#endif
