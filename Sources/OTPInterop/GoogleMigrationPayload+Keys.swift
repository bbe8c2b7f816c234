// GoogleMigrationPayload+Keys.swift
// From the payload's accounts to otpauth:// key URIs, and from key URIs to payloads.

import OTP
import OTPCrypto

// MARK: - Accounts to keys

extension GoogleMigrationPayload.Account {
    /// The account as a key URI.
    ///
    /// - `algorithm`: SHA1, SHA256, SHA512; unspecified (0) reads as SHA1, the Key Uri Format's
    ///   default. MD5 and undefined values are errors.
    /// - `digits`: six or eight; unspecified reads as six, the Key Uri Format's default.
    /// - `type`: HOTP (with `counter`, which must not be negative) or TOTP (30-second period,
    ///   the only one the app offers: the payload has no period field). Unspecified is an
    ///   error, since nothing says which it is.
    /// - `name` and `issuer`: the app writes the whole label into `name`, so a name that starts
    ///   with the issuer and a colon (`Example:alice`) gives the account after the colon, spaces
    ///   after it dropped (the Key Uri Format allows them). With no issuer, a name with a colon
    ///   is split at its first colon into issuer and account, as a key URI label would be. Any
    ///   other name is the account as it is.
    ///
    /// - Parameter index: the account's 0-based position, named in errors.
    /// - Throws: `GoogleMigrationError` naming the account and the field.
    public func key(index: Int = 0) throws(GoogleMigrationError) -> KeyURI {
        guard !secret.isEmpty else { throw .emptySecret(account: index) }
        let hash: HashAlgorithm
        switch algorithm {
        case .unspecified, .sha1: hash = .sha1
        case .sha256: hash = .sha256
        case .sha512: hash = .sha512
        case .md5, .other: throw .unsupportedAlgorithm(account: index, value: algorithm.wireValue)
        }
        let digitCount: Int
        switch digits {
        case .unspecified, .six: digitCount = 6
        case .eight: digitCount = 8
        case .other(let value): throw .unsupportedDigits(account: index, value: value)
        }
        let kind: KeyURI.Kind
        var hotpCounter: UInt64 = 0
        switch type {
        case .totp:
            kind = .totp
        case .hotp:
            kind = .hotp
            guard counter >= 0 else { throw .negativeCounter(account: index, value: counter) }
            hotpCounter = UInt64(counter)
        case .unspecified, .other:
            throw .unsupportedType(account: index, value: type.wireValue)
        }
        let (issuerText, account) = Self.splitLabel(name: name, issuer: issuer)
        guard !account.isEmpty else { throw .emptyName(account: index) }
        return KeyURI(
            kind: kind, issuer: issuerText, account: account, secret: secret, algorithm: hash,
            digits: digitCount, period: 30, counter: hotpCounter)
    }

    /// The issuer and account a name and issuer give (see `key(index:)`).
    static func splitLabel(name: String, issuer: String) -> (issuer: String?, account: String) {
        if !issuer.isEmpty {
            let prefix = issuer + ":"
            if name.hasPrefix(prefix) {
                return (issuer, _droppingLeadingSpaces(name.dropFirst(prefix.count)))
            }
            return (issuer, name)
        }
        if let colon = name.firstIndex(of: ":") {
            let before = String(name[..<colon])
            let after = _droppingLeadingSpaces(name[name.index(after: colon)...])
            if !before.isEmpty && !after.isEmpty { return (before, after) }
        }
        return (nil, name)
    }

    /// The account in the form the app writes: `name` is the whole label (`Issuer:account`, or
    /// the account alone without an issuer), `issuer` the issuer.
    ///
    /// - Throws: `invalidKey` for a key `validate()` rejects; `exportSteamGuard`,
    ///   `exportDigits` (not 6 or 8), `exportPeriod` (a TOTP period other than 30) or
    ///   `exportCounter` (2^63 or more) for what the payload cannot hold.
    public init(key: KeyURI, index: Int = 0) throws(GoogleMigrationError) {
        do {
            try key.validate()
        } catch {
            throw .invalidKey(key: index, error)
        }
        if key.isSteamGuard { throw .exportSteamGuard(key: index) }
        let digits: GoogleMigrationPayload.DigitCount
        switch key.digits {
        case 6: digits = .six
        case 8: digits = .eight
        default: throw .exportDigits(key: index, digits: key.digits)
        }
        let algorithm: GoogleMigrationPayload.Algorithm
        switch key.algorithm {
        case .sha1: algorithm = .sha1
        case .sha256: algorithm = .sha256
        case .sha512: algorithm = .sha512
        }
        var counter: Int64 = 0
        switch key.kind {
        case .totp:
            guard key.period == 30 else { throw .exportPeriod(key: index, period: key.period) }
        case .hotp:
            guard key.counter <= UInt64(Int64.max) else { throw .exportCounter(key: index, counter: key.counter) }
            counter = Int64(key.counter)
        }
        let issuer = key.issuer ?? ""
        self.init(
            secret: key.secret, name: issuer.isEmpty ? key.account : issuer + ":" + key.account,
            issuer: issuer, algorithm: algorithm, digits: digits,
            type: key.kind == .hotp ? .hotp : .totp, counter: counter)
    }
}

private func _droppingLeadingSpaces(_ text: Substring) -> String {
    String(text.drop { $0 == " " })
}

// MARK: - Payloads to keys and back

extension GoogleMigrationPayload {
    /// Every account as a key URI, in payload order.
    ///
    /// - Throws: the first account's error (`GoogleMigrationError`, naming the account).
    public func keys() throws(GoogleMigrationError) -> [KeyURI] {
        var keys: [KeyURI] = []
        keys.reserveCapacity(accounts.count)
        for (index, account) in accounts.enumerated() {
            keys.append(try account.key(index: index))
        }
        return keys
    }

    /// The payloads of an export of `keys`: `accountsPerBatch` accounts each (10 unless told
    /// otherwise: a QR code that stays small enough to scan from a screen; the app's own limit
    /// is not documented), all with `batchID`, `batch_size` set to their number and
    /// `batch_index` counting from 0, `version` 1. No keys give one empty payload.
    ///
    /// - Parameter batchID: shared by all payloads of the export; the app picks it at random,
    ///   so a caller should too (the library reads no random source it is not given).
    /// - Throws: `invalidBatchSize`, or the error of the first key the format cannot hold.
    public static func export(
        _ keys: [KeyURI], batchID: Int32, accountsPerBatch: Int = 10
    ) throws(GoogleMigrationError) -> [GoogleMigrationPayload] {
        guard accountsPerBatch >= 1, accountsPerBatch <= maximumAccountCount else {
            throw .invalidBatchSize(accountsPerBatch)
        }
        var accounts: [Account] = []
        accounts.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() {
            accounts.append(try Account(key: key, index: index))
        }
        // ceil(count / perBatch), at least 1; both are at most Int.max, so no overflow.
        let batchCount = max(1, accounts.count / accountsPerBatch + (accounts.count % accountsPerBatch == 0 ? 0 : 1))
        // batch_size is an int32.
        guard let batchSize = Int32(exactly: batchCount) else { throw .invalidBatchSize(accountsPerBatch) }
        var payloads: [GoogleMigrationPayload] = []
        payloads.reserveCapacity(batchCount)
        for batch in 0..<batchCount {
            let start = batch * accountsPerBatch
            let end = min(start + accountsPerBatch, accounts.count)
            payloads.append(GoogleMigrationPayload(
                accounts: Array(accounts[start..<end]), version: 1, batchSize: batchSize,
                batchIndex: Int32(truncatingIfNeeded: batch), batchID: batchID))
        }
        return payloads
    }
}
