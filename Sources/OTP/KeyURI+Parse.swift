// KeyURI+Parse.swift
// Reading an otpauth:// key URI (Google Authenticator "Key Uri Format"), including the
// off-spec labels that real services emit.

import OTPCrypto
import OTPEncoding

extension KeyURI {
    /// Parses an `otpauth://TYPE/LABEL?PARAMETERS` key URI.
    ///
    /// Structure (RFC 3986 §3 as used by the Key Uri Format):
    /// - Spaces, tabs, CR and LF around the text are ignored (a URI pasted with a newline).
    /// - The scheme `otpauth://` and the type `totp`/`hotp` are matched without regard to case
    ///   (RFC 3986 §3.1 and §3.2.2 make scheme and host case-insensitive).
    /// - The label runs from the `/` after the type to the first `?`; a further `/` in it is a
    ///   literal character. No `?` means no parameters (and so a missing secret).
    /// - A `#` anywhere after the scheme is rejected (`unexpectedFragment`).
    /// - Parameters are separated by `&`; empty ones (`&&`, a trailing `&`) are skipped. Each is
    ///   split at its first `=`; a parameter without `=` has an empty value. Names are
    ///   case-sensitive (`secret`, not `Secret`).
    /// - Each label, name and value is percent-decoded exactly once (RFC 3986 §2.1); `+` is a
    ///   literal plus, not a space; the result must be UTF-8, so `Škoda` or `株式会社` work.
    ///
    /// Label (Key Uri Format, Label: `accountname / issuer (":" / "%3A") *"%20" accountname`):
    /// - The separator is `:` or `%3A` in either case; spaces after it are dropped.
    /// - Services put colons where the format forbids them (`Microsoft:Tenant:user`, an issuer
    ///   `Text: More` written `Text%3A%20More`: pyauth/pyotp#174). So when the `issuer`
    ///   parameter is present and the decoded label starts with it followed by a colon, the
    ///   label is split right there; otherwise it is split at its first colon. Such labels are
    ///   never rejected for their colons.
    /// - When both a label prefix and an `issuer` parameter are present and differ, the URI is
    ///   rejected (`issuerMismatch`). An empty prefix (`:alice`) counts as no prefix.
    /// - `issuer` is the parameter if present and non-empty, else the label prefix, else nil.
    ///
    /// Parameters:
    /// - `secret`: required, lenient Base32 (`Base32.decodeLenient`: any case, optional
    ///   padding, spaces and hyphens ignored; and, unlike it, set bits after the last byte
    ///   ignored as Python and oathtool do), at least one byte. Secrets under 128 bits are
    ///   accepted; see `isSecretShort`.
    /// - `issuer`: an empty value counts as absent.
    /// - `algorithm`: `SHA1`, `SHA256` or `SHA512` in any case; default SHA1.
    /// - `digits`: decimal 6 to 10 (leading zeros allowed: `06` is 6); default 6.
    /// - `period`: decimal 1 to 2^64 − 1; default 30.
    /// - `counter`: decimal 0 to 2^64 − 1; required for `hotp`.
    ///   Numbers are ASCII digits only: no sign, no spaces, no empty value.
    ///   `period` and `counter` are checked and kept whatever the type.
    /// - Any other parameter is kept in `parameters`. Any parameter given twice is an error.
    ///
    /// - Throws: `KeyURIError`, naming the part at fault. Never traps, whatever the input.
    public init(parsing text: String) throws(KeyURIError) {
        let all = Array(text.utf8)
        var start = 0
        var end = all.count
        while start < end && Self._isSurroundingSpace(all[start]) { start += 1 }
        while end > start && Self._isSurroundingSpace(all[end - 1]) { end -= 1 }
        let uri = all[start..<end]

        // Scheme: "otpauth://" (RFC 3986 §3.1: case-insensitive).
        let schemeEnd = uri.startIndex + Self._scheme.count
        guard uri.count >= Self._scheme.count,
              Self._equalsIgnoringASCIICase(uri[uri.startIndex..<schemeEnd], Self._scheme)
        else { throw .notOtpauth }
        let afterScheme = uri[schemeEnd...]

        // Type: the authority part, up to the first "/", "?" or "#".
        let typeEnd = afterScheme.firstIndex { $0 == Self._slash || $0 == Self._question || $0 == Self._hash }
            ?? afterScheme.endIndex
        let typeBytes = afterScheme[..<typeEnd]
        let kind: Kind
        if Self._equalsIgnoringASCIICase(typeBytes, Self._totp) {
            kind = .totp
        } else if Self._equalsIgnoringASCIICase(typeBytes, Self._hotp) {
            kind = .hotp
        } else {
            throw .unknownType(String(decoding: typeBytes, as: UTF8.self))
        }
        if afterScheme.contains(Self._hash) { throw .unexpectedFragment }
        guard typeEnd < afterScheme.endIndex, afterScheme[typeEnd] == Self._slash else { throw .missingLabel }

        // Label and query.
        let labelStart = typeEnd + 1
        let questionMark = afterScheme[labelStart...].firstIndex(of: Self._question)
        let rawLabel = afterScheme[labelStart..<(questionMark ?? afterScheme.endIndex)]
        let rawQuery = questionMark.map { afterScheme[($0 + 1)...] } ?? afterScheme[afterScheme.endIndex...]

        // Parameters, left to right.
        var seen = Set<String>()
        var secret: SecretBytes?
        var issuerParameter: String?
        var algorithm = HashAlgorithm.sha1
        var digits = 6
        var period: UInt64 = 30
        var counter: UInt64?
        var parameters: [String: String] = [:]
        for component in rawQuery.split(separator: Self._ampersand, omittingEmptySubsequences: true) {
            let equals = component.firstIndex(of: Self._equals)
            let rawName = component[..<(equals ?? component.endIndex)]
            let rawValue = equals.map { component[($0 + 1)...] } ?? component[component.endIndex...]
            let name = try Self._decode(rawName, field: "parameter name")
            guard seen.insert(name).inserted else { throw .duplicateParameter(name) }
            let value = try Self._decode(rawValue, field: name)
            switch name {
            case "secret":
                let bytes = try Self._decodeSecret(value)
                if bytes.isEmpty { throw .emptySecret }
                secret = SecretBytes(bytes)
            case "issuer":
                issuerParameter = value.isEmpty ? nil : value
            case "algorithm":
                guard let parsed = HashAlgorithm(caseInsensitiveName: value) else { throw .invalidAlgorithm(value) }
                algorithm = parsed
            case "digits":
                guard let parsed = Self._decimal(value), parsed >= 6, parsed <= 10 else { throw .invalidDigits(value) }
                digits = Int(parsed)
            case "period":
                guard let parsed = Self._decimal(value), parsed > 0 else { throw .invalidPeriod(value) }
                period = parsed
            case "counter":
                guard let parsed = Self._decimal(value) else { throw .invalidCounter(value) }
                counter = parsed
            default:
                parameters[name] = value
            }
        }
        guard let secret else { throw .missingSecret }
        if kind == .hotp && counter == nil { throw .missingCounter }

        // Label: decode once, then split into issuer prefix and account.
        let label = try Self._decode(rawLabel, field: "label")
        let (labelIssuer, account) = Self._splitLabel(label, issuerParameter: issuerParameter)
        if let labelIssuer, let issuerParameter, labelIssuer != issuerParameter {
            throw .issuerMismatch(label: labelIssuer, parameter: issuerParameter)
        }
        if account.isEmpty { throw .emptyAccount }

        self.init(
            kind: kind, issuer: issuerParameter ?? labelIssuer, account: account, secret: secret,
            algorithm: algorithm, digits: digits, period: period, counter: counter ?? 0,
            parameters: parameters)
    }
}

// MARK: - Label

extension KeyURI {
    /// Splits a decoded label into its issuer prefix (nil if none, or empty) and account name
    /// (spaces after the separator dropped).
    ///
    /// The separator is the colon right after `issuerParameter` when the label starts with it,
    /// else the first colon. (A `%3A` in the raw label is a colon once decoded, so this is the
    /// Key Uri Format's `":" / "%3A"` separator; a `%253A` decodes to the text `%3A` and is not.)
    static func _splitLabel(_ label: String, issuerParameter: String?) -> (issuer: String?, account: String) {
        var separator: String.Index?
        if let issuerParameter {
            // The same scalars first: a Character comparison alone would miss an issuer ending in
            // a prepended mark (U+0600 and the like), which joins the colon after it into one
            // Character in the label.
            let scalars = label.unicodeScalars
            var position = scalars.startIndex
            var same = true
            for scalar in issuerParameter.unicodeScalars {
                guard position < scalars.endIndex, scalars[position] == scalar else {
                    same = false
                    break
                }
                position = scalars.index(after: position)
            }
            if same, position < scalars.endIndex, scalars[position] == ":" {
                separator = position
            }
        }
        if separator == nil, let issuerParameter {
            // Compare by Character, so that canonically equivalent spellings (a precomposed and
            // a decomposed "Š") match as `==` would; linear in the length of the issuer. The
            // colon is looked for as the first scalar of the next Character, because an account
            // that starts with a combining mark joins the colon into one Character with it.
            var index = label.startIndex
            var matches = true
            for character in issuerParameter {
                guard index < label.endIndex, label[index] == character else {
                    matches = false
                    break
                }
                index = label.index(after: index)
            }
            if matches, index < label.endIndex, label.unicodeScalars[index] == ":" {
                separator = index
            }
        }
        if separator == nil {
            separator = label.unicodeScalars.firstIndex(of: ":")
        }
        guard let separator else { return (nil, label) }
        let prefix = String(label.unicodeScalars[..<separator])
        var rest = label.unicodeScalars[label.unicodeScalars.index(after: separator)...]
        // Key Uri Format: *"%20" between the separator and the account name.
        while rest.first == " " { rest = rest.dropFirst() }
        return (prefix.isEmpty ? nil : prefix, String(rest))
    }
}

// MARK: - Secret

extension KeyURI {
    /// Decodes the `secret` value with `Base32.decodeLenient`, except that bits after the last
    /// byte may be set: they are ignored.
    ///
    /// RFC 4648 §3.5 lets a decoder reject such text, and `Base32.decodeLenient` does, but
    /// services issue secrets drawn as random Base32 characters rather than encoded from bytes
    /// (`FFFFFFFAAAAAABBBBBBB` in pyauth/pyotp#174), and Python's `base64.b32decode`, oathtool
    /// and the authenticator apps all accept them by dropping those bits. Doing the same keeps
    /// the codes equal to theirs. Every other Base32 rule still applies.
    static func _decodeSecret(_ text: String) throws(KeyURIError) -> [UInt8] {
        do {
            return try Base32.decodeLenient(text)
        } catch {
            guard case .nonZeroTrailingBits(let position) = error else { throw .invalidSecret(error) }
            // The decoder read the whole text before finding this, so every scalar is an ASCII
            // symbol, separator or "=", and `position` is also a byte offset.
            var bytes = Array(text.utf8)
            var symbolCount = 0
            for byte in bytes where _base32Value(byte) != nil { symbolCount += 1 }
            // RFC 4648 §6: a final quantum of 2, 4, 5 or 7 symbols leaves 2, 4, 1 or 3 bits unused.
            let unusedBits: UInt8
            switch symbolCount % 8 {
            case 2: unusedBits = 2
            case 4: unusedBits = 4
            case 5: unusedBits = 1
            case 7: unusedBits = 3
            default: throw .invalidSecret(error)
            }
            guard position >= 0, position < bytes.count, let value = _base32Value(bytes[position]) else {
                throw .invalidSecret(error)
            }
            bytes[position] = _base32Symbol(value & ~((1 << unusedBits) - 1))
            do {
                return try Base32.decodeLenient(String(decoding: bytes, as: UTF8.self))
            } catch {
                throw .invalidSecret(error)
            }
        }
    }

    /// The value of a Base32 symbol in either case (RFC 4648 §6, Table 3), or nil.
    static func _base32Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x41...0x5A: byte - 0x41          // A-Z: 0...25
        case 0x61...0x7A: byte - 0x61          // a-z: 0...25
        case 0x32...0x37: byte - 0x32 + 26     // 2-7: 26...31
        default: nil
        }
    }

    /// The upper-case Base32 symbol for a value 0...31 (RFC 4648 §6, Table 3).
    static func _base32Symbol(_ value: UInt8) -> UInt8 {
        value < 26 ? 0x41 &+ value : 0x32 &+ (value &- 26)
    }
}

// MARK: - Lexical helpers

extension KeyURI {
    static let _scheme: [UInt8] = Array("otpauth://".utf8)
    static let _totp: [UInt8] = Array("totp".utf8)
    static let _hotp: [UInt8] = Array("hotp".utf8)
    static let _slash = UInt8(ascii: "/")
    static let _question = UInt8(ascii: "?")
    static let _hash = UInt8(ascii: "#")
    static let _ampersand = UInt8(ascii: "&")
    static let _equals = UInt8(ascii: "=")

    /// Space, tab, CR or LF: ignored around the whole URI.
    @inline(__always)
    static func _isSurroundingSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Whether `bytes` equals `expected` (lower-case ASCII) when ASCII letters in `bytes` are
    /// lower-cased.
    static func _equalsIgnoringASCIICase(_ bytes: ArraySlice<UInt8>, _ expected: [UInt8]) -> Bool {
        guard bytes.count == expected.count else { return false }
        for (byte, wanted) in zip(bytes, expected) {
            let lowered = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
            if lowered != wanted { return false }
        }
        return true
    }

    /// Percent-decodes one part of the URI, naming it in the error.
    static func _decode(_ bytes: ArraySlice<UInt8>, field: String) throws(KeyURIError) -> String {
        // The slice comes from a String's UTF-8 split at ASCII bytes, so it is valid UTF-8.
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            return try PercentEncoding.decode(text)
        } catch {
            throw .invalidEncoding(field: field, error)
        }
    }

    /// A non-empty run of ASCII digits as a `UInt64`, or nil (empty, another character, or
    /// more than 2^64 − 1). Leading zeros are allowed.
    static func _decimal(_ text: String) -> UInt64? {
        var value: UInt64 = 0
        var sawDigit = false
        for byte in text.utf8 {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - 0x30))
            if overflow1 || overflow2 { return nil }
            value = sum
            sawDigit = true
        }
        return sawDigit ? value : nil
    }
}
