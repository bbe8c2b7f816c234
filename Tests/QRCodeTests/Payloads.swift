@testable import QRCode

/// Test payloads of the kinds the encoder must handle, made from a seeded generator.
enum PayloadKind: String, CaseIterable, Sendable {
    case numeric, alphanumeric, byte, mixed, utf8, otpauth

    /// Roughly how many data bits one character of this kind costs, to size a payload.
    var bitsPerCharacter: Double {
        switch self {
        case .numeric: 10.0 / 3
        case .alphanumeric: 5.5
        case .byte: 8
        case .mixed: 6.5
        case .utf8: 22
        case .otpauth: 8
        }
    }

    static let alphanumericCharacters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    static let base32Characters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    /// Letters from several scripts, of 1 to 4 UTF-8 bytes.
    static let unicodeCharacters = Array("aé ü ß Ж ж ξ 日本語 ✓ € 🙂 🔑 ñ ø Ω ﬁ")

    /// `length` characters (UTF-8 bytes for `.otpauth`, about) of this kind.
    func make(length: Int, using random: inout SplitMix64) -> String {
        func pick(_ characters: [Character], _ count: Int) -> String {
            String((0..<count).map { _ in characters.randomElement(using: &random)! })
        }
        switch self {
        case .numeric:
            return pick(Array("0123456789"), length)
        case .alphanumeric:
            return pick(Self.alphanumericCharacters, length)
        case .byte:
            return String((0..<length).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &random))) })
        case .mixed:
            // Runs that favour different modes: digits, upper-case words, lower-case words.
            var text = ""
            while text.count < length {
                switch Int.random(in: 0..<3, using: &random) {
                case 0: text += pick(Array("0123456789"), Int.random(in: 4...40, using: &random))
                case 1: text += pick(Self.alphanumericCharacters, Int.random(in: 3...25, using: &random))
                default: text += pick(Array("abcdefghijklmnopqrstuvwxyz@&?="), Int.random(in: 2...12, using: &random))
                }
            }
            return String(text.prefix(length))
        case .utf8:
            return pick(Self.unicodeCharacters, length)
        case .otpauth:
            // Short symbols get the shortest realistic URI (about 60 bytes).
            let short = length < 120
            let issuer = short ? "Example" : ["Example", "ACME%20Co", "%C5%A0koda", "GitHub", "Bank"].randomElement(using: &random)!
            let account = short ? "bob" : ["alice@example.com", "bob", "john.doe%2Bqr@email.com"].randomElement(using: &random)!
            let secret = pick(Self.base32Characters, short ? 16 : [16, 32, 52, 103].randomElement(using: &random)!)
            var uri = "otpauth://totp/\(issuer):\(account)?secret=\(secret)&issuer=\(issuer)"
            if !short && Bool.random(using: &random) { uri += "&algorithm=SHA256&digits=8&period=60" }
            if uri.utf8.count < length {
                uri += "&image=https%3A%2F%2Fexample.com%2Flogo%2F"
                uri += pick(Array("abcdefghijklmnopqrstuvwxyz0123456789"), Swift.max(0, length - uri.utf8.count))
                uri += ".png"
            }
            return uri
        }
    }
}

/// A payload of `kind` that fills most of `version` at `level`: sized from the symbol's data
/// capacity, then shortened until the encoder accepts it in that version.
func fillingPayload(
    _ kind: PayloadKind, version: Int, level: QRErrorCorrection, mask: Int? = nil, fraction: Double, seed: UInt64
) throws -> (text: String, code: QRCode) {
    let capacityBits = QRVersion(version).dataCodewords(level) * 8
    var length = Swift.max(1, Int(Double(capacityBits - 24) * fraction / kind.bitsPerCharacter))
    while true {
        var random = SplitMix64(state: seed)
        let text = kind.make(length: length, using: &random)
        let attempt: QRCode
        do {
            attempt = try QRCode(encoding: text, errorCorrection: level, version: version, mask: mask)
        } catch {
            guard case .versionTooSmall = error, length > 1 else { throw error }
            length = length * 9 / 10
            continue
        }
        return (text, attempt)
    }
}
