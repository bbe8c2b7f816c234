// GoogleMigrationPayload+URI.swift
// The payload's bytes and its otpauth-migration:// URI, in both directions.

import OTPCrypto
import OTPEncoding

// MARK: - Writing the payload

extension GoogleMigrationPayload {
    /// The payload as protocol buffers bytes, fields in number order (protobuf "Encoding":
    /// parsers accept any order; this is the order protoc writes).
    ///
    /// Each account is written with `secret`, `name`, `issuer` (when not empty), `algorithm`,
    /// `digits`, `type`, and `counter` when the type is HOTP; then `version`, `batch_size`,
    /// `batch_index` and `batch_id`, each written even when 0. Negative int32 values take ten
    /// bytes (protobuf "Encoding", Signed Integers).
    public func serialized() -> [UInt8] {
        var message = ProtobufWriter()
        for account in accounts {
            var fields = ProtobufWriter()
            account.secret.withUnsafeBytes { fields.writeBytesField(1, $0) }
            fields.writeBytesField(2, account.name.utf8)
            if !account.issuer.isEmpty { fields.writeBytesField(3, account.issuer.utf8) }
            fields.writeInt32Field(4, account.algorithm.wireValue)
            fields.writeInt32Field(5, account.digits.wireValue)
            fields.writeInt32Field(6, account.type.wireValue)
            if account.type == .hotp { fields.writeVarintField(7, UInt64(bitPattern: account.counter)) }
            message.writeBytesField(1, fields.bytes)
        }
        message.writeInt32Field(2, version)
        message.writeInt32Field(3, batchSize)
        message.writeInt32Field(4, batchIndex)
        message.writeInt32Field(5, batchID)
        return message.bytes
    }

    /// `otpauth-migration://offline?data=` followed by the payload in Base64 (RFC 4648 §4, with
    /// padding), percent-encoded (RFC 3986 §2.1: `+`, `/` and `=` become `%2B`, `%2F`, `%3D`),
    /// as the app writes it into its QR codes.
    public var uriString: String {
        Self._prefix + "?data=" + PercentEncoding.encode(Base64.encode(serialized()))
    }

    static let _prefix = "otpauth-migration://offline"
}

// MARK: - Reading the URI

extension GoogleMigrationPayload {
    /// Reads an `otpauth-migration://offline?data=…` URI, as scanned from the app's QR code.
    ///
    /// - Spaces, tabs, CR and LF around the text are ignored.
    /// - The scheme and host are compared without regard to case (RFC 3986 §3.1, §3.2.2); an
    ///   empty path (`offline/?data=`) is accepted.
    /// - Query parameters are split at `&`; `data` must appear exactly once; others are
    ///   ignored. Its value is percent-decoded once (RFC 3986 §2.1; `+` stays a plus, which
    ///   Base64 needs), then read as Base64 with or without padding, in the RFC 4648 §4 or §5
    ///   alphabet.
    ///
    /// - Throws: `GoogleMigrationError`; never traps, whatever the text.
    public init(parsing text: String) throws(GoogleMigrationError) {
        let utf8 = text.utf8
        guard utf8.count <= Self.maximumURIByteCount else {
            throw .tooLarge(byteCount: utf8.count, limit: Self.maximumURIByteCount)
        }
        var all = Array(utf8)[...]
        while let first = all.first, _isSpace(first) { all = all.dropFirst() }
        while let last = all.last, _isSpace(last) { all = all.dropLast() }

        let prefix = Array(Self._prefix.utf8)
        guard all.count >= prefix.count, _equalsIgnoringASCIICase(all.prefix(prefix.count), prefix) else {
            throw .notMigrationURI
        }
        var rest = all.dropFirst(prefix.count)
        if rest.first == UInt8(ascii: "/") { rest = rest.dropFirst() }
        guard let question = rest.first, question == UInt8(ascii: "?") else {
            // Anything but the query after the host: another host (`offline2`), or no query.
            if rest.isEmpty { throw .missingData }
            throw .notMigrationURI
        }
        var data: ArraySlice<UInt8>? = nil
        for parameter in rest.dropFirst().split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = parameter.firstIndex(of: UInt8(ascii: "=")) ?? parameter.endIndex
            guard parameter[..<equals].elementsEqual("data".utf8) else { continue }
            guard data == nil else { throw .duplicateData }
            data = equals < parameter.endIndex ? parameter[(equals + 1)...] : parameter[equals...]
        }
        guard let data, !data.isEmpty else { throw .missingData }
        let decodedText: String
        do {
            decodedText = try PercentEncoding.decode(String(decoding: data, as: UTF8.self))
        } catch {
            throw .invalidEncoding(error)
        }
        let bytes: [UInt8]
        do {
            bytes = try Base64.decode(decodedText.utf8)
        } catch {
            throw .invalidBase64(position: error.position)
        }
        try self.init(decoding: bytes)
    }
}

@inline(__always)
private func _isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
}

/// Whether two ASCII byte sequences are equal when letters are compared without case.
private func _equalsIgnoringASCIICase(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) {
        let lx = x >= 0x41 && x <= 0x5A ? x | 0x20 : x
        let ly = y >= 0x41 && y <= 0x5A ? y | 0x20 : y
        if lx != ly { return false }
    }
    return true
}
