import OTPCrypto

/// Lower- or upper-case hex to bytes, for expected values written in tests.
func hex(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    var pending: UInt8? = nil
    for c in text.utf8 {
        let v: UInt8
        switch c {
        case 0x30...0x39: v = c - 0x30
        case 0x61...0x66: v = c - 0x61 + 10
        case 0x41...0x46: v = c - 0x41 + 10
        default: continue
        }
        if let high = pending { out.append(high << 4 | v); pending = nil } else { pending = v }
    }
    return out
}

/// The deterministic message used by the fixtures: byte i is (7i + 3) mod 256.
func patternMessage(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
}

/// The deterministic key used by the HMAC fixtures: byte i is (13i + 1) mod 256.
func patternKey(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }
}

let allHashes: [(name: String, type: any HashFunction.Type)] = [
    ("SHA1", SHA1.self), ("SHA224", SHA224.self), ("SHA256", SHA256.self), ("SHA384", SHA384.self),
    ("SHA512", SHA512.self), ("SHA512_224", SHA512_224.self), ("SHA512_256", SHA512_256.self),
]

func hashType(named name: String) -> any HashFunction.Type {
    allHashes.first { $0.name == name }!.type
}

/// Generic entry points, so that a test can run one body over every hash type.
func oneShot<H: HashFunction>(_: H.Type, _ message: [UInt8]) -> Digest { H.hash(message) }

func hmacTag<H: HashFunction>(_: H.Type, key: [UInt8], message: [UInt8]) -> Digest {
    HMAC<H>.authenticationCode(for: message, key: key)
}
