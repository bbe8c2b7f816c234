// SteamGuard.swift
// Steam Guard codes: the TOTP core of RFC 6238 with Steam's own last step, five characters from
// a 26-symbol alphabet instead of decimal digits.

import OTPCrypto

/// Steam Guard's mobile authenticator codes.
///
/// Valve publishes no specification; the algorithm is the one every independent implementation
/// agrees on (for example dyc3/steamguard-cli `steamguard/src/token.rs`, ValvePython/steam
/// `steam/guard.py`, KeePassXC `src/totp/totp.cpp`, and Aegis, whose vault documentation says
/// Steam "is essentially the same as TOTP, but it uses a different final encoding step"):
///
/// 1. T = floor(time / 30) and the 31-bit value of HMAC-SHA-1(secret, T as 8 big-endian bytes)
///    after dynamic truncation, exactly as RFC 6238 §4 and RFC 4226 §5.3;
/// 2. five times: append the symbol `alphabet[value mod 26]`, then value = value / 26. The
///    least significant symbol comes first.
///
/// The alphabet `23456789BCDFGHJKMNPQRTVWXY` leaves out `0`, `1`, the vowels and letters that
/// look alike; it is the same string in all the implementations above.
public struct SteamGuard: Sendable {
    /// The underlying TOTP (HMAC-SHA-1, T0 = 0, the period given).
    public let totp: TOTP

    /// Steam's 26 code symbols, in value order.
    public static let alphabet: [UInt8] = Array("23456789BCDFGHJKMNPQRTVWXY".utf8)
    /// The number of symbols in a code.
    public static let codeLength = 5
    /// Steam's time step in seconds.
    public static let defaultPeriod: UInt64 = 30

    /// A generator for `secret` (the raw key bytes; Steam's `shared_secret` is these bytes in
    /// Base64, Aegis and key URIs carry them in Base32).
    ///
    /// - Throws: `OTPError.emptySecret`, or `OTPError.periodIsZero`.
    public init(secret: SecretBytes, period: UInt64 = defaultPeriod) throws(OTPError) {
        // The digit count of the TOTP is not used: the code is made from the truncated value.
        totp = try TOTP(secret: secret, algorithm: .sha1, digits: 6, period: period)
    }

    /// The code for the Unix time `time` (seconds).
    public func code(at time: UInt64) -> String {
        // T0 is 0, so every time has a step.
        code(counter: time / totp.period)
    }

    /// The code for time step `counter`.
    public func code(counter: UInt64) -> String {
        Self.encode(totp.hotp.truncatedValue(counter: counter))
    }

    /// Steam's final step: five symbols of the 31-bit truncated value, least significant first.
    public static func encode(_ truncatedValue: UInt32) -> String {
        var value = truncatedValue
        var symbols: [UInt8] = []
        symbols.reserveCapacity(codeLength)
        for _ in 0..<codeLength {
            symbols.append(alphabet[Int(value % 26)])
            value /= 26
        }
        return String(decoding: symbols, as: UTF8.self)
    }
}

extension KeyURI {
    /// Whether the key is a Steam Guard key: its URI has the parameter `encoder=steam`, the
    /// convention of KeePassXC (`src/totp/totp.cpp` reads and writes `encoder=steam`). The Key
    /// Uri Format has no Steam type, and apps that do not know the parameter ignore it.
    public var isSteamGuard: Bool {
        parameters[Self.steamEncoderParameter] == Self.steamEncoderValue
    }

    /// The parameter name and value that mark a Steam Guard key.
    public static let steamEncoderParameter = "encoder"
    public static let steamEncoderValue = "steam"

    /// A Steam Guard generator with this key's secret and period (whatever `isSteamGuard` is).
    ///
    /// - Throws: `OTPError.emptySecret` or `OTPError.periodIsZero`.
    public func makeSteamGuard() throws(OTPError) -> SteamGuard {
        try SteamGuard(secret: secret, period: period)
    }
}
