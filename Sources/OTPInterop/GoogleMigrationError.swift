// GoogleMigrationError.swift
// Errors of reading and writing Google Authenticator's otpauth-migration:// payloads.

import OTP
import OTPEncoding

/// Why an `otpauth-migration://offline?data=…` URI or its payload could not be read, or keys
/// could not be written into one.
///
/// Cases about an account carry its 0-based index in the payload; cases about a key to export
/// carry its 0-based index in the list given. No case carries a secret.
public enum GoogleMigrationError: Error, Equatable, Sendable {
    // MARK: The URI

    /// The text does not start with `otpauth-migration://offline` (scheme and host compared
    /// without regard to case, RFC 3986 §3.1 and §3.2.2).
    case notMigrationURI
    /// There is no `data` parameter, or it is empty.
    case missingData
    /// The `data` parameter appears more than once.
    case duplicateData
    /// The `data` parameter's percent-encoding is broken (RFC 3986 §2.1).
    case invalidEncoding(PercentEncodingError)
    /// The `data` parameter is not Base64 (RFC 4648 §4); the position counts bytes of the
    /// percent-decoded value.
    case invalidBase64(position: Int)
    /// The input is larger than the limit (bytes of the payload, or of the URI text).
    case tooLarge(byteCount: Int, limit: Int)

    // MARK: The payload

    /// The payload is not a well-formed protocol buffers message.
    case malformedPayload(ProtobufError)
    /// The payload holds more accounts than `GoogleMigrationPayload.maximumAccountCount`.
    case tooManyAccounts(limit: Int)

    // MARK: An account

    /// The account's `secret` (field 1) is missing or empty.
    case emptySecret(account: Int)
    /// The account's `name` (field 2) gives no account name.
    case emptyName(account: Int)
    /// The account's `algorithm` (field 4) is MD5 (4), which key URIs and HOTP do not define,
    /// or a value the format does not define.
    case unsupportedAlgorithm(account: Int, value: Int32)
    /// The account's `digits` (field 5) is neither 1 (six) nor 2 (eight), nor absent.
    case unsupportedDigits(account: Int, value: Int32)
    /// The account's `type` (field 6) is neither 1 (HOTP) nor 2 (TOTP).
    case unsupportedType(account: Int, value: Int32)
    /// The account's `counter` (field 7, an int64) is negative, which an HOTP counter
    /// (RFC 4226 §5.2: 8 bytes, unsigned) cannot be.
    case negativeCounter(account: Int, value: Int64)

    // MARK: Exporting

    /// A key that `KeyURI.validate()` rejects.
    case invalidKey(key: Int, KeyURIError)
    /// The payload's `DigitCount` has only six and eight digits.
    case exportDigits(key: Int, digits: Int)
    /// The payload has no period field: every TOTP account runs with 30-second steps.
    case exportPeriod(key: Int, period: UInt64)
    /// The payload's counter is an int64: counters from 2^63 up do not fit.
    case exportCounter(key: Int, counter: UInt64)
    /// Steam Guard keys have no representation in the payload.
    case exportSteamGuard(key: Int)
    /// Accounts per payload must be at least 1 and at most `maximumAccountCount`.
    case invalidBatchSize(Int)
}

extension GoogleMigrationError: CustomStringConvertible {
    /// One sentence naming the part at fault; never a secret.
    public var description: String {
        switch self {
        case .notMigrationURI:
            return "Google Authenticator export: the text must start with 'otpauth-migration://offline'."
        case .missingData:
            return "Google Authenticator export: the URI has no 'data' parameter."
        case .duplicateData:
            return "Google Authenticator export: the 'data' parameter appears more than once."
        case .invalidEncoding(let error):
            return "Google Authenticator export: the 'data' parameter is not valid percent-encoding: \(error)"
        case .invalidBase64(let position):
            return "Google Authenticator export: the 'data' parameter is not Base64 (RFC 4648 §4) at byte \(position)."
        case .tooLarge(let byteCount, let limit):
            return "Google Authenticator export: \(byteCount) bytes is more than the limit of \(limit)."
        case .malformedPayload(let error):
            return "Google Authenticator export: the payload is not a valid protocol buffers message: \(error)."
        case .tooManyAccounts(let limit):
            return "Google Authenticator export: more than \(limit) accounts in one payload."
        case .emptySecret(let account):
            return "Google Authenticator export: account \(_ordinal(account)) has no secret."
        case .emptyName(let account):
            return "Google Authenticator export: account \(_ordinal(account)) has no account name."
        case .unsupportedAlgorithm(let account, let value):
            return "Google Authenticator export: account \(_ordinal(account)) uses algorithm \(value)"
                + (value == 4 ? " (MD5)" : "") + "; only SHA1 (1), SHA256 (2) and SHA512 (3) are supported."
        case .unsupportedDigits(let account, let value):
            return "Google Authenticator export: account \(_ordinal(account)) has digit count \(value); "
                + "only 1 (six digits) and 2 (eight digits) are defined."
        case .unsupportedType(let account, let value):
            return "Google Authenticator export: account \(_ordinal(account)) has OTP type \(value); "
                + "only 1 (HOTP) and 2 (TOTP) are defined."
        case .negativeCounter(let account, let value):
            return "Google Authenticator export: account \(_ordinal(account)) has the negative counter \(value)."
        case .invalidKey(let key, let error):
            return "key \(_ordinal(key)): \(error)"
        case .exportDigits(let key, let digits):
            return "key \(_ordinal(key)) has \(digits) digits; Google Authenticator's transfer format holds only 6 or 8."
        case .exportPeriod(let key, let period):
            return "key \(_ordinal(key)) has a period of \(period) seconds; Google Authenticator's transfer format "
                + "holds only 30-second TOTP keys."
        case .exportCounter(let key, let counter):
            return "key \(_ordinal(key)) has the counter \(counter); Google Authenticator's transfer format "
                + "holds counters up to 9223372036854775807."
        case .exportSteamGuard(let key):
            return "key \(_ordinal(key)) is a Steam Guard key, which Google Authenticator does not support."
        case .invalidBatchSize(let size):
            return "\(size) accounts per QR code: give 1 to \(GoogleMigrationPayload.maximumAccountCount)."
        }
    }
}

/// The 1-based number of a 0-based index, for messages (without overflow at `Int.max`).
func _ordinal(_ index: Int) -> String {
    index < Int.max ? "\(index + 1)" : "\(index) + 1"
}
