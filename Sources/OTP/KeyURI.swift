// KeyURI.swift
// The otpauth:// key URI of the Google Authenticator "Key Uri Format": the value and its use.
// Parsing is in KeyURI+Parse.swift, building in KeyURI+Build.swift.

import OTPCrypto

/// An OTP key as carried by an `otpauth://` provisioning URI, the text inside the QR code that a
/// user scans into Google Authenticator, Authy, Aegis and similar apps.
///
/// The format is the one described on the Google Authenticator wiki page "Key Uri Format":
///
///     otpauth://TYPE/LABEL?PARAMETERS
///     otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example
///
/// `TYPE` is `totp` (RFC 6238) or `hotp` (RFC 4226); `LABEL` is `issuer:account` or `account`;
/// the parameters are `secret` (Base32, RFC 4648 §6), `issuer`, `algorithm`, `digits`,
/// `period` (TOTP) and `counter` (HOTP). Each part is percent-encoded as in RFC 3986 §2.1.
///
/// `description` never shows the secret, only its length.
public struct KeyURI: Sendable, Equatable {
    /// The URI's `TYPE`: counter-based or time-based.
    public enum Kind: String, Sendable {
        /// Time-based codes (RFC 6238); the URI carries a `period`.
        case totp
        /// Counter-based codes (RFC 4226); the URI carries a `counter`.
        case hotp
    }

    /// Whether the key makes time-based or counter-based codes.
    public var kind: Kind
    /// The provider or service, from the `issuer` parameter or else the label's prefix; nil when
    /// the URI names none. An empty issuer is treated as none when building.
    public var issuer: String?
    /// The account name from the label (for example an e-mail address).
    public var account: String
    /// The shared secret K (RFC 4226 §5.1), decoded from the Base32 `secret` parameter.
    public var secret: SecretBytes
    /// The HMAC hash function (`algorithm`, default SHA1).
    public var algorithm: HashAlgorithm
    /// The number of digits of a code (`digits`, default 6; 6 to 10 when parsed).
    public var digits: Int
    /// The TOTP time step X in seconds (`period`, default 30; RFC 6238 §4.1). Kept but unused
    /// for HOTP, and not written into an `hotp` URI.
    public var period: UInt64
    /// The HOTP counter C to use next (`counter`; RFC 4226 §5.2). Required when parsing an
    /// `hotp` URI; kept but unused for TOTP, and not written into a `totp` URI.
    public var counter: UInt64
    /// Parameters the Key Uri Format does not define (such as `image`, or FreeOTP's `lock`),
    /// percent-decoded, kept so that they survive a parse and build. A parameter given without
    /// `=` is kept with an empty value.
    public var parameters: [String: String]

    /// A key with the given fields; nothing is checked here (see `validate()`).
    public init(
        kind: Kind = .totp, issuer: String?, account: String, secret: SecretBytes,
        algorithm: HashAlgorithm = .sha1, digits: Int = 6, period: UInt64 = 30, counter: UInt64 = 0,
        parameters: [String: String] = [:]
    ) {
        self.kind = kind
        self.issuer = issuer
        self.account = account
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
        self.counter = counter
        self.parameters = parameters
    }

    /// The names of the parameters the Key Uri Format defines. They are never taken into, or
    /// written from, `parameters`.
    static let _knownParameters: [String] = ["secret", "issuer", "algorithm", "digits", "period", "counter"]
}

// MARK: - Checks

extension KeyURI {
    /// The number of secret bits below which `isSecretShort` is set: RFC 4226 §4 R6 requires
    /// a shared secret of at least 128 bits (and recommends 160).
    public static let recommendedMinimumSecretBits = 128

    /// Whether the secret is shorter than 128 bits (RFC 4226 §4 R6). Such keys are accepted,
    /// since real services issue 80-bit secrets, but a caller may warn about them.
    public var isSecretShort: Bool {
        secret.count < Self.recommendedMinimumSecretBits / 8
    }

    /// Checks the rules that parsing enforces on a value made by hand, with the same errors:
    /// a non-empty account and secret, `digits` from 6 to 10 and, for TOTP, a `period` of at
    /// least 1.
    ///
    /// - Throws: `KeyURIError.emptyAccount`, `.emptySecret`, `.invalidDigits` or `.invalidPeriod`.
    public func validate() throws(KeyURIError) {
        if account.isEmpty { throw .emptyAccount }
        if secret.isEmpty { throw .emptySecret }
        if !HOTP.digitRange.contains(digits) { throw .invalidDigits("\(digits)") }
        if kind == .totp && period == 0 { throw .invalidPeriod("0") }
    }
}

// MARK: - Generators

extension KeyURI {
    /// A TOTP generator (RFC 6238) with this key's secret, algorithm, digits and period, and
    /// T0 = 0 (the Key Uri Format has no T0). Made whatever `kind` is.
    ///
    /// - Throws: the errors of `TOTP.init` (digits outside 6...10, period 0, empty secret).
    public func makeTOTP() throws(OTPError) -> TOTP {
        try TOTP(secret: secret, algorithm: algorithm, digits: digits, period: period)
    }

    /// An HOTP generator (RFC 4226) with this key's secret, algorithm and digits; pass it
    /// `counter`. Made whatever `kind` is.
    ///
    /// - Throws: the errors of `HOTP.init` (digits outside 6...10, empty secret).
    public func makeHOTP() throws(OTPError) -> HOTP {
        try HOTP(secret: secret, algorithm: algorithm, digits: digits)
    }
}

// MARK: - CustomStringConvertible

extension KeyURI: CustomStringConvertible {
    /// The fields for a log or a debugger, with the secret shown only as its length:
    /// `KeyURI(totp, issuer: "Example", account: "alice@google.com", SHA1, 6 digits,
    /// period 30, secret: 10 bytes, redacted)`. Unknown parameters are listed by name only.
    public var description: String {
        var text = "KeyURI(" + kind.rawValue
        if let issuer {
            text += ", issuer: \"" + Self._escaped(issuer) + "\""
        } else {
            text += ", issuer: nil"
        }
        text += ", account: \"" + Self._escaped(account) + "\", " + algorithm.rawValue + ", \(digits) digits"
        switch kind {
        case .totp: text += ", period \(period)"
        case .hotp: text += ", counter \(counter)"
        }
        text += ", secret: \(secret.count) bytes, redacted"
        if !parameters.isEmpty {
            text += ", parameters: " + parameters.keys.sorted().map(Self._escaped).joined(separator: ", ")
        }
        return text + ")"
    }
}

extension KeyURI {
    /// Whether a scalar is a C0 or C1 control character or DEL, or a line or paragraph
    /// separator: characters that would split a log line or drive a terminal.
    static func _isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// `text` with `\` and `"` escaped and control characters written `\u{…}`, so that a
    /// description stays one line that says exactly what the field holds.
    static func _escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\\" || scalar == "\"" {
                out += "\\" + String(scalar)
            } else if _isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
