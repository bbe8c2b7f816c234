// Glob.swift
// The `--filter GLOB` matcher: shell-style patterns over `/`-separated relative paths.
//
//   *     any run of characters within one path segment (never `/`)
//   ?     exactly one character other than `/`
//   **    as a whole segment: zero or more whole segments (`**/x.txt`, `a/**`, `a/**/b`);
//         inside a segment it means the same as `*`
//   \c    the character c itself (`\*`, `\?`, `\\`)
// Everything else matches itself, case-sensitively. The whole path must match: `*.json`
// matches `a.json` but not `dir/a.json` (write `**/*.json`).

/// A compiled glob pattern.
public struct Glob: Sendable, Equatable {
    /// One pattern segment: `**`, or a sequence of elements.
    enum Segment: Sendable, Equatable {
        case anyDepth
        case elements([Element])
    }

    enum Element: Sendable, Equatable {
        case literal(Character)
        case anyOne
        case anyRun
    }

    /// The pattern as given.
    public let pattern: String
    let segments: [Segment]

    public init(_ pattern: String) {
        self.pattern = pattern
        var segments: [Segment] = []
        var current: [Element] = []
        var raw = ""
        var escaped = false
        func finishSegment() {
            segments.append(raw == "**" ? .anyDepth : .elements(current))
            current = []
            raw = ""
        }
        for character in pattern {
            if escaped {
                current.append(.literal(character))
                raw.append("\\")
                raw.append(character)
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "/": finishSegment()
            case "?": current.append(.anyOne); raw.append(character)
            case "*":
                if current.last != .anyRun { current.append(.anyRun) }
                raw.append(character)
            default: current.append(.literal(character)); raw.append(character)
            }
        }
        if escaped { current.append(.literal("\\")) }  // a trailing backslash stands for itself
        finishSegment()
        self.segments = segments
    }

    /// Whether `path` (segments separated by `/`) matches the whole pattern.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map { Array($0) }
        var memo: [Int: Bool] = [:]
        return match(0, 0, parts, &memo)
    }

    private func match(_ p: Int, _ s: Int, _ parts: [[Character]], _ memo: inout [Int: Bool]) -> Bool {
        let key = p * (parts.count + 1) + s
        if let known = memo[key] { return known }
        let result: Bool
        if p == segments.count {
            result = s == parts.count
        } else {
            switch segments[p] {
            case .anyDepth:
                result = (s...parts.count).contains { match(p + 1, $0, parts, &memo) }
            case .elements(let elements):
                result = s < parts.count && Self.matchSegment(elements, parts[s]) && match(p + 1, s + 1, parts, &memo)
            }
        }
        memo[key] = result
        return result
    }

    /// One segment: `*` with backtracking to the last star (linear in practice).
    static func matchSegment(_ elements: [Element], _ text: [Character]) -> Bool {
        var e = 0
        var t = 0
        var starElement: Int? = nil
        var starText = 0
        while t < text.count {
            if e < elements.count {
                switch elements[e] {
                case .anyRun:
                    starElement = e
                    starText = t
                    e += 1
                    continue
                case .anyOne:
                    e += 1
                    t += 1
                    continue
                case .literal(let character) where character == text[t]:
                    e += 1
                    t += 1
                    continue
                case .literal:
                    break
                }
            }
            guard let star = starElement else { return false }
            e = star + 1
            starText += 1
            t = starText
        }
        while e < elements.count, elements[e] == .anyRun { e += 1 }
        return e == elements.count
    }
}
