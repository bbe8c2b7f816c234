import OTPCrypto
import Testing

/// Checks, for every message length up to `maxLength`, that absorbing the message in two
/// chunks split at every offset (or appending the second at finalization), byte by byte,
/// and with a digest taken part-way, all give the one-shot digest. Returns a description of each disagreement.
func streamingDisagreements<H: HashFunction>(_: H.Type, maxLength: Int) -> [String] {
    var problems: [String] = []
    for length in 0...maxLength {
        let message = patternMessage(length)
        let expected = H.hash(message)

        var byteByByte = H()
        for byte in message { byteByByte.update([byte]) }
        if byteByByte.finalize() != expected { problems.append("byte by byte, length \(length)") }

        for split in 0...length {
            var hasher = H()
            hasher.update(message[0..<split])
            var fork = hasher
            _ = fork.finalize()  // a digest part-way must not disturb the state
            // The rest appended at finalization, as HMAC does, without changing the state.
            let appended = message[split...].withUnsafeBytes { hasher.finalize(appending: $0) }
            if appended != expected { problems.append("finalize(appending:) at \(split) of \(length)") }
            hasher.update([UInt8]())  // empty updates change nothing
            hasher.update(message[split...])
            fork.update(message[split...])
            if hasher.finalize() != expected || fork.finalize() != expected {
                problems.append("split at \(split) of \(length)")
            }
        }
    }
    return problems
}

@Suite("Streaming equals one-shot")
struct StreamingTests {
    @Test("every split of every message of 0...300 bytes", arguments: allHashes.map(\.name))
    func everySplit(name: String) {
        let problems = streamingDisagreements(hashType(named: name), maxLength: 300)
        #expect(problems.isEmpty, "\(name): \(problems.prefix(5))")
    }

    @Test("a sequence without contiguous storage hashes like an array")
    func nonContiguousSequence() {
        let message = patternMessage(200)
        let lazy = message.lazy.map { $0 }
        #expect(SHA256.hash(lazy) == SHA256.hash(message))
    }
}
