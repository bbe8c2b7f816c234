/// Key material: the bytes of an HMAC or OTP secret.
///
/// Equality is constant-time, and neither `description` nor `debugDescription` ever shows the
/// bytes, only their count, so a secret that reaches a log line or an error stays secret.
public struct SecretBytes: Sendable {
    @usableFromInline let _bytes: [UInt8]

    /// Wraps `bytes` as a secret.
    public init(_ bytes: some Sequence<UInt8>) {
        _bytes = Array(bytes)
    }

    /// The number of bytes (the length of a secret is not treated as secret).
    public var count: Int { _bytes.count }

    /// Whether there are no bytes.
    public var isEmpty: Bool { _bytes.isEmpty }

    /// Calls `body` with the secret bytes. Do not let them escape into logs or messages.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let result = _bytes.withUnsafeBytes { raw in
            Result { () throws(E) -> R in try body(raw) }
        }
        return try result.get()
    }

    /// A copy of the secret bytes, for encoding them where the user asked to see them
    /// (a provisioning URI, an export).
    public var revealed: [UInt8] { _bytes }
}

extension SecretBytes: Equatable {
    /// Constant-time equality (the lengths are compared with a branch).
    public static func == (lhs: SecretBytes, rhs: SecretBytes) -> Bool {
        constantTimeEqual(lhs._bytes, rhs._bytes)
    }
}

extension SecretBytes: CustomStringConvertible, CustomDebugStringConvertible {
    /// `SecretBytes(20 bytes, redacted)`: never the bytes themselves.
    public var description: String { "SecretBytes(\(count) bytes, redacted)" }
    public var debugDescription: String { description }
}

/// Overwrites `buffer` with zeros so that key-derived bytes do not outlive their use on the
/// stack. Never inlined and never optimised: an optimiser would otherwise remove the writes as
/// dead stores, since nothing reads the buffer again. (Copies Swift made elsewhere — in
/// registers, or of a `[UInt8]` before it reached `SecretBytes` — are beyond its reach; see
/// SECURITY.md.)
@usableFromInline @inline(never) @_optimize(none)
func _wipe(_ buffer: UnsafeMutableRawBufferPointer) {
    // A `while` loop, not `for … in 0..<count`: unoptimised, a `for` loop runs the generic
    // `IndexingIterator<Range<Int>>`, whose metadata the runtime builds on first use, which
    // was a fifth of the start-up of `otp code` (700,000 instructions under callgrind).
    var index = 0
    while index < buffer.count {
        buffer[index] = 0
        index += 1
    }
}
