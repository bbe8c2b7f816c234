// QRError.swift
// Errors thrown by the QR code encoder and its renderers.

/// Why a QR code could not be made or drawn.
///
/// Every way the encoder or a renderer can refuse its input is one of these cases, thrown with
/// typed throws; no input makes this module trap. The cases carry only numbers (lengths,
/// positions, option values), never the text being encoded, which may be a secret.
public enum QRError: Error, Equatable, Sendable {
    /// The data needs `dataBits` bits but even version 40 at `errorCorrection` holds only
    /// `capacityBits` (ISO/IEC 18004:2015 §7.4.1, Table 7).
    case dataTooLong(dataBits: Int, capacityBits: Int, errorCorrection: QRErrorCorrection)

    /// A version was forced, and the data needs `dataBits` bits where that version at
    /// `errorCorrection` holds only `capacityBits`; `minimumVersion` is the smallest version
    /// that would fit, or nil when none does.
    case versionTooSmall(version: Int, dataBits: Int, capacityBits: Int, minimumVersion: Int?)

    /// A forced version is outside 1...40 (§6.3.1).
    case invalidVersion(Int)

    /// A forced mask pattern reference is outside 0...7 (§7.8.2, Table 10).
    case invalidMask(Int)

    /// A segment was built in numeric or alphanumeric mode from text holding a character that
    /// mode cannot represent (§7.4.3, §7.4.4 and Table 5); `position` is the 0-based index of the
    /// offending UTF-8 byte.
    case characterNotEncodable(mode: QRSegment.Mode, position: Int)

    /// A renderer option is out of its range: `option` names it (`scale`, `margin`,
    /// `moduleSize`), `value` is what was given and `range` what is allowed.
    case invalidRendererOption(option: String, value: Int, range: ClosedRange<Int>)
}

// MARK: - CustomStringConvertible

extension QRError: CustomStringConvertible {
    /// One sentence naming the limit that was exceeded; never any of the encoded data.
    public var description: String {
        switch self {
        case .dataTooLong(let dataBits, let capacityBits, let level):
            return "QR code: the data needs \(dataBits) bits, but version 40 at error correction level "
                + "\(level.letter) holds at most \(capacityBits) (ISO/IEC 18004 Table 7); "
                + "shorten it or choose a lower level."
        case .versionTooSmall(let version, let dataBits, let capacityBits, let minimumVersion):
            let advice = minimumVersion.map { "version \($0) is the smallest that fits" }
                ?? "no version fits at this level"
            return "QR code: the data needs \(dataBits) bits, but version \(version) holds "
                + "\(capacityBits); \(advice)."
        case .invalidVersion(let version):
            return "QR code: version \(version) does not exist; versions run from 1 to 40."
        case .invalidMask(let mask):
            return "QR code: mask pattern \(mask) does not exist; ISO/IEC 18004 §7.8.2 defines 0 to 7."
        case .characterNotEncodable(let mode, let position):
            return "QR code: the byte at position \(position) cannot be written in \(mode.name) "
                + "mode (ISO/IEC 18004 §7.4)."
        case .invalidRendererOption(let option, let value, let range):
            return "QR code: \(option) must be from \(range.lowerBound) to \(range.upperBound), got \(value)."
        }
    }
}
