// Base16Error.swift
// Errors thrown by `Base16.decode(_:)` and `Base16.decode(utf8:)`.

/// Why a Base16 (hexadecimal) text was rejected (RFC 4648 §8).
///
/// Like `Base32Error`, the cases and `description` never contain the input text itself.
public enum Base16Error: Error, Equatable, Sendable {
    /// The character at `position` is not a hexadecimal digit (`0`–`9`, `A`–`F`, `a`–`f`).
    ///
    /// For `decode(_:)` the position is the 0-based index of the Unicode scalar in the string;
    /// for `decode(utf8:)` it is the 0-based byte offset from the start of the collection. The two
    /// agree, because decoding stops at the first byte that is not an ASCII hex digit.
    case invalidCharacter(position: Int)

    /// The input has this many characters, an odd number, so the last one is half a byte
    /// (RFC 4648 §8 encodes each byte as exactly two characters).
    case oddLength(Int)
}

// MARK: - CustomStringConvertible

extension Base16Error: CustomStringConvertible {
    /// One sentence naming the rule that was broken and where; never any of the input text.
    public var description: String {
        switch self {
        case .invalidCharacter(let position):
            return "Base16: character at position \(position) is not a hexadecimal digit "
                + "(RFC 4648 §8 alphabet 0-9, A-F)."
        case .oddLength(let count):
            return "Base16: input has \(count) characters; RFC 4648 §8 encodes each byte as "
                + "two characters, so the length must be even."
        }
    }
}
