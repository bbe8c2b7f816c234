// QRSegment+Optimal.swift
// Choosing the modes for a text so that its bit stream is as short as possible.

extension QRSegment {
    /// The split of `text` into numeric, alphanumeric and byte segments with the fewest bits in
    /// `version` (ISO/IEC 18004:2015 §7.4.7 allows any mix; Annex J sketches rules of thumb, this
    /// finds the exact optimum).
    ///
    /// The answer depends on the version only through the width of the character count
    /// indicators (Table 3), so versions 1–9, 10–26 and 27–40 each have one answer. The text is
    /// written as UTF-8; a byte of a multi-byte character can only go in a byte segment.
    public static func segments(for text: String, version: Int) throws(QRError) -> [QRSegment] {
        guard (1...40).contains(version) else { throw .invalidVersion(version) }
        return optimalSegments(Array(text.utf8), version: QRVersion(version))
    }

    /// Dynamic programming over the bytes. A state is the mode of the segment the current byte
    /// ends, with its character count modulo the mode's packing group (3 for numeric, 2 for
    /// alphanumeric), because the cost of one more character depends on it: a numeric digit
    /// costs 4, 3, 3 bits as a group fills (4 + 3 + 3 = 10, §7.4.3), an alphanumeric character
    /// 6 then 5 (6 + 5 = 11, §7.4.4), a byte 8. Opening a segment costs its 4-bit mode indicator
    /// and the character count indicator. With these exact increments the cheapest path is the
    /// cheapest bit stream.
    static func optimalSegments(_ bytes: [UInt8], version: QRVersion) -> [QRSegment] {
        guard !bytes.isEmpty else { return [] }
        let states = State.allCases
        let unreachable = Int.max / 2
        // cost[i * 6 + s]: the fewest bits for bytes[0...i] ending in state s.
        // previous[i * 6 + s]: the state at i - 1 it came from, or -1 at the start.
        // opens[i * 6 + s]: whether byte i opens a new segment.
        var cost = [Int](repeating: unreachable, count: bytes.count * states.count)
        var previous = [Int8](repeating: -1, count: bytes.count * states.count)
        var opens = [Bool](repeating: false, count: bytes.count * states.count)
        let header: (Mode) -> Int = { 4 + version.characterCountBits($0) }

        for (index, byte) in bytes.enumerated() {
            let base = index * states.count
            let before = index == 0 ? nil : (index - 1) * states.count
            // The cheapest way to have written everything before this byte, in any state.
            var bestBefore = 0
            var bestBeforeState: Int8 = -1
            if let before {
                bestBefore = unreachable
                for state in states where cost[before + state.rawValue] < bestBefore {
                    bestBefore = cost[before + state.rawValue]
                    bestBeforeState = Int8(state.rawValue)
                }
            }
            for state in states where state.mode.canEncode(byte) {
                let slot = base + state.rawValue
                // Continue a segment of the same mode, from the state one character earlier.
                if let before, let from = state.predecessor {
                    let continued = cost[before + from.rawValue]
                    if continued < unreachable {
                        cost[slot] = continued + state.incrementalBits
                        previous[slot] = Int8(from.rawValue)
                    }
                }
                // Or open a new segment here, after the cheapest state before.
                if state.opensSegment {
                    let opened = bestBefore + header(state.mode) + state.incrementalBits
                    if opened < cost[slot] {
                        cost[slot] = opened
                        previous[slot] = bestBeforeState
                        opens[slot] = true
                    }
                }
            }
        }

        // Walk back from the cheapest final state, cutting where a segment opened.
        let last = (bytes.count - 1) * states.count
        var state = states.min { cost[last + $0.rawValue] < cost[last + $1.rawValue] } ?? .byte
        var end = bytes.count
        var segments: [QRSegment] = []
        var index = bytes.count - 1
        while index >= 0 {
            let slot = index * states.count + state.rawValue
            if opens[slot] {
                segments.append(QRSegment(checked: state.mode, bytes: Array(bytes[index..<end])))
                end = index
            }
            if index > 0, let from = State(rawValue: Int(previous[slot])) { state = from }
            index -= 1
        }
        return segments.reversed()
    }

    /// A segment's mode together with its character count modulo the packing group.
    private enum State: Int, CaseIterable {
        case numeric1, numeric2, numeric0, alphanumeric1, alphanumeric0, byte

        var mode: Mode {
            switch self {
            case .numeric1, .numeric2, .numeric0: .numeric
            case .alphanumeric1, .alphanumeric0: .alphanumeric
            case .byte: .byte
            }
        }

        /// Whether a segment can start in this state (its first character leaves count 1).
        var opensSegment: Bool {
            switch self {
            case .numeric1, .alphanumeric1, .byte: true
            default: false
            }
        }

        /// The state one character earlier in the same segment.
        var predecessor: State? {
            switch self {
            case .numeric1: .numeric0
            case .numeric2: .numeric1
            case .numeric0: .numeric2
            case .alphanumeric1: .alphanumeric0
            case .alphanumeric0: .alphanumeric1
            case .byte: .byte
            }
        }

        /// The bits the character that reaches this state adds.
        var incrementalBits: Int {
            switch self {
            case .numeric1: 4
            case .numeric2, .numeric0: 3
            case .alphanumeric1: 6
            case .alphanumeric0: 5
            case .byte: 8
            }
        }
    }
}
