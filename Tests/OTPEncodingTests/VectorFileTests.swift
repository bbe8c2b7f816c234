// VectorFileTests.swift
// Runs this module's vector files (Vectors/rfc4648/base32.txt, base16.txt,
// Vectors/swift-otp/base32-edge-cases.txt) so they are known to agree with the code.
// The full reader for the `key = value` format belongs to the Conformance module; this is a
// minimal one, enough to check these three files, and it also checks that they keep to the
// format (header first, unique ids, known keys).

import Foundation
import OTPEncoding
import Testing

/// One record of a `key = value` vector file.
struct VectorRecord {
    var fields: [String: String] = [:]
    var line = 0
}

enum VectorFile {
    /// The repository's Vectors directory, found from this source file's path.
    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()   // OTPEncodingTests
            .deletingLastPathComponent()   // Tests
            .deletingLastPathComponent()   // package root
            .appendingPathComponent("Vectors")
    }

    static func records(_ relativePath: String) throws -> [VectorRecord] {
        let text = try String(contentsOf: directory.appendingPathComponent(relativePath), encoding: .utf8)
        var records: [VectorRecord] = []
        var current = VectorRecord()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") { continue }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.fields.isEmpty { records.append(current) }
                current = VectorRecord()
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                Issue.record("\(relativePath):\(index + 1): no '='")
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if current.fields.isEmpty { current.line = index + 1 }
            #expect(current.fields[key] == nil, "\(relativePath):\(index + 1): repeated key \(key)")
            current.fields[key] = value
        }
        if !current.fields.isEmpty { records.append(current) }
        return records
    }

    /// The value of a quoted text field, with the escapes `\"`, `\\`, `\t`, `\n`, `\u{HEX}`.
    static func unquote(_ quoted: String) -> String? {
        let scalars = Array(quoted.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return nil }
        var result = String.UnicodeScalarView()
        var index = 1
        while index < scalars.count - 1 {
            let scalar = scalars[index]
            if scalar == "\"" { return nil }
            if scalar != "\\" {
                result.append(scalar)
                index += 1
                continue
            }
            guard index + 1 < scalars.count - 1 else { return nil }
            switch scalars[index + 1] {
            case "\"": result.append("\""); index += 2
            case "\\": result.append("\\"); index += 2
            case "t": result.append("\t"); index += 2
            case "n": result.append("\n"); index += 2
            case "u":
                guard index + 2 < scalars.count, scalars[index + 2] == "{",
                      let close = scalars[(index + 3)...].firstIndex(of: "}"),
                      let code = UInt32(String(String.UnicodeScalarView(scalars[(index + 3)..<close])), radix: 16),
                      let decoded = Unicode.Scalar(code)
                else { return nil }
                result.append(decoded)
                index = close + 1
            default: return nil
            }
        }
        return String(result)
    }

    static func hexBytes(_ hex: String) -> [UInt8]? {
        guard hex == hex.lowercased() else { return nil }
        return try? Base16.decode(hex)
    }

    static func error(named name: String, position: Int?) -> Base32Error? {
        switch (name, position) {
        case ("error:invalidCharacter", let p?): return .invalidCharacter(position: p)
        case ("error:invalidPadding", let p?): return .invalidPadding(position: p)
        case ("error:nonZeroTrailingBits", let p?): return .nonZeroTrailingBits(position: p)
        default: return nil
        }
    }
}

@Suite("Vector files")
struct VectorFileTests {
    static let base32Files = ["rfc4648/base32.txt", "swift-otp/base32-edge-cases.txt"]
    static let allowedKeys: Set<String> = ["id", "operation", "bytes", "text", "expect", "position"]

    @Test("Base32 vector files pass", arguments: base32Files)
    func base32(file: String) throws {
        let records = try VectorFile.records(file)
        let header = try #require(records.first)
        #expect(header.fields["kind"] == "base32")
        #expect(header.fields["source"].flatMap(VectorFile.unquote)?.isEmpty == false)
        var ids = Set<String>()
        for record in records.dropFirst() {
            let where_ = "\(file):\(record.line)"
            #expect(Set(record.fields.keys).isSubset(of: Self.allowedKeys), "\(where_)")
            let id = try #require(record.fields["id"], "\(where_)")
            #expect(ids.insert(id).inserted, "\(where_): duplicate id")
            let text = try #require(record.fields["text"].flatMap(VectorFile.unquote), "\(where_)")
            let operation = record.fields["operation"] ?? "roundtrip"

            if let expect = record.fields["expect"] {
                let decode: (String) throws(Base32Error) -> [UInt8]
                switch operation {
                case "decode": decode = Base32.decode
                case "decode-lenient": decode = Base32.decodeLenient
                default: Issue.record("\(where_): expect with operation \(operation)"); continue
                }
                var thrown: Base32Error?
                do { _ = try decode(text) } catch { thrown = error }
                let position = record.fields["position"].flatMap { Int($0) }
                if expect == "error:invalidLength" {
                    guard case .invalidLength = thrown else {
                        Issue.record("\(where_) \(id): got \(String(describing: thrown))")
                        continue
                    }
                    #expect(position == nil, "\(where_)")
                } else {
                    let expected = try #require(VectorFile.error(named: expect, position: position), "\(where_)")
                    #expect(thrown == expected, "\(where_) \(id)")
                }
                continue
            }

            let bytes = try #require(record.fields["bytes"].flatMap(VectorFile.hexBytes), "\(where_)")
            switch operation {
            case "roundtrip":
                #expect(Base32.encode(bytes) == text, "\(where_) \(id)")
                #expect(try Base32.decode(text) == bytes, "\(where_) \(id)")
            case "decode":
                #expect(try Base32.decode(text) == bytes, "\(where_) \(id)")
            case "decode-lenient":
                #expect(try Base32.decodeLenient(text) == bytes, "\(where_) \(id)")
            case "encode-unpadded":
                #expect(Base32.encode(bytes, padding: false) == text, "\(where_) \(id)")
            default:
                Issue.record("\(where_): unknown operation \(operation)")
            }
        }
        #expect(ids.count == records.count - 1)
        #expect(ids.count >= 7)
    }

    @Test("Base16 vector file passes")
    func base16() throws {
        let file = "rfc4648/base16.txt"
        let records = try VectorFile.records(file)
        let header = try #require(records.first)
        #expect(header.fields["kind"] == "base16")
        #expect(records.count == 8)
        for record in records.dropFirst() {
            let where_ = "\(file):\(record.line)"
            #expect((record.fields["operation"] ?? "roundtrip") == "roundtrip", "\(where_)")
            let text = try #require(record.fields["text"].flatMap(VectorFile.unquote), "\(where_)")
            let bytes = try #require(record.fields["bytes"].flatMap(VectorFile.hexBytes), "\(where_)")
            #expect(Base16.encode(bytes) == text, "\(where_)")
            #expect(try Base16.decode(text) == bytes, "\(where_)")
        }
    }

    @Test("the edge-case file has at least 40 cases")
    func edgeCaseCount() throws {
        #expect(try VectorFile.records("swift-otp/base32-edge-cases.txt").count - 1 >= 40)
    }
}
