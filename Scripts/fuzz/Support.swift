// Support.swift
// Compiled into every fuzz target (Scripts/fuzz.sh): reading typed values off the front of
// libFuzzer's input, and stopping loudly when a property does not hold.

/// Stops the run with `message` when `condition` is false.
///
/// `fatalError` (not `precondition`, whose message an optimised build drops) so that the
/// broken property is printed above libFuzzer's crash report, and libFuzzer saves the input.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("property failed: " + message()) }
}

/// The fuzz input as a stream: fixed-size values from the front, the remaining bytes as data.
/// Reading past the end gives zeros, so every input, even an empty one, is a valid test.
struct FuzzInput {
    private var bytes: ArraySlice<UInt8>

    init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = ArraySlice(UnsafeBufferPointer(start: data, count: size))
    }

    var isEmpty: Bool { bytes.isEmpty }

    mutating func byte() -> UInt8 {
        bytes.popFirst() ?? 0
    }

    mutating func bool() -> Bool {
        byte() & 1 == 1
    }

    /// A little-endian 16-bit value.
    mutating func uint16() -> UInt16 {
        UInt16(byte()) | UInt16(byte()) << 8
    }

    /// A little-endian 64-bit value.
    mutating func uint64() -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { value |= UInt64(byte()) << UInt64(shift) }
        return value
    }

    /// Up to `count` bytes (fewer when the input runs out).
    mutating func bytes(_ count: Int) -> [UInt8] {
        let taken = bytes.prefix(count)
        bytes = bytes.dropFirst(taken.count)
        return Array(taken)
    }

    /// Everything not read yet.
    mutating func rest() -> [UInt8] {
        defer { bytes = bytes[bytes.endIndex...] }
        return Array(bytes)
    }
}

/// The whole input as a byte array.
func inputBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// The bytes as text, invalid UTF-8 repaired with U+FFFD (as a `String` from a socket would be).
func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}

/// Whether a message meant for a log line or a terminal is safe there: no C0 or C1 control
/// character (a CR or LF would forge a log line, an ESC or CSI would drive the terminal) and a
/// bounded length (a pasted megabyte must not flood the log). Tab and DEL are let through:
/// neither ends a line or starts an escape sequence.
func isSafeLogLine(_ message: String, maximumLength: Int = 600, allowingC1: Bool = false) -> Bool {
    var count = 0
    for scalar in message.unicodeScalars {
        if (scalar.value < 0x20 && scalar != "\t") || (!allowingC1 && (0x80...0x9F).contains(scalar.value)) { return false }
        count += 1
    }
    return count <= maximumLength
}

/// SplitMix64 (Steele, Lea and Flood 2014): a deterministic generator seeded from the input, for
/// library functions that take `inout some RandomNumberGenerator`.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
