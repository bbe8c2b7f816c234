import OTP

/// A command line's options after parsing: `--name value`, `--name=value`, `--flag`, and up
/// to a given number of positional arguments (a lone `-` is positional: standard input).
struct Options {
    // Arrays rather than a dictionary and a set: a command line holds a handful of options,
    // and at start-up the runtime would build the metadata of Dictionary<String, String> and
    // Set<String> first (about 200,000 instructions, a tenth of a whole `otp code`).
    private(set) var values: [(name: String, value: String)] = []
    private(set) var flags: [String] = []
    private(set) var positionals: [String] = []

    /// Parses `arguments` against the options a subcommand knows. Anything else — an unknown
    /// option, a missing value, an option given twice, more positional arguments than
    /// `positional` — is a usage error. Error messages never quote a long argument, which may
    /// be a secret in the wrong place.
    init(
        _ arguments: ArraySlice<String>, valued: [String], flags knownFlags: [String], positional: Int = 0
    ) throws(CLIError) {
        var rest = arguments[...]
        var index = 0
        while let argument = rest.popFirst() {
            index += 1
            if argument == "-" || !argument.hasPrefix("-") {
                guard positionals.count < positional else {
                    throw .usage("unexpected argument \(argument.quotedValue) in position \(index)")
                }
                positionals.append(argument)
                continue
            }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw .usage("unknown option \(argument.quotedValue) in position \(index)")
            }
            var name = argument
            var inlineValue: String? = nil
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if valued.contains(name) {
                guard self[name] == nil else { throw .usage("\(name) is given more than once") }
                if let inlineValue {
                    values.append((name, inlineValue))
                } else if let next = rest.popFirst() {
                    values.append((name, next))
                } else {
                    throw .usage("\(name) needs a value")
                }
            } else if knownFlags.contains(name), inlineValue == nil {
                guard !flags.contains(name) else { throw .usage("\(name) is given more than once") }
                flags.append(name)
            } else if knownFlags.contains(name) {
                throw .usage("\(name) takes no value")
            } else {
                throw .usage("unknown option \(name.quotedValue) in position \(index)")
            }
        }
    }

    subscript(name: String) -> String? { values.first { $0.name == name }?.value }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The value of a numeric option, or nil when it is absent.
    func unsigned(_ name: String, in range: ClosedRange<UInt64> = 0...UInt64.max, meaning: String) throws(CLIError) -> UInt64? {
        guard let text = self[name] else { return nil }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = UInt64(text), range.contains(value)
        else {
            throw .usage("\(name) must be \(meaning) from \(range.lowerBound) to \(range.upperBound), got \(text.quotedValue)")
        }
        return value
    }
}

extension Options {
    /// `--algorithm sha1|sha256|sha512` (any case), SHA-1 when absent.
    func algorithm() throws(CLIError) -> HashAlgorithm {
        guard let name = self["--algorithm"] else { return .sha1 }
        guard let algorithm = HashAlgorithm(caseInsensitiveName: name) else {
            throw .usage("--algorithm must be sha1, sha256 or sha512, got \(name.quotedValue)")
        }
        return algorithm
    }

    /// `--digits N` within `HOTP.digitRange`, 6 when absent.
    func digits() throws(CLIError) -> Int {
        let range = UInt64(HOTP.digitRange.lowerBound)...UInt64(HOTP.digitRange.upperBound)
        return Int(try unsigned("--digits", in: range, meaning: "a number of digits") ?? 6)
    }
}

extension String {
    /// `'text'` for a short argument (at most 12 characters, none of them a control
    /// character), else only its length: a secret is at least 16 Base32 characters, so one
    /// given in the wrong place never reaches an error message.
    var quotedValue: String {
        let count = unicodeScalars.count
        guard count <= 12, !unicodeScalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }) else {
            return "(a value of \(count) character\(count == 1 ? "" : "s"))"
        }
        return "'" + self + "'"
    }

    /// The text with control characters escaped and cut to 64 characters, so that an
    /// argument quoted in an error message cannot disturb the terminal or run on.
    var printable: String {
        var out = ""
        for scalar in unicodeScalars.prefix(64) {
            if scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) {
                out += scalar.escaped(asASCII: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return unicodeScalars.count > 64 ? out + "…" : out
    }
}
