// Checker.swift
// The Swift half of Scripts/differential.py: reads cases and the values an independent
// implementation computed for them (Python's hashlib/hmac, which use OpenSSL, and oathtool)
// from standard input, recomputes each with swift-otp, and reports every disagreement.
//
// Built by differential.py with swiftc -O against the library modules (no SwiftPM product).
// The stream is little-endian binary, one record after another:
//
//   'H' hash record
//       u32 case number, u16 key length, key, u32 message length, message,
//       u16 chunk count, each chunk u32 (low 24 bits: size; bit 24: pass it through
//       update(_: some Sequence) as an ArraySlice; bit 25: as a non-contiguous sequence),
//       u16 part-way chunk index (0xFFFF: none), u8 part-way algorithm,
//       then for each algorithm in `Algorithm` order: its digest, then its HMAC tag,
//       then, when part-way is set, the digest and tag of the message up to that chunk.
//   'O' OTP record
//       u32 case number, u8 mode (0 HOTP, 1 TOTP), u8 algorithm (0 SHA-1, 1 SHA-256,
//       2 SHA-512), u8 digits, u16 secret length, secret, u64 counter or time, u64 period,
//       u64 T0, u8 reference (0 oathtool, 1 Python), u8 code length (0: an error is
//       expected), code.
//   'E' end: u64 number of records sent.
//
// Exit status: 0 when every value agrees and the end record counts what was read, 1 on any
// disagreement, 2 on a malformed stream.

import Glibc
import OTP
import OTPCrypto

@main
struct Checker {
    static func main() {
        var reader = StreamReader()
        var tally = Tally()
        while true {
            switch reader.u8() {
            case UInt8(ascii: "H"): checkHashRecord(&reader, &tally)
            case UInt8(ascii: "O"): checkOTPRecord(&reader, &tally)
            case UInt8(ascii: "E"):
                let sent = reader.u64()
                guard sent == UInt64(tally.records) else {
                    fail("the stream announced \(sent) records, \(tally.records) were read")
                }
                tally.printSummary()
                exit(tally.mismatches == 0 ? 0 : 1)
            default:
                fail("unexpected record type after \(tally.records) records")
            }
        }
    }
}

// MARK: - Hashes and HMAC

/// Every hash of FIPS 180-4 that OTPCrypto implements, in the order of the stream.
enum Algorithm: Int, CaseIterable {
    case sha1, sha224, sha256, sha384, sha512, sha512_224, sha512_256

    var name: String {
        ["SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512", "SHA-512/224", "SHA-512/256"][rawValue]
    }

    var digestByteCount: Int { [20, 28, 32, 48, 64, 28, 32][rawValue] }

    /// The digest and the HMAC tag of `message` under `key`, fed in `chunks`, and the pair for
    /// the message up to chunk `partWay` (taken with finalize() without stopping the stream).
    func compute(key: [UInt8], message: [UInt8], chunks: [UInt32], partWay: Int?) -> Computed {
        switch self {
        case .sha1: run(SHA1.self, key: key, message: message, chunks: chunks, partWay: partWay)
        case .sha224: run(SHA224.self, key: key, message: message, chunks: chunks, partWay: partWay)
        case .sha256: run(SHA256.self, key: key, message: message, chunks: chunks, partWay: partWay)
        case .sha384: run(SHA384.self, key: key, message: message, chunks: chunks, partWay: partWay)
        case .sha512: run(SHA512.self, key: key, message: message, chunks: chunks, partWay: partWay)
        case .sha512_224: run(SHA512_224.self, key: key, message: message, chunks: chunks, partWay: partWay)
        case .sha512_256: run(SHA512_256.self, key: key, message: message, chunks: chunks, partWay: partWay)
        }
    }

    /// The digest and tag in one call each (`hash(_:)`, `authenticationCode(for:key:)`).
    func oneShot(key: [UInt8], message: [UInt8]) -> (digest: Digest, tag: Digest) {
        switch self {
        case .sha1: (SHA1.hash(message), HMAC<SHA1>.authenticationCode(for: message, key: key))
        case .sha224: (SHA224.hash(message), HMAC<SHA224>.authenticationCode(for: message, key: key))
        case .sha256: (SHA256.hash(message), HMAC<SHA256>.authenticationCode(for: message, key: key))
        case .sha384: (SHA384.hash(message), HMAC<SHA384>.authenticationCode(for: message, key: key))
        case .sha512: (SHA512.hash(message), HMAC<SHA512>.authenticationCode(for: message, key: key))
        case .sha512_224: (SHA512_224.hash(message), HMAC<SHA512_224>.authenticationCode(for: message, key: key))
        case .sha512_256: (SHA512_256.hash(message), HMAC<SHA512_256>.authenticationCode(for: message, key: key))
        }
    }
}

/// What one algorithm computed for one case.
struct Computed {
    var digest: Digest
    var tag: Digest
    /// The digest and tag taken part-way, when asked for.
    var early: (Digest, Digest)?
}

/// Streams the message through a hash and an HMAC in the given chunks, through the three
/// update entry points the chunk flags choose.
func run<H: HashFunction>(
    _: H.Type, key: [UInt8], message: [UInt8], chunks: [UInt32], partWay: Int?
) -> Computed {
    var hash = H()
    // Both ways of keying: from bytes, and from SecretBytes (the path HOTP and TOTP take).
    var mac = message.count % 2 == 0 ? HMAC<H>(key: key) : HMAC<H>(key: SecretBytes(key))
    var early: (Digest, Digest)? = nil
    var offset = 0
    message.withUnsafeBytes { raw in
        for (index, chunk) in chunks.enumerated() {
            let size = Int(chunk & 0xFF_FFFF)
            let range = offset..<(offset + size)
            if chunk & (1 << 24) != 0 {
                hash.update(message[range])
                mac.update(message[range])
            } else if chunk & (1 << 25) != 0 {
                hash.update(message[range].lazy.map { $0 })
                mac.update(message[range].lazy.map { $0 })
            } else {
                let part = UnsafeRawBufferPointer(rebasing: raw[range])
                hash.update(bufferPointer: part)
                mac.update(bufferPointer: part)
            }
            offset += size
            if index == partWay { early = (hash.finalize(), mac.finalize()) }
        }
    }
    return Computed(digest: hash.finalize(), tag: mac.finalize(), early: early)
}

func checkHashRecord(_ reader: inout StreamReader, _ tally: inout Tally) {
    let number = reader.u32()
    let key = reader.bytes(Int(reader.u16()))
    let message = reader.bytes(Int(reader.u32()))
    let chunks = (0..<Int(reader.u16())).map { _ in reader.u32() }
    guard chunks.reduce(0, { $0 + Int($1 & 0xFF_FFFF) }) == message.count else {
        fail("case \(number): the chunks do not add up to the message length")
    }
    let partWayIndex = reader.u16()
    let partWay = partWayIndex == 0xFFFF ? nil : Int(partWayIndex)
    let partWayAlgorithm = Algorithm(rawValue: Int(reader.u8()))
    tally.records += 1
    tally.hashCases += 1
    tally.bytesHashed += message.count

    func describe(_ what: String, _ algorithm: Algorithm) -> String {
        let shown = message.count <= 64 ? " message \(hex(message))" : ""
        return "case \(number) \(what) \(algorithm.name): key \(key.count) bytes, message \(message.count) bytes in \(chunks.count) chunks\(shown)"
    }
    var early: (Digest, Digest)? = nil
    for algorithm in Algorithm.allCases {
        let expectedDigest = reader.bytes(algorithm.digestByteCount)
        let expectedTag = reader.bytes(algorithm.digestByteCount)
        let computed = algorithm.compute(
            key: key, message: message, chunks: chunks, partWay: algorithm == partWayAlgorithm ? partWay : nil)
        tally.compare(computed.digest.bytes, expectedDigest, describe("hash", algorithm))
        tally.compare(computed.tag.bytes, expectedTag, describe("HMAC", algorithm))
        // Every 16th case also through the one-call forms.
        if number % 16 == 0 {
            let (digest, tag) = algorithm.oneShot(key: key, message: message)
            tally.compare(digest.bytes, expectedDigest, describe("one-shot hash", algorithm))
            tally.compare(tag.bytes, expectedTag, describe("one-shot HMAC", algorithm))
        }
        if algorithm == partWayAlgorithm, partWay != nil { early = computed.early }
    }
    if let partWayAlgorithm, partWay != nil {
        let expectedDigest = reader.bytes(partWayAlgorithm.digestByteCount)
        let expectedTag = reader.bytes(partWayAlgorithm.digestByteCount)
        guard let (digest, tag) = early else { fail("case \(number): part-way index beyond the chunks") }
        tally.compare(digest.bytes, expectedDigest, describe("part-way hash", partWayAlgorithm))
        tally.compare(tag.bytes, expectedTag, describe("part-way HMAC", partWayAlgorithm))
    }
}

// MARK: - HOTP and TOTP

func checkOTPRecord(_ reader: inout StreamReader, _ tally: inout Tally) {
    let number = reader.u32()
    let isTOTP = reader.u8() == 1
    let algorithm = HashAlgorithm.allCases[Int(reader.u8()) % 3]
    let digits = Int(reader.u8())
    let secret = SecretBytes(reader.bytes(Int(reader.u16())))
    let value = reader.u64(), period = reader.u64(), t0 = reader.u64()
    let reference = reader.u8() == 0 ? "oathtool" : "Python hmac"
    let expected = reader.bytes(Int(reader.u8()))
    tally.records += 1
    tally.otpCases += 1
    if reference == "oathtool" { tally.oathtoolCases += 1 }

    let got: String
    do {
        if isTOTP {
            got = try TOTP(secret: secret, algorithm: algorithm, digits: digits, period: period, t0: t0).code(at: value)
        } else {
            got = try HOTP(secret: secret, algorithm: algorithm, digits: digits).code(counter: value)
        }
    } catch {
        got = "error"
    }
    let want = expected.isEmpty ? "error" : String(decoding: expected, as: UTF8.self)
    let what = isTOTP
        ? "TOTP \(algorithm.rawValue) digits \(digits) period \(period) T0 \(t0) time \(value)"
        : "HOTP \(algorithm.rawValue) digits \(digits) counter \(value)"
    tally.compare(Array(got.utf8), Array(want.utf8), "case \(number) \(what), secret \(secret.count) bytes, against \(reference)")
}

// MARK: - Bookkeeping

struct Tally {
    var records = 0, hashCases = 0, otpCases = 0, oathtoolCases = 0, comparisons = 0, mismatches = 0
    var bytesHashed = 0

    mutating func compare(_ got: [UInt8], _ expected: [UInt8], _ what: @autoclosure () -> String) {
        comparisons += 1
        guard got != expected else { return }
        mismatches += 1
        if mismatches <= 20 {
            printError("MISMATCH \(what()): expected \(printable(expected)), got \(printable(got))")
        }
    }

    func printSummary() {
        print("swift checker: \(hashCases) hash cases (\(bytesHashed) message bytes, 7 hashes and 7 HMACs each), "
            + "\(otpCases) OTP cases (\(oathtoolCases) against oathtool, \(otpCases - oathtoolCases) against Python hmac); "
            + "\(comparisons) values compared, \(mismatches) mismatches")
    }
}

func printable(_ bytes: [UInt8]) -> String {
    bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) ? String(decoding: bytes, as: UTF8.self) : hex(bytes)
}

func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes { out += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
    return String(decoding: out, as: UTF8.self)
}

func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
    printError("swift checker: malformed stream: " + message)
    exit(2)
}

/// Buffered little-endian reads from standard input.
struct StreamReader {
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    private var start = 0, end = 0

    private mutating func fill(_ count: Int) {
        if end - start >= count { return }
        if start > 0 {
            buffer.replaceSubrange(0..<(end - start), with: buffer[start..<end])
            end -= start
            start = 0
        }
        if buffer.count < count { buffer += [UInt8](repeating: 0, count: count - buffer.count) }
        while end - start < count {
            let got = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress! + end, $0.count - end) }
            if got <= 0 { fail("the stream ended early") }
            end += got
        }
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        fill(count)
        defer { start += count }
        return Array(buffer[start..<(start + count)])
    }

    mutating func u8() -> UInt8 { bytes(1)[0] }
    mutating func u16() -> UInt16 { bytes(2).reversed().reduce(0) { $0 << 8 | UInt16($1) } }
    mutating func u32() -> UInt32 { bytes(4).reversed().reduce(0) { $0 << 8 | UInt32($1) } }
    mutating func u64() -> UInt64 { bytes(8).reversed().reduce(0) { $0 << 8 | UInt64($1) } }
}
