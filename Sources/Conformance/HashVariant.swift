// HashVariant.swift
// The one place where a hash named by a file (or a section) becomes a generic `HashFunction`.

import OTPCrypto

/// The SHA functions the vector files name.
enum HashVariant: CaseIterable, Sendable {
    case sha1, sha224, sha256, sha384, sha512, sha512_224, sha512_256

    /// The spelling in NIST file names: `SHA512_224ShortMsg.rsp`.
    var nistName: String {
        switch self {
        case .sha1: "SHA1"
        case .sha224: "SHA224"
        case .sha256: "SHA256"
        case .sha384: "SHA384"
        case .sha512: "SHA512"
        case .sha512_224: "SHA512_224"
        case .sha512_256: "SHA512_256"
        }
    }

    /// The FIPS 180-4 name: `SHA-512/224`.
    var displayName: String {
        switch self {
        case .sha1: "SHA-1"
        case .sha224: "SHA-224"
        case .sha256: "SHA-256"
        case .sha384: "SHA-384"
        case .sha512: "SHA-512"
        case .sha512_224: "SHA-512/224"
        case .sha512_256: "SHA-512/256"
        }
    }

    var digestByteCount: Int {
        switch self {
        case .sha1: SHA1.digestByteCount
        case .sha224: SHA224.digestByteCount
        case .sha256: SHA256.digestByteCount
        case .sha384: SHA384.digestByteCount
        case .sha512: SHA512.digestByteCount
        case .sha512_224: SHA512_224.digestByteCount
        case .sha512_256: SHA512_256.digestByteCount
        }
    }

    /// The digest of `message`.
    func hash(_ message: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: _hash(SHA1.self, message)
        case .sha224: _hash(SHA224.self, message)
        case .sha256: _hash(SHA256.self, message)
        case .sha384: _hash(SHA384.self, message)
        case .sha512: _hash(SHA512.self, message)
        case .sha512_224: _hash(SHA512_224.self, message)
        case .sha512_256: _hash(SHA512_256.self, message)
        }
    }

    /// HMAC (FIPS 198-1) of `message` under `key`, full length.
    func hmac(key: [UInt8], message: [UInt8]) -> Digest {
        switch self {
        case .sha1: HMAC<SHA1>.authenticationCode(for: message, key: key)
        case .sha224: HMAC<SHA224>.authenticationCode(for: message, key: key)
        case .sha256: HMAC<SHA256>.authenticationCode(for: message, key: key)
        case .sha384: HMAC<SHA384>.authenticationCode(for: message, key: key)
        case .sha512: HMAC<SHA512>.authenticationCode(for: message, key: key)
        case .sha512_224: HMAC<SHA512_224>.authenticationCode(for: message, key: key)
        case .sha512_256: HMAC<SHA512_256>.authenticationCode(for: message, key: key)
        }
    }

    /// One SHAVS Monte Carlo checkpoint: 1,000 chained hashes starting from `seed`.
    func monteCarloCheckpoint(seed: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: _monteCarloCheckpoint(SHA1.self, seed: seed)
        case .sha224: _monteCarloCheckpoint(SHA224.self, seed: seed)
        case .sha256: _monteCarloCheckpoint(SHA256.self, seed: seed)
        case .sha384: _monteCarloCheckpoint(SHA384.self, seed: seed)
        case .sha512: _monteCarloCheckpoint(SHA512.self, seed: seed)
        case .sha512_224: _monteCarloCheckpoint(SHA512_224.self, seed: seed)
        case .sha512_256: _monteCarloCheckpoint(SHA512_256.self, seed: seed)
        }
    }
}

private func _hash<H: HashFunction>(_: H.Type, _ message: [UInt8]) -> [UInt8] {
    message.withUnsafeBytes { H.hash(bufferPointer: $0) }.bytes
}

/// The SHAVS Monte Carlo inner loop for SHA-1/SHA-2 (the SHAVS document, §6.4; MANIFEST §3):
///
///     MD[0] = MD[1] = MD[2] = seed
///     for i in 3 ... 1002: MD[i] = H(MD[i-3] || MD[i-2] || MD[i-1])
///     return MD[1002]
///
/// The message is never materialised: the three previous values are fed to one hasher in turn,
/// and digests stay `Digest` values (no array per hash).
private func _monteCarloCheckpoint<H: HashFunction>(_: H.Type, seed: [UInt8]) -> [UInt8] {
    var oldest = MonteCarloValue.seed
    var middle = MonteCarloValue.seed
    var newest = MonteCarloValue.seed
    for _ in 3...1002 {
        var hasher = H()
        oldest.feed(to: &hasher, seed: seed)
        middle.feed(to: &hasher, seed: seed)
        newest.feed(to: &hasher, seed: seed)
        oldest = middle
        middle = newest
        newest = .digest(hasher.finalize())
    }
    guard case .digest(let result) = newest else { return seed }
    return result.bytes
}

/// One of the three chaining values: the checkpoint's seed, or a digest computed from it.
private enum MonteCarloValue {
    case seed
    case digest(Digest)

    func feed<H: HashFunction>(to hasher: inout H, seed: [UInt8]) {
        switch self {
        case .seed: seed.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        case .digest(let digest): digest.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
    }
}
