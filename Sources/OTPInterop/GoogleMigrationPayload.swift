// GoogleMigrationPayload.swift
// Google Authenticator's "Transfer accounts" QR codes: otpauth-migration://offline?data=…,
// whose data is Base64 of a protocol buffers message listing the accounts.
//
// Google has not published the message definition. The field numbers and enum values below are
// the ones reconstructed by public reverse-engineering write-ups, which agree with each other:
// qistoph/otp_export (README.md and OtpMigration.proto, 2020, which also links the Ctrl blog
// entry ctrl.blog/entry/google-authenticator-2fa-secrets.html) and digitalduke/otpauth-
// migration-decoder:
//
//   MigrationPayload              OtpParameters
//     1 otp_parameters (repeated)   1 secret     bytes
//     2 version        int32        2 name       string
//     3 batch_size     int32        3 issuer     string
//     4 batch_index    int32        4 algorithm  enum: 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
//     5 batch_id       int32        5 digits     enum: 0 unspecified, 1 six, 2 eight
//                                   6 type       enum: 0 unspecified, 1 HOTP, 2 TOTP
//                                   7 counter    int64

import OTP
import OTPCrypto
import OTPEncoding

/// The message inside one Google Authenticator transfer QR code: some accounts, and which part
/// of a larger export this code is.
///
/// Reading (`init(decoding:)`, `init(parsing:)`) keeps every value as the payload gives it, so
/// the enums can hold values the format does not define; `keys()` turns the accounts into key
/// URIs and rejects what a key URI cannot hold. Unknown fields are skipped; a field that appears
/// twice keeps its last value, as protobuf parsers do ("Encoding", Last One Wins).
public struct GoogleMigrationPayload: Sendable, Equatable {
    /// One account (the `OtpParameters` message, field 1).
    public struct Account: Sendable, Equatable {
        /// Field 1: the raw secret bytes (not Base32).
        public var secret: SecretBytes
        /// Field 2: the label. The app writes the key URI's whole label here, `Issuer:account`
        /// when the URI had an issuer prefix (qistoph/otp_export's sample decodes to
        /// `name: "Example:alice@google.com"`, `issuer: "Example"`).
        public var name: String
        /// Field 3: the issuer, empty when none.
        public var issuer: String
        /// Field 4.
        public var algorithm: Algorithm
        /// Field 5.
        public var digits: DigitCount
        /// Field 6.
        public var type: OTPType
        /// Field 7: the HOTP counter (int64).
        public var counter: Int64

        public init(
            secret: SecretBytes, name: String, issuer: String = "", algorithm: Algorithm = .sha1,
            digits: DigitCount = .six, type: OTPType = .totp, counter: Int64 = 0
        ) {
            self.secret = secret
            self.name = name
            self.issuer = issuer
            self.algorithm = algorithm
            self.digits = digits
            self.type = type
            self.counter = counter
        }
    }

    /// The `Algorithm` enum of field 4.
    public enum Algorithm: Sendable, Equatable {
        case unspecified, sha1, sha256, sha512, md5
        /// A value the format does not define.
        case other(Int32)

        public init(wireValue: Int32) {
            switch wireValue {
            case 0: self = .unspecified
            case 1: self = .sha1
            case 2: self = .sha256
            case 3: self = .sha512
            case 4: self = .md5
            default: self = .other(wireValue)
            }
        }

        public var wireValue: Int32 {
            switch self {
            case .unspecified: 0
            case .sha1: 1
            case .sha256: 2
            case .sha512: 3
            case .md5: 4
            case .other(let value): value
            }
        }
    }

    /// The `DigitCount` enum of field 5.
    public enum DigitCount: Sendable, Equatable {
        case unspecified, six, eight
        /// A value the format does not define.
        case other(Int32)

        public init(wireValue: Int32) {
            switch wireValue {
            case 0: self = .unspecified
            case 1: self = .six
            case 2: self = .eight
            default: self = .other(wireValue)
            }
        }

        public var wireValue: Int32 {
            switch self {
            case .unspecified: 0
            case .six: 1
            case .eight: 2
            case .other(let value): value
            }
        }
    }

    /// The `OtpType` enum of field 6.
    public enum OTPType: Sendable, Equatable {
        case unspecified, hotp, totp
        /// A value the format does not define.
        case other(Int32)

        public init(wireValue: Int32) {
            switch wireValue {
            case 0: self = .unspecified
            case 1: self = .hotp
            case 2: self = .totp
            default: self = .other(wireValue)
            }
        }

        public var wireValue: Int32 {
            switch self {
            case .unspecified: 0
            case .hotp: 1
            case .totp: 2
            case .other(let value): value
            }
        }
    }

    /// Field 1: the accounts, in payload order.
    public var accounts: [Account]
    /// Field 2: the payload version (the app writes 1).
    public var version: Int32
    /// Field 3: how many QR codes the whole export has.
    public var batchSize: Int32
    /// Field 4: which of them this is, from 0.
    public var batchIndex: Int32
    /// Field 5: a number shared by all codes of one export (the app picks it at random).
    public var batchID: Int32

    public init(accounts: [Account], version: Int32 = 1, batchSize: Int32 = 1, batchIndex: Int32 = 0, batchID: Int32 = 0) {
        self.accounts = accounts
        self.version = version
        self.batchSize = batchSize
        self.batchIndex = batchIndex
        self.batchID = batchID
    }

    /// The largest payload read, in bytes. One QR code holds at most 2,953 bytes (ISO/IEC 18004
    /// Table 7, version 40-L, byte mode), so 64 KiB leaves room for payloads made by other tools.
    public static let maximumByteCount = 65_536
    /// The most accounts read from, or written into, one payload.
    public static let maximumAccountCount = 1_000
    /// The longest URI text read, in bytes: Base64 (4/3) then percent-encoding (at most 3×)
    /// of the largest payload, and some slack.
    public static let maximumURIByteCount = 4 * maximumByteCount + 1_024
}

// MARK: - Reading the payload

extension GoogleMigrationPayload {
    /// Reads the protocol buffers bytes of a payload (the Base64-decoded `data`).
    ///
    /// - Throws: `.tooLarge`, `.malformedPayload` (with the wire-format error and its offset),
    ///   or `.tooManyAccounts`. Never traps, whatever the bytes.
    public init(decoding bytes: [UInt8]) throws(GoogleMigrationError) {
        guard bytes.count <= Self.maximumByteCount else {
            throw .tooLarge(byteCount: bytes.count, limit: Self.maximumByteCount)
        }
        var payload = GoogleMigrationPayload(accounts: [], version: 0, batchSize: 0, batchIndex: 0, batchID: 0)
        var reader = ProtobufReader(bytes)
        while let field = try wire({ () throws(ProtobufError) in try reader.nextField() }) {
            switch field.number {
            case 1:
                guard payload.accounts.count < Self.maximumAccountCount else {
                    throw .tooManyAccounts(limit: Self.maximumAccountCount)
                }
                let range = try wire { () throws(ProtobufError) in try field.lengthDelimited() }
                payload.accounts.append(try wire { () throws(ProtobufError) in try Self.readAccount(bytes, range: range) })
            case 2: payload.version = try wire { () throws(ProtobufError) in try field.int32() }
            case 3: payload.batchSize = try wire { () throws(ProtobufError) in try field.int32() }
            case 4: payload.batchIndex = try wire { () throws(ProtobufError) in try field.int32() }
            case 5: payload.batchID = try wire { () throws(ProtobufError) in try field.int32() }
            default: break  // an unknown field: already read whole, so skipped
            }
        }
        self = payload
    }

    /// Reads one `OtpParameters` message from `bytes[range]`.
    private static func readAccount(_ bytes: [UInt8], range: Range<Int>) throws(ProtobufError) -> Account {
        var reader = ProtobufReader(bytes, range: range)
        var account = Account(secret: SecretBytes([]), name: "", issuer: "", algorithm: .unspecified,
                              digits: .unspecified, type: .unspecified, counter: 0)
        while let field = try reader.nextField() {
            switch field.number {
            case 1: account.secret = SecretBytes(try reader.bytes(of: field))
            case 2: account.name = try reader.string(of: field)
            case 3: account.issuer = try reader.string(of: field)
            case 4: account.algorithm = Algorithm(wireValue: try field.int32())
            case 5: account.digits = DigitCount(wireValue: try field.int32())
            case 6: account.type = OTPType(wireValue: try field.int32())
            case 7: account.counter = try field.int64()
            default: break
            }
        }
        return account
    }
}

/// Runs a wire-format read, reporting its error as a malformed payload.
private func wire<T>(_ body: () throws(ProtobufError) -> T) throws(GoogleMigrationError) -> T {
    do throws(ProtobufError) {
        return try body()
    } catch {
        throw .malformedPayload(error)
    }
}
