import OTP
import OTPEncoding
import OTPInterop

/// `otp import`: reads what authenticator apps export and prints the keys as otpauth:// URIs.
enum ImportCommand {
    static let help = """
        Usage: otp import [FILE | URI | -] [--format auto|google|aegis|uris] [--json]

        Reads accounts exported by an authenticator app and prints each as an otpauth://
        key URI, one per line. The input is a file, "-" for standard input (the default),
        or a URI given directly (it then shows in the process list: prefer a file or "-").

          google   Google Authenticator's "Transfer accounts" codes: one or more
                   otpauth-migration://offline?data=... URIs (scan each QR code, one per
                   line). Read as protocol buffers; any malformation is reported.
          aegis    an Aegis vault exported without encryption (JSON). TOTP, HOTP and Steam
                   entries are imported; other types (Yandex, mOTP) and entries a key URI
                   cannot hold are skipped with a warning. Encrypted vaults are not supported.
          uris     otpauth:// key URIs, one per line ('#' lines and blank lines skipped).
          auto     (default) aegis when the input starts with '{', else each line by its
                   scheme.

        Steam Guard keys come out as TOTP URIs with encoder=steam (KeePassXC's convention).

        Options:
          --format NAME     the input format (default auto)
          --json            one JSON object: "keys" (type, issuer, account, secret,
                            algorithm, digits, period or counter, steam, uri) and
                            "skipped" (entries not imported, with the reason)
          -h, --help        show this help

        The output holds the secrets: keep it private.

        Exit status: 0 success, 2 bad input or usage.
        """

    /// The largest input read: the largest Aegis vault the library reads.
    static let sizeLimit = AegisVault.maximumByteCount

    enum Format: String {
        case auto, google, aegis, uris
    }

    static func run(_ arguments: ArraySlice<String>) throws(CLIError) {
        let options = try Options(arguments, valued: ["--format"], flags: ["--json"], positional: 1)
        let format: Format
        if let name = options["--format"] {
            guard let parsed = Format(rawValue: name.lowercased()) else {
                throw .usage("--format must be auto, google, aegis or uris, got \(name.quotedValue)")
            }
            format = parsed
        } else {
            format = .auto
        }
        let source = options.positionals.first ?? "-"
        let text: [UInt8]
        if source.hasPrefix("otpauth-migration:") || source.hasPrefix("otpauth:") {
            text = Array(source.utf8)
            SecretInput.warnOnCommandLine("a key URI", instead: "a file or - (standard input)")
        } else {
            text = try SystemIO.readAll(path: source == "-" ? nil : source, named: source == "-" ? "standard input" : "the input file", limit: sizeLimit)
        }
        let (keys, skipped) = try read(text, format: format)
        if options.has("--json") {
            SystemIO.writeOut(json(keys, skipped: skipped) + "\n")
        } else {
            SystemIO.writeOut(keys.map { $0.uriString() + "\n" }.joined())
        }
        for entry in skipped {
            SystemIO.warnings.append("skipped Aegis entry \(entry.index + 1) (\(label(entry))): \(reason(entry.reason, type: entry.type))")
        }
    }

    /// The keys in `bytes`, and the Aegis entries left out.
    static func read(_ bytes: [UInt8], format: Format) throws(CLIError) -> ([KeyURI], [AegisVault.SkippedEntry]) {
        let body = bytes.starts(with: [0xef, 0xbb, 0xbf]) ? Array(bytes.dropFirst(3)) : bytes
        let firstByte = body.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0a && $0 != 0x0d }
        if format == .aegis || format == .auto && firstByte == UInt8(ascii: "{") {
            do {
                let result = try AegisVault.importKeys(from: body)
                return (result.keys, result.skipped)
            } catch {
                throw .badInput(error.description)
            }
        }
        guard let text = String(validating: body, as: UTF8.self) else { throw .badInput("the input is not UTF-8 text") }
        var keys: [KeyURI] = []
        var batches = BatchTracker()
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).trimmingASCIIWhitespace
            if line.isEmpty || line.hasPrefix("#") { continue }
            let isMigration = line.lowercased().hasPrefix("otpauth-migration:")
            switch format {
            case .google where !isMigration:
                throw .badInput("line \(number + 1): not an otpauth-migration:// URI")
            case .uris where isMigration:
                throw .badInput("line \(number + 1): an otpauth-migration:// URI; use --format google or auto")
            default: break
            }
            if isMigration {
                do {
                    let payload = try GoogleMigrationPayload(parsing: line)
                    batches.note(payload)
                    keys += try payload.keys()
                } catch {
                    throw .badInput("line \(number + 1): \(error)")
                }
            } else {
                do {
                    keys.append(try KeyURI(parsing: line))
                } catch {
                    throw .badInput("line \(number + 1): not a valid key URI: \(error)")
                }
            }
        }
        guard !keys.isEmpty || batches.seenAny else { throw .badInput("the input holds no accounts") }
        if let missing = batches.missingWarning { SystemIO.warnings.append(missing) }
        return (keys, [])
    }

    /// Which QR codes of each Google Authenticator export were given, to warn when some are
    /// missing (the app splits a large export over several codes).
    struct BatchTracker {
        var seen: [Int32: (size: Int32, indexes: Set<Int32>)] = [:]
        var seenAny = false

        mutating func note(_ payload: GoogleMigrationPayload) {
            seenAny = true
            guard payload.batchSize > 1 else { return }
            var entry = seen[payload.batchID] ?? (payload.batchSize, [])
            entry.indexes.insert(payload.batchIndex)
            seen[payload.batchID] = entry
        }

        var missingWarning: String? {
            for (_, entry) in seen where entry.indexes.count < Int(entry.size) {
                return "the export has \(entry.size) QR codes and \(entry.indexes.count) of them \(entry.indexes.count == 1 ? "was" : "were") given; scan the others too"
            }
            return nil
        }
    }

    static func label(_ entry: AegisVault.SkippedEntry) -> String {
        let name = entry.issuer.isEmpty ? entry.name : entry.issuer + ": " + entry.name
        return entry.type.printable + " '" + name.printable + "'"
    }

    static func reason(_ reason: AegisVault.SkippedEntry.Reason, type: String) -> String {
        switch reason {
        case .unsupportedType: "the type \(type.quotedValue) is not supported (only totp, hotp and steam)"
        case .unsupportedAlgorithm(let name): "the algorithm \(name.quotedValue) is not supported"
        case .unsupportedDigits(let digits): "\(digits) digits is outside 6 to 10 (RFC 4226 §5.3)"
        case .emptyName: "it has no account name"
        }
    }

    /// `{"keys": [...], "skipped": [...]}`, one key or entry a line.
    static func json(_ keys: [KeyURI], skipped: [AegisVault.SkippedEntry]) -> String {
        let keyObjects = keys.map { key in
            var object = JSONObject()
            object.add("type", key.kind.rawValue)
            object.add("issuer", key.issuer)
            object.add("account", key.account)
            object.add("secret", Base32.encode(key.secret.revealed, padding: false))
            object.add("algorithm", key.algorithm.rawValue)
            object.add("digits", UInt64(key.digits))
            switch key.kind {
            case .totp: object.add("period", key.period)
            case .hotp: object.add("counter", key.counter)
            }
            object.add("steam", key.isSteamGuard)
            object.add("uri", key.uriString())
            return object.text
        }
        let skippedObjects = skipped.map { entry in
            var object = JSONObject()
            object.add("entry", UInt64(entry.index + 1))
            object.add("type", entry.type)
            object.add("issuer", entry.issuer)
            object.add("name", entry.name)
            object.add("reason", reason(entry.reason, type: entry.type))
            return object.text
        }
        func list(_ items: [String]) -> String {
            items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]"
        }
        return "{\n  \"keys\": " + list(keyObjects) + ",\n  \"skipped\": " + list(skippedObjects) + "\n}"
    }
}
