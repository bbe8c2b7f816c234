// WycheproofCheck.swift
// Wycheproof MAC test files (`testvectors_v1/hmac_*_test.json`, schema `mac_test_schema_v1.json`),
// read unchanged. MANIFEST §9 and Vectors/README.md describe the format:
//
//   { "algorithm": "HMACSHA256", "schema": "mac_test_schema_v1.json", "numberOfTests": 174,
//     "header": [...], "notes": { "<flag>": { "bugType": ..., "description": ... } },
//     "testGroups": [ { "type": "MacTest", "source": {...}, "keySize": 256, "tagSize": 128,
//                       "tests": [ { "tcId": 1, "comment": ..., "flags": [...], "key": hex,
//                                    "msg": hex, "tag": hex, "result": "valid" } ] } ] }
//
// A test: full = HMAC(key, msg); it matches when `tag` is exactly tagSize/8 bytes and equals the
// leftmost tagSize/8 bytes of `full` (checked with the library's constant-time `isValidTag`).
// `valid` must match, `invalid` must not, `acceptable` passes either way. The schema forbids
// extra properties and requires every field, so an unknown or missing one is a format error.

import OTPCrypto

/// The `algorithm` values of the MAC files and the hash each names.
let wycheproofMACAlgorithms: [(name: String, variant: HashVariant)] = [
    ("HMACSHA1", .sha1), ("HMACSHA224", .sha224), ("HMACSHA256", .sha256), ("HMACSHA384", .sha384),
    ("HMACSHA512", .sha512), ("HMACSHA512/224", .sha512_224), ("HMACSHA512/256", .sha512_256),
]

/// The one Wycheproof schema with a check.
let wycheproofMACSchema = "mac_test_schema_v1.json"

/// A JSON file: recognised by its top-level `schema`.
func checkJSONFile(_ contents: [UInt8]) throws(FormatError) -> (String, ReportBuilder) {
    try checkWycheproofMAC(try recognisedWycheproofFile(contents))
}

/// The top-level object of a JSON file whose `schema` has a check.
private func recognisedWycheproofFile(_ contents: [UInt8]) throws(FormatError) -> JSONObject {
    let root = try readJSON(contents)
    let top = try JSONObject(root, name: "the top-level value")
    guard let schemaValue = top.value("schema") else {
        throw FormatError(line: root.line, .unrecognisedFormat("a JSON file without a Wycheproof \"schema\""))
    }
    guard case .string(let schema) = schemaValue.kind, schema == wycheproofMACSchema else {
        let shown = if case .string(let text) = schemaValue.kind { "\"\(shortened(text))\"" } else { schemaValue.typeName }
        throw FormatError(line: schemaValue.line, .unrecognisedFormat(
            "Wycheproof schema \(shown) has no check (supported: \(wycheproofMACSchema))"))
    }
    return top
}

/// The format and the number of tests of a Wycheproof file, without checking them.
func countJSONFile(_ contents: [UInt8]) throws(FormatError) -> (format: String, caseCount: Int) {
    let top = try recognisedWycheproofFile(contents)
    let algorithm = (try? top.string("algorithm")) ?? "?"
    var count = 0
    for group in try top.array("testGroups") {
        count += try JSONObject(group, name: "a test group").array("tests").count
    }
    let variant = wycheproofMACAlgorithms.first { $0.name == algorithm }?.variant
    return ("Wycheproof MAC, " + (variant.map { "HMAC-" + $0.displayName } ?? shortened(algorithm)), count)
}

/// Parses JSON, turning a syntax error into a format error at its line.
func readJSON(_ contents: [UInt8]) throws(FormatError) -> JSONValue {
    do {
        return try parseJSON(contents)
    } catch {
        throw FormatError(line: error.line, .invalidJSON(column: error.column, detail: error.problem.description))
    }
}

/// Checks every test of a `mac_test_schema_v1.json` file.
private func checkWycheproofMAC(_ top: JSONObject) throws(FormatError) -> (String, ReportBuilder) {
    try top.requireMembers(["algorithm", "header", "notes", "numberOfTests", "schema", "testGroups"], optional: ["generatorVersion"])
    let algorithmValue = try top.member("algorithm")
    let algorithm = try top.string("algorithm")
    guard let variant = wycheproofMACAlgorithms.first(where: { $0.name == algorithm })?.variant else {
        throw FormatError(line: algorithmValue.line, .invalidValue(
            field: "algorithm", value: shortened(algorithm),
            expected: "one of " + wycheproofMACAlgorithms.map(\.name).joined(separator: ", ")))
    }
    for line in try top.array("header") { _ = try line.requireString("header[]") }
    let flagNames = try readNotes(try top.member("notes"))
    let declaredCount = try top.integer("numberOfTests")

    var report = ReportBuilder()
    var seenIDs = Set<Int>()
    for groupValue in try top.array("testGroups") {
        let group = try JSONObject(groupValue, name: "a test group")
        try group.requireMembers(["type", "source", "keySize", "tagSize", "tests"])
        let type = try group.string("type")
        guard type == "MacTest" else {
            throw FormatError(line: try group.member("type").line, .invalidValue(field: "type", value: shortened(type), expected: "MacTest"))
        }
        let source = try JSONObject(try group.member("source"), name: "source")
        try source.requireMembers(["name", "version"], allowOthers: true)
        _ = try source.string("name")
        _ = try source.string("version")
        let keySize = try group.integer("keySize")
        let tagSize = try group.integer("tagSize")
        let digestBits = variant.digestByteCount * 8
        guard keySize >= 0, keySize % 8 == 0 else {
            throw FormatError(line: try group.member("keySize").line, .invalidValue(
                field: "keySize", value: String(keySize), expected: "a whole number of bytes, in bits"))
        }
        guard tagSize > 0, tagSize <= digestBits, tagSize % 8 == 0 else {
            throw FormatError(line: try group.member("tagSize").line, .invalidValue(
                field: "tagSize", value: String(tagSize), expected: "a whole number of bytes, in bits, from 8 to \(digestBits)"))
        }
        let tagBytes = tagSize / 8

        for testValue in try group.array("tests") {
            let test = try JSONObject(testValue, name: "a test")
            try test.requireMembers(["tcId", "comment", "key", "msg", "tag", "result", "flags"])
            let tcIdValue = try test.member("tcId")
            let tcId = try test.integer("tcId")
            guard seenIDs.insert(tcId).inserted else { throw FormatError(line: tcIdValue.line, .duplicateID("tcId \(tcId)")) }
            let comment = try test.string("comment")
            let key = try test.hex("key")
            guard key.count * 8 == keySize else {
                throw FormatError(line: try test.member("key").line, .lengthMismatch(field: "key", expected: keySize / 8, actual: key.count))
            }
            let message = try test.hex("msg")
            let tag = try test.hex("tag")
            let resultValue = try test.member("result")
            let result = try test.string("result")
            guard ["valid", "invalid", "acceptable"].contains(result) else {
                throw FormatError(line: resultValue.line, .invalidValue(field: "result", value: shortened(result), expected: "valid, invalid or acceptable"))
            }
            var flags: [String] = []
            for flagValue in try test.array("flags") {
                let flag = try flagValue.requireString("flags[]")
                guard flagNames.contains(flag) else {
                    throw FormatError(line: flagValue.line, .invalidValue(field: "flags", value: shortened(flag), expected: "a flag described in \"notes\""))
                }
                flags.append(flag)
            }

            let full = variant.hmac(key: key, message: message)
            let matches = tag.count == tagBytes && full.isValidTag(tag)
            let computed = hexString(full.prefix(tagBytes) ?? full)
            var mismatches: [Mismatch] = []
            switch (result, matches) {
            case ("valid", false):
                mismatches.append(mismatch("tag", expected: hexString(tag), got: computed))
            case ("invalid", true):
                mismatches.append(mismatch("verify", expected: "reject (result invalid)", got: "accepted"))
            default:
                break
            }
            report.record(
                line: testValue.line, caseID: "tcId \(tcId)", mismatches: mismatches,
                inputs: [
                    caseInput("comment", quote(comment)), caseInput("keySize", String(keySize)),
                    caseInput("tagSize", String(tagSize)), caseInput("key", hexString(key)),
                    caseInput("msg", hexString(message)), caseInput("tag", hexString(tag)),
                    caseInput("result", result),
                ],
                flags: flags)
        }
    }
    guard report.caseCount == declaredCount else {
        throw FormatError(line: try top.member("numberOfTests").line, .invalidValue(
            field: "numberOfTests", value: String(declaredCount), expected: "the number of tests in the file, \(report.caseCount)"))
    }
    let displayName = "HMAC-" + variant.displayName
    return ("Wycheproof MAC, \(displayName)", report)
}

/// `notes`: flag name -> { bugType (required), description, effect, links, cves }. Returns the names.
private func readNotes(_ value: JSONValue) throws(FormatError) -> Set<String> {
    let notes = try JSONObject(value, name: "notes")
    var names = Set<String>()
    for member in notes.members {
        let note = try JSONObject(member.value, name: "note \"\(shortened(member.name))\"")
        try note.requireMembers(["bugType"], optional: ["description", "effect", "links", "cves"])
        _ = try note.string("bugType")
        names.insert(member.name)
    }
    return names
}

// MARK: - Reading JSON objects strictly

/// An object read against a schema: names must be unique; unknown and missing names are errors.
struct JSONObject {
    var members: [JSONMember]
    var line: Int

    /// - Parameter name: what the value should be, for the message when it is not an object.
    init(_ value: JSONValue, name: String) throws(FormatError) {
        guard case .object(let members) = value.kind else {
            throw FormatError(line: value.line, .invalidValue(field: name, value: value.typeName, expected: "an object"))
        }
        var seen = Set<String>()
        for member in members where !seen.insert(member.name).inserted {
            throw FormatError(line: member.line, .duplicateField(shortened(member.name)))
        }
        self.members = members
        line = value.line
    }

    func value(_ name: String) -> JSONValue? {
        members.first { $0.name == name }?.value
    }

    /// Checks that every name in `required` is there and, unless `allowOthers`, that every
    /// member is in `required` or `optional`.
    func requireMembers(_ required: [String], optional: [String] = [], allowOthers: Bool = false) throws(FormatError) {
        if !allowOthers {
            for member in members where !required.contains(member.name) && !optional.contains(member.name) {
                throw FormatError(line: member.line, .unexpectedField(shortened(member.name)))
            }
        }
        for name in required where value(name) == nil {
            throw FormatError(line: line, .missingField(name))
        }
    }

    func member(_ name: String) throws(FormatError) -> JSONValue {
        guard let found = value(name) else { throw FormatError(line: line, .missingField(name)) }
        return found
    }

    func string(_ name: String) throws(FormatError) -> String {
        try member(name).requireString(name)
    }

    func integer(_ name: String) throws(FormatError) -> Int {
        let found = try member(name)
        guard let number = found.integer else {
            let shown = if case .number(let literal) = found.kind { shortened(literal) } else { found.typeName }
            throw FormatError(line: found.line, .invalidNumber(field: name, value: shown))
        }
        return number
    }

    func array(_ name: String) throws(FormatError) -> [JSONValue] {
        let found = try member(name)
        guard case .array(let elements) = found.kind else {
            throw FormatError(line: found.line, .invalidValue(field: name, value: found.typeName, expected: "an array"))
        }
        return elements
    }

    /// A string of hex digits (possibly empty) as bytes.
    func hex(_ name: String) throws(FormatError) -> [UInt8] {
        let found = try member(name)
        let text = try found.requireString(name)
        do {
            return try decodeHex(ArraySlice(text.utf8))
        } catch {
            throw FormatError(line: found.line, .invalidHex(field: name, detail: error.detail))
        }
    }
}

extension JSONValue {
    func requireString(_ name: String) throws(FormatError) -> String {
        guard case .string(let text) = kind else {
            throw FormatError(line: line, .invalidValue(field: name, value: typeName, expected: "a string"))
        }
        return text
    }
}
