// ProtobufWire.swift
// The protocol buffers wire format, as much of it as the Google Authenticator migration payload
// needs: varints, length-delimited fields, and skipping any other field. Facts from the
// Protocol Buffers documentation, "Encoding" (protobuf.dev/programming-guides/encoding/).

/// The wire type in the low three bits of a field's tag (protobuf "Encoding", Message Structure:
/// `tag = (field_number << 3) | wire_type`).
public enum ProtobufWireType: UInt8, Sendable, Equatable {
    /// A base-128 varint: int32, int64, uint32, uint64, sint32, sint64, bool, enum.
    case varint = 0
    /// Eight little-endian bytes: fixed64, sfixed64, double.
    case i64 = 1
    /// A varint length, then that many bytes: string, bytes, embedded messages, packed repeated.
    case len = 2
    /// Start of a group (deprecated in proto3, unused by the migration payload).
    case startGroup = 3
    /// End of a group (deprecated).
    case endGroup = 4
    /// Four little-endian bytes: fixed32, sfixed32, float.
    case i32 = 5
}

/// Why bytes are not a well-formed protocol buffers message. Every offset is a 0-based index
/// into the whole payload (for a field inside an embedded message too), pointing at the first
/// byte of the element at fault.
public enum ProtobufError: Error, Equatable, Sendable {
    /// A varint runs into the end of its message: its last byte still has the continuation bit
    /// (0x80) set (protobuf "Encoding", Base 128 Varints).
    case truncatedVarint(offset: Int)
    /// A varint longer than ten bytes, or whose tenth byte carries bits beyond 64: no 64-bit
    /// value is encoded like that ("Encoding": varints are at most 10 bytes).
    case varintTooLong(offset: Int)
    /// A tag whose field number is 0 or above 2^29 − 1, the range the Language Guide allows
    /// ("Assigning Field Numbers": 1 to 536,870,911).
    case invalidFieldNumber(offset: Int)
    /// A tag whose wire type is 6 or 7, which the format does not define.
    case invalidWireType(UInt8, offset: Int)
    /// A group (wire type 3 or 4). Groups are deprecated and this reader does not skip them.
    case unsupportedGroup(field: Int, offset: Int)
    /// A fixed-size value (I32 or I64) runs past the end of its message.
    case truncatedFixed(field: Int, offset: Int)
    /// A length-delimited field claims more bytes than remain in its message.
    case lengthPastEnd(field: Int, offset: Int, length: UInt64, remaining: Int)
    /// A field the reader knows arrives with another wire type than its declared type has
    /// (for example a `string` field sent as a varint).
    case wrongWireType(field: Int, expected: ProtobufWireType, found: ProtobufWireType, offset: Int)
    /// A `string` field whose bytes are not UTF-8 (the Language Guide, Scalar Value Types:
    /// "A string must always contain UTF-8 encoded or 7-bit ASCII text").
    case invalidUTF8(field: Int, offset: Int)
}

extension ProtobufError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .truncatedVarint(let offset):
            "the varint at byte \(offset) is cut off by the end of its message"
        case .varintTooLong(let offset):
            "the varint at byte \(offset) is longer than 10 bytes or exceeds 64 bits"
        case .invalidFieldNumber(let offset):
            "the tag at byte \(offset) has field number 0 or one above 536870911"
        case .invalidWireType(let type, let offset):
            "the tag at byte \(offset) has wire type \(type), which protocol buffers does not define"
        case .unsupportedGroup(let field, let offset):
            "field \(field) at byte \(offset) is a group (wire type 3 or 4), which is not supported"
        case .truncatedFixed(let field, let offset):
            "the fixed-size value of field \(field) at byte \(offset) is cut off by the end of its message"
        case .lengthPastEnd(let field, let offset, let length, let remaining):
            "field \(field) at byte \(offset) claims \(length) bytes, but only \(remaining) remain"
        case .wrongWireType(let field, let expected, let found, let offset):
            "field \(field) at byte \(offset) has wire type \(found.rawValue), expected \(expected.rawValue)"
        case .invalidUTF8(let field, let offset):
            "the string in field \(field) at byte \(offset) is not UTF-8"
        }
    }
}

// MARK: - Reading

/// One field read from a message: its number, where its tag starts, and its value.
struct ProtobufField {
    enum Value {
        case varint(UInt64)
        case i64(UInt64)
        case i32(UInt32)
        /// The bounds of the field's bytes in the payload.
        case len(Range<Int>)
    }

    var number: Int
    /// The offset of the field's tag.
    var offset: Int
    var value: Value

    var wireType: ProtobufWireType {
        switch value {
        case .varint: .varint
        case .i64: .i64
        case .i32: .i32
        case .len: .len
        }
    }

    /// The value of a varint field (int32, int64, enum, ...).
    func varint() throws(ProtobufError) -> UInt64 {
        guard case .varint(let value) = value else { throw wrongType(.varint) }
        return value
    }

    /// An int32 or enum field: protobuf "Encoding", Signed Integers: a negative int32 is written
    /// as its 64-bit sign extension, and a parser keeps the low 32 bits ("if a varint is parsed
    /// into a 32-bit field, it is truncated"); so the low 32 bits, as a two's complement value.
    func int32() throws(ProtobufError) -> Int32 {
        Int32(truncatingIfNeeded: try varint())
    }

    /// An int64 field: the 64 bits as two's complement.
    func int64() throws(ProtobufError) -> Int64 {
        Int64(bitPattern: try varint())
    }

    /// The bounds of a length-delimited field (bytes, string, embedded message).
    func lengthDelimited() throws(ProtobufError) -> Range<Int> {
        guard case .len(let range) = value else { throw wrongType(.len) }
        return range
    }

    func wrongType(_ expected: ProtobufWireType) -> ProtobufError {
        .wrongWireType(field: number, expected: expected, found: wireType, offset: offset)
    }
}

/// Reads the fields of one message, in order, from `bytes[range]`. Never traps: every read is
/// checked against the end of the message, and lengths are compared before any arithmetic on
/// them.
struct ProtobufReader {
    let bytes: [UInt8]
    private(set) var offset: Int
    let end: Int

    /// A reader for the message in `bytes[range]` (the whole array by default).
    init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        let bounds = range ?? 0..<bytes.count
        offset = bounds.lowerBound
        end = bounds.upperBound
    }

    /// Whether every byte of the message has been read.
    var isAtEnd: Bool { offset >= end }

    /// A base-128 varint: seven bits a byte, least significant group first, the high bit set on
    /// every byte but the last (protobuf "Encoding", Base 128 Varints). Non-minimal forms
    /// (`0x80 0x00` for 0) are accepted, as protobuf parsers accept them.
    mutating func readVarint() throws(ProtobufError) -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else { throw .truncatedVarint(offset: start) }
            let byte = bytes[offset]
            offset += 1
            // The tenth byte holds bit 63 only; anything more does not fit in 64 bits.
            if shift == 63 && byte > 1 { throw .varintTooLong(offset: start) }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
            if shift > 63 { throw .varintTooLong(offset: start) }
        }
    }

    /// The next field, or nil at the end of the message. Groups and undefined wire types are
    /// errors; every other field is read whole, so a caller skips a field by ignoring it
    /// (protobuf "Encoding": unknown fields are skipped by their wire type).
    mutating func nextField() throws(ProtobufError) -> ProtobufField? {
        guard offset < end else { return nil }
        let tagOffset = offset
        let tag = try readVarint()
        let wireValue = UInt8(truncatingIfNeeded: tag & 0x07)
        let number = tag >> 3
        guard number >= 1, number <= 536_870_911 else { throw .invalidFieldNumber(offset: tagOffset) }
        let field = Int(number)
        guard let wireType = ProtobufWireType(rawValue: wireValue) else {
            throw .invalidWireType(wireValue, offset: tagOffset)
        }
        let value: ProtobufField.Value
        switch wireType {
        case .varint:
            value = .varint(try readVarint())
        case .i64:
            guard end - offset >= 8 else { throw .truncatedFixed(field: field, offset: tagOffset) }
            var raw: UInt64 = 0
            for index in 0..<8 { raw |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
            offset += 8
            value = .i64(raw)
        case .i32:
            guard end - offset >= 4 else { throw .truncatedFixed(field: field, offset: tagOffset) }
            var raw: UInt32 = 0
            for index in 0..<4 { raw |= UInt32(bytes[offset + index]) << UInt32(8 * index) }
            offset += 4
            value = .i32(raw)
        case .len:
            let length = try readVarint()
            let remaining = end - offset
            guard length <= UInt64(remaining) else {
                throw .lengthPastEnd(field: field, offset: tagOffset, length: length, remaining: remaining)
            }
            let start = offset
            offset += Int(length)
            value = .len(start..<offset)
        case .startGroup, .endGroup:
            throw .unsupportedGroup(field: field, offset: tagOffset)
        }
        return ProtobufField(number: field, offset: tagOffset, value: value)
    }

    /// The bytes of a length-delimited field.
    func bytes(of field: ProtobufField) throws(ProtobufError) -> [UInt8] {
        Array(bytes[try field.lengthDelimited()])
    }

    /// The text of a `string` field, which must be UTF-8.
    func string(of field: ProtobufField) throws(ProtobufError) -> String {
        guard let text = String(validating: bytes[try field.lengthDelimited()], as: UTF8.self) else {
            throw .invalidUTF8(field: field.number, offset: field.offset)
        }
        return text
    }
}

// MARK: - Writing

/// Writes a message field by field, in the order the calls come.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    /// A base-128 varint, least significant seven bits first.
    mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    /// A tag: `(field_number << 3) | wire_type`. `field` must be 1 to 2^29 − 1.
    mutating func writeTag(_ field: Int, _ wireType: ProtobufWireType) {
        writeVarint(UInt64(truncatingIfNeeded: field) << 3 | UInt64(wireType.rawValue))
    }

    /// A varint field holding `value` (uint64, or the bits of an int64).
    mutating func writeVarintField(_ field: Int, _ value: UInt64) {
        writeTag(field, .varint)
        writeVarint(value)
    }

    /// An int32 or enum field: a negative value is sign-extended to 64 bits, so it takes ten
    /// bytes (protobuf "Encoding", Signed Integers).
    mutating func writeInt32Field(_ field: Int, _ value: Int32) {
        writeVarintField(field, UInt64(bitPattern: Int64(value)))
    }

    /// A length-delimited field: bytes, a string's UTF-8, or an embedded message.
    mutating func writeBytesField(_ field: Int, _ value: some Collection<UInt8>) {
        writeTag(field, .len)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }
}
