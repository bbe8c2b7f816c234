import OTPCrypto
import OTPEncoding

/// One account's TOTP second factor through its life: made with a new secret (pending),
/// enabled once the user proves the app has it by entering a first correct code, used at
/// every login, and disabled by an administrator when the device is lost.
///
/// A value type the caller stores; every operation returns the value to store next, so a
/// store can apply it with compare-and-set.
public struct Enrollment: Sendable, Equatable {
    /// Where the second factor is in its life.
    public enum Status: String, Sendable {
        /// The secret was shown; no correct code yet.
        case pending
        /// Confirmed; codes are checked at login.
        case enabled
        /// Reset by an administrator; a new enrollment is needed.
        case disabled
    }

    public private(set) var status: Status
    /// The key the user's app holds (secret, algorithm, digits, period, labels).
    public private(set) var key: KeyURI
    /// Replay protection and throttling for this account.
    public private(set) var state: TOTPState
    /// The stored (hashed) recovery codes, once made.
    public private(set) var recoveryCodes: RecoveryCodes?
    /// The throttle applied to codes and recovery codes alike.
    public let throttle: ThrottlePolicy

    /// Starts an enrollment with a new secret from `generator`, by default the system's
    /// cryptographically secure generator. The secret has as many bytes as the algorithm's
    /// digest (20 for SHA-1, 32 for SHA-256, 64 for SHA-512; RFC 4226 §4 R6 asks for at least
    /// 128 bits and recommends 160).
    ///
    /// - Throws: `OTPError` for digits outside 6...10 or a zero period.
    public static func begin(
        issuer: String?, account: String, algorithm: HashAlgorithm = .sha1, digits: Int = 6, period: UInt64 = 30,
        throttle: ThrottlePolicy = ThrottlePolicy(), using generator: inout some RandomNumberGenerator
    ) throws(OTPError) -> Enrollment {
        let secret = SecretBytes(randomBytes(algorithm.digestByteCount, using: &generator))
        let key = KeyURI(
            kind: .totp, issuer: issuer, account: account, secret: secret, algorithm: algorithm,
            digits: digits, period: period)
        _ = try key.makeTOTP()  // validates digits and period
        return Enrollment(status: .pending, key: key, state: TOTPState(), recoveryCodes: nil, throttle: throttle)
    }

    /// Starts an enrollment with a secret from the system's cryptographically secure generator.
    public static func begin(
        issuer: String?, account: String, algorithm: HashAlgorithm = .sha1, digits: Int = 6, period: UInt64 = 30,
        throttle: ThrottlePolicy = ThrottlePolicy()
    ) throws(OTPError) -> Enrollment {
        var generator = SystemRandomNumberGenerator()
        return try begin(
            issuer: issuer, account: account, algorithm: algorithm, digits: digits, period: period,
            throttle: throttle, using: &generator)
    }

    /// Restores a stored enrollment.
    public init(status: Status, key: KeyURI, state: TOTPState, recoveryCodes: RecoveryCodes?, throttle: ThrottlePolicy) {
        self.status = status
        self.key = key
        self.state = state
        self.recoveryCodes = recoveryCodes
        self.throttle = throttle
    }

    /// The `otpauth://` URI to show as a QR code.
    public var provisioningURI: String { key.uriString() }

    /// The secret in Base32, in groups of four for typing (`JBSW Y3DP EHPK 3PXP`).
    public var groupedSecret: String { Base32.grouped(Base32.encode(key.secret.revealed, padding: false)) }

    /// Pending → enabled when `code` is correct at `time`. A wrong code leaves it pending
    /// (and counts as a failure); an enrollment that is not pending is refused.
    public func confirming(_ code: String, at time: UInt64) -> Verification<Enrollment> {
        guard status == .pending else { return Verification(outcome: .notEnabled, state: self) }
        return checking(code, at: time, enablingOnSuccess: true)
    }

    /// Checks a login code of an enabled enrollment, with replay protection and throttling.
    public func verifying(_ code: String, at time: UInt64) -> Verification<Enrollment> {
        guard status == .enabled else { return Verification(outcome: .notEnabled, state: self) }
        return checking(code, at: time, enablingOnSuccess: false)
    }

    private func checking(_ code: String, at time: UInt64, enablingOnSuccess: Bool) -> Verification<Enrollment> {
        guard let totp = try? key.makeTOTP(), let verifier = try? TOTPVerifier(totp: totp, throttle: throttle) else {
            return Verification(outcome: .rejected, state: self)
        }
        let result = verifier.verify(code, at: time, state: state)
        var next = self
        next.state = result.state
        if result.isAccepted && enablingOnSuccess { next.status = .enabled }
        return Verification(outcome: result.outcome, state: next)
    }

    /// Makes new recovery codes for an enabled enrollment, replacing any earlier ones.
    /// Returns the codes to show once; the enrollment stores only their hashes.
    public func withNewRecoveryCodes(
        count: Int = 10, iterations: Int = 10_000, using generator: inout some RandomNumberGenerator
    ) throws(PBKDF2Error) -> (codes: [String], enrollment: Enrollment) {
        let (codes, stored) = try RecoveryCodes.generate(count: count, iterations: iterations, using: &generator)
        var next = self
        next.recoveryCodes = stored
        return (codes, next)
    }

    /// Accepts a recovery code once, in place of a TOTP code, for an enabled enrollment.
    /// Throttled like codes: failures count, and a locked account refuses recovery codes too.
    public func redeemingRecoveryCode(_ code: String, at time: UInt64) -> Verification<Enrollment> {
        guard status == .enabled else { return Verification(outcome: .notEnabled, state: self) }
        if state.throttle.isLocked(at: time) {
            return Verification(outcome: .lockedOut(until: state.throttle.lockedUntil), state: self)
        }
        var next = self
        if let redeemed = recoveryCodes?.redeeming(code) {
            next.recoveryCodes = redeemed
            next.state.throttle = ThrottleState()
            return Verification(outcome: .recoveryCodeAccepted(remaining: redeemed.remaining), state: next)
        }
        next.state.throttle = state.throttle.recordingFailure(at: time, policy: throttle)
        return Verification(outcome: .rejected, state: next)
    }

    /// Administrator reset (the user lost the device): disabled, recovery codes dropped. The
    /// user enrolls again with a new secret.
    public func disabled() -> Enrollment {
        Enrollment(status: .disabled, key: key, state: TOTPState(), recoveryCodes: nil, throttle: throttle)
    }
}
