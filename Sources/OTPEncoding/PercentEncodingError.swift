// PercentEncodingError.swift
// Errors thrown by `PercentEncoding.decode(_:)`.

/// Why a percent-encoded text could not be decoded (RFC 3986 §2.1).
///
/// Like `Base32Error`, the cases and `description` never contain any of the input text: the
/// decoded component may be part of a provisioning URI, and error messages end up in logs.
public enum PercentEncodingError: Error, Equatable, Sendable {
    /// The `%` at `position` is not followed by two hexadecimal digits (RFC 3986 §2.1:
    /// `pct-encoded = "%" HEXDIG HEXDIG`), for example `%`, `%4` or `%ZZ` at the end of a text.
    ///
    /// `position` is the 0-based index of the `%` among the Unicode scalars of the text as given.
    case invalidEscape(position: Int)

    /// The decoded bytes are not well-formed UTF-8, for example `%C3%28` or a lone `%FF`
    /// (RFC 3986 §2.5: new URI schemes percent-encode the UTF-8 bytes of characters).
    case invalidUTF8
}

// MARK: - CustomStringConvertible

extension PercentEncodingError: CustomStringConvertible {
    /// One sentence naming the rule that was broken and where; never any of the input text.
    public var description: String {
        switch self {
        case .invalidEscape(let position):
            return "percent-encoding: the '%' at position \(position) is not followed by two "
                + "hexadecimal digits (RFC 3986 §2.1)."
        case .invalidUTF8:
            return "percent-encoding: the decoded bytes are not valid UTF-8 (RFC 3986 §2.5 "
                + "encodes characters as their UTF-8 bytes)."
        }
    }
}
