/// A JSON object written key by key (RFC 8259), for `--json` output.
struct JSONObject {
    private var members: [String] = []

    mutating func add(_ key: String, _ value: String?) {
        members.append(Self.quote(key) + ": " + (value.map(Self.quote) ?? "null"))
    }

    mutating func add(_ key: String, _ value: UInt64) {
        members.append(Self.quote(key) + ": \(value)")
    }

    mutating func add(_ key: String, _ value: Bool) {
        members.append(Self.quote(key) + ": \(value)")
    }

    mutating func add(_ key: String, object: JSONObject) {
        members.append(Self.quote(key) + ": " + object.text)
    }

    /// The object on one line.
    var text: String { "{" + members.joined(separator: ", ") + "}" }

    /// RFC 8259 §7: a string with `"`, `\` and control characters escaped.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
