// Base32Error.swift
// Errors thrown by `Base32.decode(_:)` and `Base32.decodeLenient(_:)`.

/// Why a Base32 text was rejected (RFC 4648 §6).
///
/// Every case that points at a place in the input carries `position`: the 0-based index of the
/// offending Unicode scalar in the input string exactly as it was given (separators and all), so a
/// person can find it. For ASCII text this is also the character index.
///
/// Neither the cases nor `description` ever contain any of the input text: a Base32 string is
/// usually a shared secret, and error messages end up in logs.
///
/// When an input breaks several rules, the first one found wins, in this order: a character
/// outside the alphabet or a `=` followed by more symbols (left to right), then the length, then
/// the padding count, then the trailing bits.
public enum Base32Error: Error, Equatable, Sendable {
    /// The scalar at `position` is not in the RFC 4648 §6 alphabet (`A`–`Z`, `2`–`7`; lenient
    /// decoding also accepts `a`–`z` and ignores spaces and hyphens), nor a `=` pad.
    case invalidCharacter(position: Int)

    /// The input holds `significantCharacters` alphabet symbols (padding and separators not
    /// counted), which no byte string encodes: a final partial quantum of 1, 3 or 6 symbols
    /// (RFC 4648 §6), or — in strict decoding — an unpadded input whose length is not a multiple
    /// of 8 (RFC 4648 §3.2).
    case invalidLength(significantCharacters: Int)

    /// The `=` at `position` starts padding that may not stand there: symbols follow it, or the
    /// number of `=` is not the one RFC 4648 §6 prescribes for the final quantum (6, 4, 3 or 1
    /// after 2, 4, 5 or 7 symbols; none after a full quantum).
    case invalidPadding(position: Int)

    /// The last symbol, at `position`, carries bits beyond the final byte that are not zero, so
    /// the text is not the canonical encoding of any byte string (RFC 4648 §3.5).
    case nonZeroTrailingBits(position: Int)
}

// MARK: - CustomStringConvertible

extension Base32Error: CustomStringConvertible {
    /// One sentence naming the rule that was broken and where; never any of the input text.
    public var description: String {
        switch self {
        case .invalidCharacter(let position):
            return "Base32: character at position \(position) is not in the RFC 4648 §6 alphabet "
                + "(A-Z and 2-7)."
        case .invalidLength(let count):
            return "Base32: \(count) significant character\(count == 1 ? "" : "s") cannot be decoded; RFC 4648 §6 "
                + "ends the data with a quantum of 2, 4, 5, 7 or 8 characters, and strict "
                + "decoding requires '=' padding to a multiple of 8 characters (§3.2)."
        case .invalidPadding(let position):
            return "Base32: padding starting at position \(position) is wrong; RFC 4648 §6 "
                + "allows '=' only at the end, 6, 4, 3 or 1 of them after 2, 4, 5 or 7 "
                + "characters of the final quantum."
        case .nonZeroTrailingBits(let position):
            return "Base32: character at position \(position) sets bits after the last byte; "
                + "RFC 4648 §3.5 requires these pad bits to be zero."
        }
    }
}
