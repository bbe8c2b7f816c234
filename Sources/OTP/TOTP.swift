import OTPCrypto

/// TOTP: a time-based one-time password generator (RFC 6238), an HOTP whose counter is the
/// number of time steps since T0.
public struct TOTP: Sendable {
    /// The underlying HOTP generator (secret, algorithm and digits).
    public let hotp: HOTP
    /// The time step X in seconds (RFC 6238 §4.1; 30 by default).
    public let period: UInt64
    /// The Unix time T0 from which steps are counted (RFC 6238 §4.1; 0 by default).
    public let t0: UInt64

    /// A generator for `secret`.
    ///
    /// - Throws: `OTPError.periodIsZero`, or the errors of `HOTP.init`.
    public init(
        secret: SecretBytes, algorithm: HashAlgorithm = .sha1, digits: Int = 6,
        period: UInt64 = 30, t0: UInt64 = 0
    ) throws(OTPError) {
        guard period > 0 else { throw .periodIsZero }
        hotp = try HOTP(secret: secret, algorithm: algorithm, digits: digits)
        self.period = period
        self.t0 = t0
    }

    /// The hash function of the HMAC.
    public var algorithm: HashAlgorithm { hotp.algorithm }
    /// The number of digits in a code.
    public var digits: Int { hotp.digits }

    /// RFC 6238 §4.2: T = floor((time − T0) / X), for a Unix time in seconds.
    ///
    /// - Throws: `OTPError.timeBeforeT0` when `time < t0`.
    @inlinable
    public func counter(at time: UInt64) throws(OTPError) -> UInt64 {
        guard time >= t0 else { throw .timeBeforeT0(time: time, t0: t0) }
        return (time - t0) / period
    }

    /// The code for the Unix time `time` (seconds).
    ///
    /// - Throws: `OTPError.timeBeforeT0` when `time < t0`.
    @inlinable
    public func code(at time: UInt64) throws(OTPError) -> String {
        hotp.code(counter: try counter(at: time))
    }

    /// The code for time step `counter`.
    @inlinable
    public func code(counter: UInt64) -> String {
        hotp.code(counter: counter)
    }
}
