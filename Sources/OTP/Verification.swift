/// The outcome of checking one code, and the state the caller must store afterwards.
///
/// Store `state` with compare-and-set against the state that was passed in: when two logins
/// race with the same code, only one store succeeds, so the code is accepted once.
public struct Verification<State: Sendable & Equatable>: Sendable, Equatable {
    /// Whether the code was accepted, and why not.
    public var outcome: VerificationOutcome
    /// The state to store in place of the one given.
    public var state: State

    /// Whether the code was accepted.
    public var isAccepted: Bool {
        switch outcome {
        case .accepted, .recoveryCodeAccepted: true
        default: false
        }
    }
}

/// Whether a code was accepted, and if not, why.
public enum VerificationOutcome: Sendable, Equatable {
    /// Accepted for time step or counter `step`, which is `drift` steps from the expected one
    /// (TOTP: the clock drift of the user's device; HOTP: how far the device had run ahead).
    case accepted(step: UInt64, drift: Int64)
    /// Not accepted: the code matched no step in the window.
    case rejected
    /// Not accepted: the code matched only a step at or before the last accepted one
    /// (RFC 6238 §5.2: a code must not be accepted twice).
    case replayed
    /// Not accepted: not exactly `digits` ASCII digits. Counted as a failure, checked without
    /// computing any code.
    case malformed
    /// Refused without checking: too many failures; attempts are refused until `until` (RFC 4226 §7.3).
    case lockedOut(until: UInt64)
    /// Not accepted: the time is before T0 of the TOTP.
    case timeBeforeT0
    /// Refused: the enrollment is not in a state that takes this code (a login code for a
    /// pending or disabled enrollment, or a confirmation for one already enabled).
    case notEnabled
    /// A recovery code was accepted and is now used up; `remaining` are left.
    case recoveryCodeAccepted(remaining: Int)
}

/// Why a verifier could not be configured.
public enum VerifierError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A window is larger than the verifier allows (`maximum` steps).
    case windowTooLarge(requested: UInt64, maximum: UInt64)
    /// The throttle policy allows no failures at all.
    case invalidThrottle

    public var description: String {
        switch self {
        case .windowTooLarge(let requested, let maximum):
            "a window of \(requested) steps is larger than the \(maximum) allowed (RFC 4226 §7.4 and RFC 6238 §5.2 ask for a small window)"
        case .invalidThrottle:
            "the throttle policy must allow at least 1 failure before locking (RFC 4226 §7.3)"
        }
    }
}

extension String {
    /// The code's value when it is exactly `digits` ASCII digits (leading zeros count, as in
    /// `"000123"`), or nil; checked before any work is done. The text is what the user typed,
    /// not a secret, so parsing it may stop at the first bad character.
    func _codeValue(digits: Int) -> UInt64? {
        guard utf8.count == digits else { return nil }
        var value: UInt64 = 0
        for byte in utf8 {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value &* 10 &+ UInt64(byte - 0x30)  // at most 10 digits: below 2^64
        }
        return value
    }
}
