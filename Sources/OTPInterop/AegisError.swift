// AegisError.swift
// Errors of reading an Aegis vault export and of writing one.

import OTP
import OTPEncoding

/// Why an Aegis vault file could not be read, or keys could not be written as one.
///
/// Paths name the member at fault as in the document, `db.entries[2].info.secret`, with
/// 0-based array indexes. No case carries a secret.
public enum AegisError: Error, Equatable, Sendable {
    /// The file is larger than `AegisVault.maximumByteCount`.
    case tooLarge(byteCount: Int, limit: Int)
    /// The file is not JSON (RFC 8259): the 1-based line and byte column, and what the reader
    /// expected there.
    case invalidJSON(line: Int, column: Int, expected: String)
    /// The vault is encrypted (`db` is a Base64 string, or the header has key slots). Only
    /// plain vaults are read: decrypting needs scrypt and AES-GCM, which this package does not
    /// implement.
    case encryptedVault
    /// A `version` this reader does not know: the vault's (`version`, only 1 is defined) or
    /// the content's (`db.version`, 1 to 3).
    case unsupportedVersion(path: String, version: Int)
    /// A member the format requires is absent.
    case missingMember(path: String)
    /// A member has another JSON type, or a value outside its range (`expected` says what).
    case invalidMember(path: String, expected: String)
    /// An object names the same member twice, which makes the vault ambiguous.
    case duplicateMember(path: String)
    /// An entry's secret is not Base32 (RFC 4648 §6, read leniently), or is empty.
    case invalidSecret(path: String, Base32Error?)
    /// More entries than `AegisVault.maximumEntryCount`.
    case tooManyEntries(limit: Int)
    /// A key that `KeyURI.validate()` rejects, when exporting (0-based index).
    case invalidKey(key: Int, KeyURIError)
}

extension AegisError: CustomStringConvertible {
    /// One sentence naming the member at fault; never a secret.
    public var description: String {
        switch self {
        case .tooLarge(let byteCount, let limit):
            return "Aegis vault: \(byteCount) bytes is more than the limit of \(limit)."
        case .invalidJSON(let line, let column, let expected):
            return "Aegis vault: not JSON (RFC 8259) at line \(line), column \(column): expected \(expected)."
        case .encryptedVault:
            return "Aegis vault: the vault is encrypted, which is not supported; in Aegis, export it "
                + "again without encryption (Settings, Import & Export, Export, and turn off "
                + "\"Encrypt the vault\"), and delete the plain file afterwards."
        case .unsupportedVersion(let path, let version):
            return "Aegis vault: '\(path)' is \(version), a version this reader does not know "
                + "(vault version 1, content versions 1 to 3)."
        case .missingMember(let path):
            return "Aegis vault: '\(path)' is missing."
        case .invalidMember(let path, let expected):
            return "Aegis vault: '\(path)' must be \(expected)."
        case .duplicateMember(let path):
            return "Aegis vault: '\(path)' appears more than once."
        case .invalidSecret(let path, let error):
            return "Aegis vault: '\(path)' is not a Base32 secret" + (error.map { ": \($0)" } ?? " (it is empty).")
        case .tooManyEntries(let limit):
            return "Aegis vault: more than \(limit) entries."
        case .invalidKey(let key, let error):
            return "key \(_ordinal(key)): \(error)"
        }
    }
}
