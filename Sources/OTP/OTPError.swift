/// Why an HOTP or TOTP generator could not be made or used.
public enum OTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The number of digits is outside 6...10.
    case digitsOutOfRange(Int)
    /// The TOTP time step X is zero.
    case periodIsZero
    /// The time is before the TOTP epoch T0, so there is no time step for it.
    case timeBeforeT0(time: UInt64, t0: UInt64)
    /// The secret has no bytes.
    case emptySecret

    public var description: String {
        switch self {
        case .digitsOutOfRange(let digits):
            "digits must be 6 to 10 (RFC 4226 §5.3 requires at least 6; 10 is the most a 31-bit value fills), got \(digits)"
        case .periodIsZero:
            "the period must be at least 1 second (RFC 6238 §4.1: X is the time step in seconds)"
        case .timeBeforeT0(let time, let t0):
            "time \(time) is before T0 = \(t0) (RFC 6238 §4.2 counts time steps from T0)"
        case .emptySecret:
            "the secret is empty (RFC 4226 §4 R6 requires a shared secret of at least 128 bits)"
        }
    }
}
