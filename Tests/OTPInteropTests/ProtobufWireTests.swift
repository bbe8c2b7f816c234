// ProtobufWireTests.swift
// The wire-format reader on its own: varints at their limits, each malformation with its typed
// error and offset, and random mutations that must never trap.

@testable import OTPInterop
import OTPCrypto
import Testing

@Suite("Protocol buffers wire format (OTPInterop)")
struct ProtobufWireTests {
    /// Reads every field of `bytes` as the payload reader would.
    static func decode(_ bytes: [UInt8]) throws(GoogleMigrationError) -> GoogleMigrationPayload {
        try GoogleMigrationPayload(decoding: bytes)
    }

    @Test("varints: one to ten bytes, the largest value, non-minimal forms")
    func varints() throws {
        // protobuf.dev "Encoding": 150 is 96 01; 2^64 − 1 is nine 0xff and 01.
        let cases: [([UInt8], UInt64)] = [
            ([0x00], 0), ([0x01], 1), ([0x7f], 127), ([0x96, 0x01], 150), ([0x80, 0x01], 128),
            ([0xff, 0xff, 0xff, 0xff, 0x0f], 0xFFFF_FFFF),
            ([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], UInt64.max),
            ([0x80, 0x80, 0x00], 0),
        ]
        for (bytes, value) in cases {
            var reader = ProtobufReader(bytes)
            #expect(try reader.readVarint() == value)
            #expect(reader.isAtEnd)
            var writer = ProtobufWriter()
            writer.writeVarint(value)
            if bytes.count == 1 || bytes.last != 0 { #expect(writer.bytes == bytes) }
        }
        // Ten bytes whose last carries more than bit 63, and eleven bytes.
        for bytes: [UInt8] in [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02],
                               [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]] {
            var reader = ProtobufReader(bytes)
            #expect(throws: ProtobufError.varintTooLong(offset: 0)) { try reader.readVarint() }
        }
        var truncated = ProtobufReader([0x96])
        #expect(throws: ProtobufError.truncatedVarint(offset: 0)) { try truncated.readVarint() }
    }

    @Test("int32 fields: a negative value takes ten bytes and reads back")
    func negativeInt32() throws {
        var writer = ProtobufWriter()
        writer.writeInt32Field(5, -1)
        #expect(writer.bytes == [0x28, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
        #expect(try Self.decode(writer.bytes).batchID == -1)
        // An int32 written as a 5-byte varint (only the low 32 bits set) reads the same.
        #expect(try Self.decode([0x28, 0xff, 0xff, 0xff, 0xff, 0x0f]).batchID == -1)
    }

    @Test("each malformation gives its typed error with the offset")
    func malformations() {
        // 0a 05 0a 03 01 02 03: an account with a 3-byte secret; offsets count from the payload.
        let cases: [([UInt8], ProtobufError)] = [
            ([0x10], .truncatedVarint(offset: 1)),                         // version without value
            ([0x10, 0x80], .truncatedVarint(offset: 1)),
            ([0x90], .truncatedVarint(offset: 0)),                         // a tag cut off
            ([0x0a, 0x05, 0x0a], .lengthPastEnd(field: 1, offset: 0, length: 5, remaining: 1)),
            ([0x0a, 0x03, 0x0a, 0x05, 0x00], .lengthPastEnd(field: 1, offset: 2, length: 5, remaining: 1)),
            ([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
             .lengthPastEnd(field: 1, offset: 0, length: UInt64.max, remaining: 0)),
            ([0x08, 0x01], .wrongWireType(field: 1, expected: .len, found: .varint, offset: 0)),
            ([0x12, 0x00], .wrongWireType(field: 2, expected: .varint, found: .len, offset: 0)),
            ([0x0a, 0x02, 0x10, 0x01], .wrongWireType(field: 2, expected: .len, found: .varint, offset: 2)),
            ([0x0a, 0x02, 0x12, 0x01], .lengthPastEnd(field: 2, offset: 2, length: 1, remaining: 0)),
            ([0x0a, 0x03, 0x12, 0x01, 0xff], .invalidUTF8(field: 2, offset: 2)),
            ([0x0a, 0x03, 0x1a, 0x01, 0xc0], .invalidUTF8(field: 3, offset: 2)),
            ([0x00, 0x00], .invalidFieldNumber(offset: 0)),
            ([0x07], .invalidFieldNumber(offset: 0)),
            ([0x80, 0x80, 0x80, 0x80, 0x80, 0x01], .invalidFieldNumber(offset: 0)),  // field 2^32
            ([0x0e], .invalidWireType(6, offset: 0)),
            ([0x0f], .invalidWireType(7, offset: 0)),
            ([0x0b, 0x0c], .unsupportedGroup(field: 1, offset: 0)),
            ([0x0c], .unsupportedGroup(field: 1, offset: 0)),
            ([0x31, 0x00, 0x00], .truncatedFixed(field: 6, offset: 0)),
            ([0x35, 0x00], .truncatedFixed(field: 6, offset: 0)),
            ([0x15, 0x00, 0x00, 0x00, 0x00], .wrongWireType(field: 2, expected: .varint, found: .i32, offset: 0)),
        ]
        for (bytes, error) in cases {
            #expect(throws: GoogleMigrationError.malformedPayload(error), "\(bytes)") { try Self.decode(bytes) }
        }
    }

    @Test("unknown fields of every skippable wire type are skipped; the last value of a field wins")
    func skipping() throws {
        let bytes: [UInt8] = [
            0x30, 0x05,                                      // field 6 varint
            0x39, 1, 2, 3, 4, 5, 6, 7, 8,                    // field 7 I64
            0x45, 1, 2, 3, 4,                                // field 8 I32
            0x4a, 0x02, 0xff, 0xff,                          // field 9 LEN (not UTF-8: never read)
            0x10, 0x01, 0x10, 0x02,                          // version twice: 2 wins
            0xfa, 0xff, 0xff, 0xff, 0x0f, 0x00,              // field 2^29 − 1, LEN, empty
        ]
        let payload = try Self.decode(bytes)
        #expect(payload.version == 2)
        #expect(payload.accounts.isEmpty)
    }

    @Test("10,000 random mutations of a valid payload: a typed error or a payload, never a trap")
    func mutations() throws {
        var writer = ProtobufWriter()
        var account = ProtobufWriter()
        account.writeBytesField(1, [UInt8](repeating: 0x5a, count: 20))
        account.writeBytesField(2, "Example:alice@example.com".utf8)
        account.writeBytesField(3, "Example".utf8)
        account.writeInt32Field(4, 1)
        account.writeInt32Field(5, 1)
        account.writeInt32Field(6, 1)
        account.writeVarintField(7, 123_456)
        writer.writeBytesField(1, account.bytes)
        writer.writeBytesField(1, account.bytes)
        writer.writeInt32Field(2, 1)
        writer.writeInt32Field(3, 1)
        writer.writeInt32Field(4, 0)
        writer.writeInt32Field(5, -7)
        let original = writer.bytes
        _ = try Self.decode(original)

        var generator = SplitMix64(state: 0x1234_5678)
        var errors = 0, payloads = 0
        for _ in 0..<10_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                switch Int.random(in: 0..<5, using: &generator) {
                case 0 where !bytes.isEmpty:   // flip one bit
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= 1 << UInt8.random(in: 0...7, using: &generator)
                case 1 where !bytes.isEmpty:   // replace a byte
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                case 2:                        // truncate
                    bytes.removeLast(Int.random(in: 0...bytes.count, using: &generator))
                case 3:                        // insert a byte
                    bytes.insert(UInt8.random(in: 0...255, using: &generator), at: Int.random(in: 0...bytes.count, using: &generator))
                default:                       // delete a byte
                    if !bytes.isEmpty { bytes.remove(at: Int.random(in: 0..<bytes.count, using: &generator)) }
                }
            }
            do {
                let payload = try Self.decode(bytes)
                _ = try? payload.keys()
                _ = payload.serialized()
                payloads += 1
            } catch {
                errors += 1
            }
        }
        // Both outcomes occur, so the mutations reach past the first field.
        #expect(errors > 1_000)
        #expect(payloads > 100)
    }

    @Test("random byte strings: a typed error or a payload, never a trap")
    func randomBytes() {
        var generator = SplitMix64(state: 77)
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? Self.decode(bytes)
        }
    }
}

@Suite("Base64 (RFC 4648 §4) in OTPInterop")
struct Base64Tests {
    @Test("RFC 4648 §10 test vectors, both ways")
    func rfcVectors() throws {
        let vectors = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                       ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(try Base64.decode(Array(encoded.utf8)) == Array(plain.utf8))
            // Without padding too.
            #expect(try Base64.decode(Array(encoded.utf8.filter { $0 != UInt8(ascii: "=") })) == Array(plain.utf8))
        }
    }

    @Test("the URL-safe alphabet (RFC 4648 §5) decodes to the same bytes")
    func urlSafe() throws {
        #expect(try Base64.decode(Array("-_-_".utf8)) == [0xfb, 0xff, 0xbf])
        #expect(try Base64.decode(Array("+/+/".utf8)) == [0xfb, 0xff, 0xbf])
    }

    @Test("errors name the first position that does not fit")
    func errors() {
        let cases: [(String, Int)] = [("Zg=", 3), ("Z", 0), ("Zg===", 4), ("=Zg", 0), ("Z=g=", 1),
                                      ("Zm9v!", 4), ("Zg==Zg==", 4), ("Zm9=v", 4), ("Zm9vY", 4)]
        for (text, position) in cases {
            #expect(throws: Base64Failure(position: position), "\(text)") { try Base64.decode(Array(text.utf8)) }
        }
    }
}
