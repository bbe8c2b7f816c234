// Base32+Grouped.swift
// Splitting a Base32 secret into blocks for reading and typing.

extension Base32 {
    /// Splits a Base32 text into blocks of `groupSize` characters separated by single spaces,
    /// for showing a secret to a person who will type it ("JBSWY3DPEHPK3PXP" becomes
    /// "JBSW Y3DP EHPK 3PXP").
    ///
    /// Spaces and hyphens already in `text` are removed first, so the result is the same however
    /// the input was grouped, and `decodeLenient(_:)` reads it back to the same bytes (it ignores
    /// spaces, RFC 4648 §3.3 notwithstanding, because people type them). The text is not
    /// otherwise checked or changed: case and padding are kept. Blocks count Unicode scalars.
    ///
    /// - Parameters:
    ///   - text: The Base32 text, typically from `encode(_:padding:)`.
    ///   - groupSize: Characters per block; if less than 1, the text is returned without
    ///     separators.
    public static func grouped(_ text: String, groupSize: Int = 4) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 2 + 1)
        var scalarsInGroup = 0
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x2D { continue }   // drop existing separators
            // A byte of the form 0b10xx_xxxx continues a scalar; any other starts one.
            if byte & 0xC0 != 0x80 {
                if groupSize > 0 && scalarsInGroup == groupSize {
                    output.append(0x20)
                    scalarsInGroup = 0
                }
                scalarsInGroup += 1
            }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
