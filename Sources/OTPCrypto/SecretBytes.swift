/// Key material: the bytes of an HMAC or OTP secret.
///
/// Equality is constant-time, and neither `description` nor `debugDescription` ever shows the
/// bytes, only their count, so a secret that reaches a log line or an error stays secret. The
/// bytes live in one buffer of their own, shared by every copy of the value and overwritten
/// with zeros when the last copy is released.
public struct SecretBytes: Sendable {
    @usableFromInline let _storage: _SecretStorage

    /// Copies `bytes` into a new buffer. The caller's own copy (an array, a string's UTF-8)
    /// is not the library's to clear.
    public init(_ bytes: some Sequence<UInt8>) {
        let copied = bytes.withContiguousStorageIfAvailable { _SecretStorage(copying: UnsafeRawBufferPointer($0)) }
        if let copied {
            _storage = copied
        } else {
            // A sequence without contiguous storage is gathered into an array made here (so
            // not shared with anyone), which is cleared once copied.
            var gathered = Array(bytes)
            _storage = gathered.withUnsafeBytes { _SecretStorage(copying: $0) }
            gathered.withUnsafeMutableBytes { _wipe($0) }
        }
    }

    /// The number of bytes (the length of a secret is not treated as secret).
    public var count: Int { _storage.buffer.count }

    /// Whether there are no bytes.
    public var isEmpty: Bool { _storage.buffer.isEmpty }

    /// Calls `body` with the secret bytes. Do not let them escape into logs or messages.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        // Inlined into a caller, nothing else would keep the storage alive while `body` runs:
        // the value's last use is reading the pointer, and its buffer could be cleared and
        // freed before `body` reads it (found by the `verifier` fuzz target).
        try withExtendedLifetime(_storage) { () throws(E) -> R in
            try body(UnsafeRawBufferPointer(_storage.buffer))
        }
    }

    /// A copy of the secret bytes, for encoding them where the user asked to see them
    /// (a provisioning URI, an export). The copy is an ordinary array: it is not cleared.
    public var revealed: [UInt8] { Array(_storage.buffer) }
}

/// The buffer behind `SecretBytes`: allocated for the secret alone, never resized or handed
/// out, and zeroed by `_wipe` before it is freed. Immutable after `init`, hence `Sendable`.
@usableFromInline
final class _SecretStorage: @unchecked Sendable {
    @usableFromInline let buffer: UnsafeMutableRawBufferPointer

    init(copying bytes: UnsafeRawBufferPointer) {
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        buffer.copyBytes(from: bytes)
    }

    deinit {
        _wipe(buffer)
        buffer.deallocate()
    }
}

extension SecretBytes: Equatable {
    /// Constant-time equality (the lengths are compared with a branch).
    public static func == (lhs: SecretBytes, rhs: SecretBytes) -> Bool {
        constantTimeEqual(UnsafeRawBufferPointer(lhs._storage.buffer), UnsafeRawBufferPointer(rhs._storage.buffer))
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
