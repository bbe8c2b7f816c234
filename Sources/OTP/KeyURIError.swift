// KeyURIError.swift
// Errors thrown when an otpauth:// key URI is parsed or checked.

import OTPEncoding

/// Why an `otpauth://` key URI (Google Authenticator "Key Uri Format") was rejected.
///
/// Each case names the part of the URI at fault. Cases that carry text carry only the text of
/// that part (the type, the label's issuer prefix, the `issuer` value, a parameter's name, or the
/// value of `algorithm`, `digits`, `period` or `counter`), never the value of `secret`, and
/// `description` shortens any such text to at most 32 characters. When a URI breaks several
/// rules, the first found wins, in this order: the scheme, the type, a fragment, a missing
/// label; then each parameter from left to right (its name's encoding, a repeat, its value's
/// encoding, its value); then a missing secret or counter; then the label (its encoding, an
/// issuer mismatch, an empty account).
public enum KeyURIError: Error, Equatable, Sendable {
    /// The text does not start with the scheme `otpauth://` (compared without regard to case,
    /// RFC 3986 §3.1).
    case notOtpauth

    /// The type (the URI's host part) is neither `totp` nor `hotp` (compared without regard to
    /// case); the text is the type as written, possibly empty.
    case unknownType(String)

    /// There is no `/` after the type, so there is no label (`otpauth://totp?secret=…`).
    case missingLabel

    /// The account name is empty: the label is empty, or nothing but spaces follows the
    /// issuer prefix (`otpauth://totp/Example:?…`).
    case emptyAccount

    /// The URI has a fragment (`#…`). A fragment is not part of the Key Uri Format, and apps
    /// that follow RFC 3986 §3.5 would silently drop it, with whatever secret or parameter text
    /// it swallowed; so the URI is rejected rather than read differently from them.
    case unexpectedFragment

    /// The percent-encoding of `field` is broken (RFC 3986 §2.1): `field` is `label`,
    /// `parameter name`, or the name of the parameter whose value is at fault. The position in
    /// the wrapped error counts Unicode scalars from the start of that field's raw text.
    case invalidEncoding(field: String, PercentEncodingError)

    /// A parameter appears twice (it is ambiguous which one an app would use). The text is the
    /// decoded parameter name.
    case duplicateParameter(String)

    /// There is no `secret` parameter; the Key Uri Format marks it REQUIRED.
    case missingSecret

    /// The `secret` parameter decodes to no bytes (`secret=` or only spaces and hyphens).
    case emptySecret

    /// The `secret` parameter is not Base32 (RFC 4648 §6, read leniently: any letter case,
    /// optional padding, spaces and hyphens ignored, set bits after the last byte ignored).
    /// Positions in the wrapped error count Unicode scalars of the percent-decoded secret.
    case invalidSecret(Base32Error)

    /// The `algorithm` parameter is not `SHA1`, `SHA256` or `SHA512` (in any letter case).
    case invalidAlgorithm(String)

    /// The `digits` parameter is not a decimal number from 6 to 10.
    case invalidDigits(String)

    /// The `period` parameter is not a decimal number from 1 to 2^64 − 1 (RFC 6238 §4.1:
    /// the time step X in seconds).
    case invalidPeriod(String)

    /// The `counter` parameter is not a decimal number from 0 to 2^64 − 1 (RFC 4226 §5.2:
    /// the 8-byte counter C).
    case invalidCounter(String)

    /// An `hotp` URI has no `counter` parameter; the Key Uri Format marks it REQUIRED for HOTP.
    case missingCounter

    /// The label's issuer prefix differs from the `issuer` parameter. The Key Uri Format says
    /// that when both are present "they should be equal"; a difference means two different
    /// services could be claimed, so it is rejected.
    case issuerMismatch(label: String, parameter: String)
}

// MARK: - CustomStringConvertible

extension KeyURIError: CustomStringConvertible {
    /// One sentence naming the field and the rule; never the secret.
    public var description: String {
        switch self {
        case .notOtpauth:
            return "key URI: the scheme must be 'otpauth://' (Key Uri Format: otpauth://TYPE/LABEL?PARAMETERS)."
        case .unknownType(let type):
            return "key URI: type \(Self._quoted(type)) is neither 'totp' nor 'hotp' (Key Uri Format, Types)."
        case .missingLabel:
            return "key URI: there is no label; the Key Uri Format requires 'otpauth://TYPE/LABEL'."
        case .emptyAccount:
            return "key URI: the label's account name is empty (Key Uri Format, Label: issuer:accountname)."
        case .unexpectedFragment:
            return "key URI: a fragment ('#') is not part of the Key Uri Format; encode a '#' in a "
                + "name as %23 (RFC 3986 §3.5)."
        case .invalidEncoding(let field, let error):
            return "key URI: \(Self._quoted(field)) is not valid percent-encoded UTF-8: \(Self._detail(error))"
        case .duplicateParameter(let name):
            return "key URI: parameter \(Self._quoted(name)) appears more than once; each parameter may be given once."
        case .missingSecret:
            return "key URI: the 'secret' parameter is missing; the Key Uri Format requires it."
        case .emptySecret:
            return "key URI: the 'secret' parameter is empty; the Key Uri Format requires a Base32 key."
        case .invalidSecret(let error):
            return "key URI: the 'secret' parameter is not Base32: \(error.description)"
        case .invalidAlgorithm(let value):
            return "key URI: algorithm \(Self._quoted(value)) is not SHA1, SHA256 or SHA512 (Key Uri Format, Algorithm)."
        case .invalidDigits(let value):
            return "key URI: digits \(Self._quoted(value)) is not a whole number from 6 to 10 "
                + "(RFC 4226 §5.3 requires at least 6)."
        case .invalidPeriod(let value):
            return "key URI: period \(Self._quoted(value)) is not a whole number of seconds from 1 "
                + "to 18446744073709551615 (RFC 6238 §4.1)."
        case .invalidCounter(let value):
            return "key URI: counter \(Self._quoted(value)) is not a whole number from 0 to "
                + "18446744073709551615 (RFC 4226 §5.2: an 8-byte counter)."
        case .missingCounter:
            return "key URI: an hotp URI needs a 'counter' parameter (Key Uri Format, Counter: REQUIRED if type is hotp)."
        case .issuerMismatch(let label, let parameter):
            return "key URI: the label's issuer \(Self._quoted(label)) differs from the issuer "
                + "parameter \(Self._quoted(parameter)); the Key Uri Format says they should be equal."
        }
    }

    /// `'text'` when it is short (at most `limit` Unicode scalars, none of them a control
    /// character), else only its length. A secret pasted into the wrong field is at least
    /// 16 Base32 characters, so values that long are never quoted; nor can a long value fill a
    /// log line.
    static func _quoted(_ text: String, limit: Int = 12) -> String {
        let scalars = text.unicodeScalars
        let count = scalars.count
        guard count <= limit, !scalars.contains(where: KeyURI._isControl) else {
            return "(a value of \(count) character\(count == 1 ? "" : "s"))"
        }
        return "'" + text + "'"
    }

    /// The percent-encoding error's description without its own module prefix.
    static func _detail(_ error: PercentEncodingError) -> String {
        switch error {
        case .invalidEscape(let position):
            "the '%' at position \(position) is not followed by two hexadecimal digits (RFC 3986 §2.1)."
        case .invalidUTF8:
            "the decoded bytes are not UTF-8 (RFC 3986 §2.5)."
        }
    }
}
