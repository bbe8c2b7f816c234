// CommandTemplate.swift
// `otp-conformance --implementation 'CMD …'`: the command line that runs one OTP vector through
// another implementation, and the verdict on what that command did. Splitting and substitution
// are here (pure, testable); starting the process is the runner's job.
//
// The template is split into words without a shell, then placeholders are replaced inside each
// word, so a value never splits a word or gets interpreted:
//   - words are separated by unquoted spaces, tabs or newlines;
//   - '…' quotes literally (no escapes inside); "…" quotes with `\"` and `\\` as escapes;
//     outside quotes a backslash makes the next character literal; '' or "" is an empty word;
//   - `{name}` is a placeholder (inside quotes too); `{{` and `}}` are literal braces.
// The first word is the program, looked up in PATH when it has no `/`.

import OTPEncoding

/// A parsed `--implementation` template.
public struct CommandTemplate: Sendable, Equatable {
    /// The values a template can ask for.
    public enum Placeholder: String, CaseIterable, Sendable {
        case mode
        case secretHex = "secret_hex"
        case secretBase32 = "secret_base32"
        case secretBase32Padded = "secret_base32_padded"
        case algorithm
        case algorithmLower = "algorithm_lower"
        case digits
        case counter
        case time
        case period
        case t0

        /// What the placeholder stands for (for `--help` and the README).
        public var meaning: String {
            switch self {
            case .mode: "hotp or totp"
            case .secretHex: "the secret in lower-case hex"
            case .secretBase32: "the secret in RFC 4648 Base32, upper case, without '=' padding"
            case .secretBase32Padded: "the secret in RFC 4648 Base32 with '=' padding"
            case .algorithm: "SHA1, SHA256 or SHA512"
            case .algorithmLower: "sha1, sha256 or sha512"
            case .digits: "the number of digits"
            case .counter: "HOTP: the counter; TOTP: the step T = floor((time - T0) / period)"
            case .time: "TOTP only: the Unix time in seconds"
            case .period: "TOTP only: the time step X in seconds"
            case .t0: "TOTP only: T0, the Unix time steps are counted from"
            }
        }
    }

    /// A piece of a word.
    enum Piece: Sendable, Equatable {
        case text(String)
        case placeholder(Placeholder)
    }

    /// The template as given.
    public let source: String
    /// The words, each a sequence of pieces.
    let words: [[Piece]]

    /// Which placeholders the template uses.
    public var placeholders: Set<Placeholder> {
        var used = Set<Placeholder>()
        for word in words {
            for case .placeholder(let placeholder) in word { used.insert(placeholder) }
        }
        return used
    }

    /// Splits `template` into words and finds its placeholders.
    public init(parsing template: String) throws(CommandTemplateError) {
        source = template
        var words: [[Piece]] = []
        var pieces: [Piece] = []
        var text = ""
        var inWord = false
        var quote: Character? = nil
        var characters = Array(template)[...]

        func flushText() {
            if !text.isEmpty { pieces.append(.text(text)) }
            text = ""
        }
        while let character = characters.popFirst() {
            switch (quote, character) {
            case (nil, " "), (nil, "\t"), (nil, "\n"), (nil, "\r"):
                if inWord {
                    flushText()
                    words.append(pieces)
                    pieces = []
                    inWord = false
                }
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, "\\"):
                guard let next = characters.popFirst() else { throw .danglingBackslash }
                text.append(next)
                inWord = true
            case ("\"", "\\"):
                guard let next = characters.first, next == "\"" || next == "\\" else {
                    text.append(character)
                    continue
                }
                characters.removeFirst()
                text.append(next)
            case (_, "{"):
                inWord = true
                if characters.first == "{" {
                    characters.removeFirst()
                    text.append("{")
                    continue
                }
                guard let close = characters.firstIndex(of: "}") else { throw .unclosedBrace }
                let name = String(characters[..<close])
                guard let placeholder = Placeholder(rawValue: name) else { throw .unknownPlaceholder(name) }
                characters = characters[(close + 1)...]
                flushText()
                pieces.append(.placeholder(placeholder))
            case (_, "}"):
                inWord = true
                guard characters.first == "}" else { throw .unopenedBrace }
                characters.removeFirst()
                text.append("}")
            default:
                text.append(character)
                inWord = true
            }
        }
        if let quote { throw .unclosedQuote(quote) }
        if inWord {
            flushText()
            words.append(pieces)
        }
        guard !words.isEmpty else { throw .empty }
        self.words = words
    }

    /// The argument vector for one case (program first), or why the template cannot express it:
    /// a placeholder that has no value for the case (`{time}` for an HOTP case).
    public func arguments(for vector: OTPVector) -> Result<[String], CommandTemplateError> {
        var arguments: [String] = []
        for word in words {
            var argument = ""
            for piece in word {
                switch piece {
                case .text(let text):
                    argument += text
                case .placeholder(let placeholder):
                    guard let value = Self.value(of: placeholder, for: vector) else {
                        return .failure(.noValue(placeholder.rawValue, mode: vector.mode.rawValue))
                    }
                    argument += value
                }
            }
            arguments.append(argument)
        }
        return .success(arguments)
    }

    static func value(of placeholder: Placeholder, for vector: OTPVector) -> String? {
        switch placeholder {
        case .mode: vector.mode.rawValue
        case .secretHex: vector.secret.isEmpty ? "" : hexString(vector.secret)
        case .secretBase32: Base32.encode(vector.secret, padding: false)
        case .secretBase32Padded: Base32.encode(vector.secret, padding: true)
        case .algorithm: vector.algorithm
        case .algorithmLower: vector.algorithm.lowercased()
        case .digits: String(vector.digits)
        case .counter: vector.timeStep.map { String($0) }
        case .time: vector.time.map { String($0) }
        case .period: vector.period.map { String($0) }
        case .t0: vector.t0.map { String($0) }
        }
    }
}

/// Why a template could not be parsed, or could not express a case.
public enum CommandTemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case unclosedQuote(Character)
    case danglingBackslash
    case unclosedBrace
    case unopenedBrace
    case unknownPlaceholder(String)
    /// The case has no value for this placeholder (e.g. `{time}` in an HOTP case).
    case noValue(String, mode: String)

    public var description: String {
        switch self {
        case .empty: "the command template is empty"
        case .unclosedQuote(let quote): "unclosed \(quote) in the command template"
        case .danglingBackslash: "the command template ends with a backslash"
        case .unclosedBrace: "'{' without a closing '}' (write '{{' for a literal brace)"
        case .unopenedBrace: "'}' without an opening '{' (write '}}' for a literal brace)"
        case .unknownPlaceholder(let name):
            "unknown placeholder {\(name)} (known: \(CommandTemplate.Placeholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")))"
        case .noValue(let name, let mode): "the template uses {\(name)}, which a \(mode) case does not have"
        }
    }
}

// MARK: - Judging what the command did

/// How a run of the implementation under test ended.
public enum ProcessOutcome: Equatable, Sendable {
    case exited(status: Int32, standardOutput: [UInt8], standardError: [UInt8])
    case signalled(Int32, standardError: [UInt8])
    case timedOut(seconds: Int)
    case couldNotStart(String)
}

/// The verdict on one case run through another implementation.
public enum ImplementationVerdict: Equatable, Sendable {
    case passed
    case failed([Mismatch])
    /// A case with an expected code that the command refused (non-zero exit): a failure,
    /// unless the runner was told to skip unsupported cases.
    case refused([Mismatch])
}

extension OTPVector {
    /// Judges the command's output. A code case passes when the command exits 0 and prints the
    /// code (surrounding whitespace ignored); an error case passes when the command exits with
    /// a non-zero status (whatever it prints).
    public func judge(_ outcome: ProcessOutcome) -> ImplementationVerdict {
        let field = mode == .hotp ? "HOTP" : "TOTP"
        let wanted: String = switch expected {
        case .code(let code): code
        case .error(let name): "a refusal: non-zero exit status (error:\(name))"
        }
        switch outcome {
        case .exited(let status, let output, let errorOutput):
            let printed = String(decoding: output, as: UTF8.self).trimmingASCIIWhitespace
            switch expected {
            case .code(let code) where status == 0:
                return printed == code ? .passed : .failed([mismatch(field, expected: code, got: quote(printed))])
            case .code:
                return .refused([mismatch(field, expected: wanted, got: "exit status \(status)" + standardErrorSummary(errorOutput))])
            case .error where status != 0:
                return .passed
            case .error:
                return .failed([mismatch(field, expected: wanted, got: "exit status 0, printed \(quote(printed))")])
            }
        case .signalled(let signal, let errorOutput):
            return .failed([mismatch(field, expected: wanted, got: "killed by signal \(signal)" + standardErrorSummary(errorOutput))])
        case .timedOut(let seconds):
            return .failed([mismatch(field, expected: wanted, got: "no exit within \(seconds) s (killed)")])
        case .couldNotStart(let why):
            return .failed([mismatch(field, expected: wanted, got: "could not start the command: \(why)")])
        }
    }
}

/// `, standard error: "…"` with the lines joined by ` | `, or nothing when it is empty.
private func standardErrorSummary(_ bytes: [UInt8]) -> String {
    let lines = String(decoding: bytes.prefix(4096), as: UTF8.self)
        .split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        .map { String($0).trimmingASCIIWhitespace }
        .filter { !$0.isEmpty }
    guard !lines.isEmpty else { return "" }
    return ", standard error: " + quote(shortened(lines.joined(separator: " | "), limit: 300))
}

extension String {
    /// Without leading and trailing spaces, tabs, CR and LF.
    var trimmingASCIIWhitespace: String {
        let bytes = Array(utf8)[...]
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}
