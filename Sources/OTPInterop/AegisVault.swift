// AegisVault.swift
// The Aegis Authenticator vault file (plain, unencrypted): its entries to key URIs and back.
//
// Format: Aegis's documentation, docs/vault.md in beemdevelopment/Aegis ("Aegis Vault",
// section Format): the top level is {"version": 1, "header": {...}, "db": ...}; a header with
// "slots": null and "params": null marks a plain vault, whose "db" is an object
// {"version": N, "entries": [...]}; otherwise "db" is the Base64 ciphertext. Each entry has
// "type" ("totp", "hotp", "steam", "yandex"; the app also has "motp"), "uuid", "name",
// "issuer", "icon" and "info" with "secret" (Base32 without padding), "algo" ("SHA1",
// "SHA256", "SHA512"), "digits", and "period" (TOTP, Steam) or "counter" (HOTP).

import OTP
import OTPCrypto
import OTPEncoding

/// Reading and writing Aegis vault files.
public enum AegisVault {
    /// The largest file read: 64 MiB (entries may carry icons, Base64 images of some kB each).
    public static let maximumByteCount = 64 << 20
    /// The most entries read.
    public static let maximumEntryCount = 100_000
    /// The deepest nesting of arrays and objects read (a vault nests 5 deep).
    public static let maximumDepth = 32

    /// The content version written (`db.version`). Version 2 is what Aegis's own test data for
    /// plain vaults uses (app/src/test/resources/.../importers/aegis_plain.json), and later
    /// versions of the app read it.
    public static let writtenContentVersion = 2

    /// What an import found: the keys, and the entries left out because a key URI cannot
    /// represent them.
    public struct Import: Sendable, Equatable {
        /// The TOTP, HOTP and Steam entries as key URIs, in file order. Steam entries are TOTP
        /// keys with `encoder=steam` (`KeyURI.isSteamGuard`).
        public var keys: [KeyURI]
        /// The entries not imported, in file order.
        public var skipped: [SkippedEntry]
    }

    /// An entry that was read but not imported.
    public struct SkippedEntry: Sendable, Equatable {
        /// The 0-based index in `db.entries`.
        public var index: Int
        /// The entry's `type`.
        public var type: String
        /// The entry's `issuer` and `name`, to tell the user which one.
        public var issuer: String
        public var name: String
        public var reason: Reason

        public enum Reason: Sendable, Equatable {
            /// A type other than totp, hotp and steam (such as yandex or motp).
            case unsupportedType
            /// An `algo` other than SHA1, SHA256 and SHA512 (Steam: other than SHA1).
            case unsupportedAlgorithm(String)
            /// TOTP or HOTP `digits` outside 6...10, the range of RFC 4226 §5.3 and key URIs.
            case unsupportedDigits(Int)
            /// An empty `name`: a key URI needs an account name.
            case emptyName
        }
    }
}

// MARK: - Import

extension AegisVault {
    /// Reads a plain Aegis vault (the JSON bytes of an unencrypted export).
    ///
    /// Members the format does not define are ignored (so later versions of the app still
    /// read); every member used is checked for its type. An entry this package cannot
    /// represent is skipped and reported, never silently dropped.
    ///
    /// - Throws: `AegisError.encryptedVault` for an encrypted vault; other `AegisError` cases
    ///   name the member at fault. Never traps, whatever the bytes.
    public static func importKeys(from bytes: [UInt8]) throws(AegisError) -> Import {
        guard bytes.count <= maximumByteCount else {
            throw .tooLarge(byteCount: bytes.count, limit: maximumByteCount)
        }
        let document: JSONValue
        do {
            document = try parseJSON(bytes, maximumDepth: maximumDepth)
        } catch {
            throw .invalidJSON(line: error.line, column: error.column, expected: error.expected)
        }
        let top = try _Object(document, path: "")
        let db = try top.require("db")
        // Check for encryption before anything else, so that an encrypted vault always gets the
        // one clear message.
        if case .string = db { throw .encryptedVault }
        if let header = try top.optional("header") {
            let headerObject = try _Object(header, path: "header")
            if let slots = try headerObject.optional("slots"), !slots.isNull { throw .encryptedVault }
            if let params = try headerObject.optional("params"), !params.isNull { throw .encryptedVault }
        }
        let version = try top.integer("version")
        guard version == 1 else { throw .unsupportedVersion(path: "version", version: version) }
        let content = try _Object(db, path: "db")
        let contentVersion = try content.integer("version")
        guard (1...3).contains(contentVersion) else {
            throw .unsupportedVersion(path: "db.version", version: contentVersion)
        }
        let entries = try content.array("entries")
        guard entries.count <= maximumEntryCount else { throw .tooManyEntries(limit: maximumEntryCount) }

        var result = Import(keys: [], skipped: [])
        for (index, value) in entries.enumerated() {
            let entry = try _Object(value, path: "db.entries[\(index)]")
            switch try readEntry(entry, index: index) {
            case .key(let key): result.keys.append(key)
            case .skipped(let skipped): result.skipped.append(skipped)
            }
        }
        return result
    }

    private enum _EntryResult {
        case key(KeyURI)
        case skipped(SkippedEntry)
    }

    private static func readEntry(_ entry: _Object, index: Int) throws(AegisError) -> _EntryResult {
        let type = try entry.string("type")
        let name = try entry.string("name")
        let issuer = try entry.optionalString("issuer") ?? ""
        func skip(_ reason: SkippedEntry.Reason) -> _EntryResult {
            .skipped(SkippedEntry(index: index, type: type, issuer: issuer, name: name, reason: reason))
        }
        let kind: KeyURI.Kind
        switch type {
        case "totp", "steam": kind = .totp
        case "hotp": kind = .hotp
        default: return skip(.unsupportedType)
        }
        let info = try _Object(try entry.require("info"), path: entry.path + ".info")
        let secretText = try info.string("secret")
        let secret: [UInt8]
        do {
            secret = try Base32.decodeLenient(secretText)
        } catch {
            throw .invalidSecret(path: info.path + ".secret", error)
        }
        guard !secret.isEmpty else { throw .invalidSecret(path: info.path + ".secret", nil) }
        let algorithmName = try info.string("algo")
        let digits = try info.integer("digits")
        var period: UInt64 = 30
        var counter: UInt64 = 0
        switch kind {
        case .totp:
            let value = try info.integer("period")
            guard value >= 1 else { throw .invalidMember(path: info.path + ".period", expected: "a whole number of seconds, at least 1") }
            period = UInt64(value)
        case .hotp:
            let value = try info.integer("counter")
            guard value >= 0 else { throw .invalidMember(path: info.path + ".counter", expected: "a whole number, at least 0") }
            counter = UInt64(value)
        }

        guard let algorithm = HashAlgorithm(rawValue: algorithmName),
              type != "steam" || algorithm == .sha1
        else { return skip(.unsupportedAlgorithm(algorithmName)) }
        var parameters: [String: String] = [:]
        var keyDigits = digits
        if type == "steam" {
            // Steam codes have five symbols whatever `digits` says; the key URI keeps the
            // default digits and marks the key with encoder=steam.
            parameters[KeyURI.steamEncoderParameter] = KeyURI.steamEncoderValue
            keyDigits = 6
        } else if !HOTP.digitRange.contains(digits) {
            return skip(.unsupportedDigits(digits))
        }
        guard !name.isEmpty else { return skip(.emptyName) }
        return .key(KeyURI(
            kind: kind, issuer: issuer.isEmpty ? nil : issuer, account: name, secret: SecretBytes(secret),
            algorithm: algorithm, digits: keyDigits, period: period, counter: counter, parameters: parameters))
    }
}

/// A JSON object with its path, for reading members with errors that name them.
private struct _Object {
    let members: [(name: String, value: JSONValue)]
    let path: String

    init(_ value: JSONValue, path: String) throws(AegisError) {
        guard case .object(let members) = value else {
            throw .invalidMember(path: path.isEmpty ? "(top level)" : path, expected: "an object")
        }
        // A repeated name is ambiguous: one reader would take the first, another the last.
        var seen: Set<String> = []
        for member in members where !seen.insert(member.name).inserted {
            throw .duplicateMember(path: Self.join(path, member.name))
        }
        self.members = members
        self.path = path
    }

    static func join(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : path + "." + name
    }

    func optional(_ name: String) throws(AegisError) -> JSONValue? {
        members.first { $0.name == name }?.value
    }

    func require(_ name: String) throws(AegisError) -> JSONValue {
        guard let value = try optional(name) else { throw .missingMember(path: Self.join(path, name)) }
        return value
    }

    func string(_ name: String) throws(AegisError) -> String {
        guard case .string(let text) = try require(name) else {
            throw .invalidMember(path: Self.join(path, name), expected: "a string")
        }
        return text
    }

    /// A string member that may be absent or null.
    func optionalString(_ name: String) throws(AegisError) -> String? {
        switch try optional(name) {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw .invalidMember(path: Self.join(path, name), expected: "a string or null")
        }
    }

    func integer(_ name: String) throws(AegisError) -> Int {
        guard let number = try require(name).integer else {
            throw .invalidMember(path: Self.join(path, name), expected: "a whole number")
        }
        return number
    }

    func array(_ name: String) throws(AegisError) -> [JSONValue] {
        guard case .array(let elements) = try require(name) else {
            throw .invalidMember(path: Self.join(path, name), expected: "an array")
        }
        return elements
    }
}

extension JSONValue {
    fileprivate var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

// MARK: - Export

extension AegisVault {
    /// A plain Aegis vault holding `keys`, as Aegis imports it (Settings, Import & Export,
    /// Import from file, Aegis): vault version 1, a header with null slots and params, content
    /// version `writtenContentVersion`, and one entry per key, in order, with a fresh version 4
    /// UUID (RFC 9562 §5.4) from `generator`, `name` = the account, `issuer` = the issuer or
    /// `""`, `icon` null, and `info` with the unpadded Base32 secret, `algo`, `digits` and
    /// `period` (TOTP) or `counter` (HOTP). A Steam Guard key (`isSteamGuard`) is written as
    /// type `steam` with SHA1 and 5 digits, as Aegis stores them. Indented by four spaces, LF
    /// line ends, a final LF.
    ///
    /// Unknown key URI parameters are not written (the format has no place for them).
    ///
    /// - Throws: `AegisError.invalidKey` for a key `validate()` rejects.
    public static func export(
        _ keys: [KeyURI], using generator: inout some RandomNumberGenerator
    ) throws(AegisError) -> String {
        var entries: [String] = []
        entries.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() {
            do {
                try key.validate()
            } catch {
                throw .invalidKey(key: index, error)
            }
            let steam = key.isSteamGuard
            var info = [
                "\"secret\": " + jsonString(Base32.encode(key.secret.revealed, padding: false)),
                "\"algo\": " + jsonString(steam ? "SHA1" : key.algorithm.rawValue),
                "\"digits\": \(steam ? SteamGuard.codeLength : key.digits)",
            ]
            switch key.kind {
            case .totp: info.append("\"period\": \(key.period)")
            case .hotp: info.append("\"counter\": \(key.counter)")
            }
            let fields = [
                "\"type\": " + jsonString(steam ? "steam" : key.kind.rawValue),
                "\"uuid\": " + jsonString(uuid4(using: &generator)),
                "\"name\": " + jsonString(key.account),
                "\"issuer\": " + jsonString(key.issuer ?? ""),
                "\"icon\": null",
                "\"info\": {\n" + info.map { "                    " + $0 }.joined(separator: ",\n") + "\n                }",
            ]
            entries.append("            {\n" + fields.map { "                " + $0 }.joined(separator: ",\n") + "\n            }")
        }
        let entryList = entries.isEmpty ? "[]" : "[\n" + entries.joined(separator: ",\n") + "\n        ]"
        return """
            {
                "version": 1,
                "header": {
                    "slots": null,
                    "params": null
                },
                "db": {
                    "version": \(writtenContentVersion),
                    "entries": \(entryList)
                }
            }

            """
    }

    /// A random (version 4) UUID in its usual text form, RFC 9562 §5.4: 122 random bits, the
    /// version 0b0100 in the high nibble of byte 6, the variant 0b10 in the top bits of byte 8.
    static func uuid4(using generator: inout some RandomNumberGenerator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for _ in 0..<2 {
            let word = generator.next()
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
