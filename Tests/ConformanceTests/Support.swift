// Support.swift
// Shared helpers: where the bundled vectors are, reading them, editing copies of them.

import Foundation
import Testing
@testable import Conformance

/// The package root, found from this file's path (Tests/ConformanceTests/Support.swift).
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

let vectorsDirectory = packageRoot.appendingPathComponent("Vectors")

/// The bytes of `Vectors/<relativePath>`.
func vectorBytes(_ relativePath: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: vectorsDirectory.appendingPathComponent(relativePath)))
}

/// Every file under Vectors/ that is not documentation, as paths relative to Vectors/, sorted.
func allVectorFiles() -> [String] {
    let root = vectorsDirectory.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    var files: [String] = []
    for case let relative as String in enumerator {
        var isDirectory: ObjCBool = false
        let full = root + "/" + relative
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
        if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
        if Conformance.isDocumentation(fileName: relative) { continue }
        files.append(relative)
    }
    return files.sorted()
}

/// The lines of `bytes` split at LF (a CR before it dropped), as raw bytes. (A Swift `String`
/// treats CRLF as one `Character`, so splitting a `String` at "\n" would miss CRLF lines.)
private func rawLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
}

/// The 1-based line numbers and texts (without CR/LF) of `bytes`.
func lines(of bytes: [UInt8]) -> [(number: Int, text: String)] {
    rawLines(bytes).enumerated().map { index, line in
        (index + 1, String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self))
    }
}

/// The 1-based number of the first line after `startLine` equal to `text` (trimmed).
func lineNumber(of text: String, in bytes: [UInt8], after startLine: Int = 0) -> Int? {
    lines(of: bytes).first { $0.number > startLine && $0.text.trimmingCharacters(in: .whitespaces) == text }?.number
}

/// `bytes` with line `number` (1-based) replaced by `newText`; the line ending is kept.
func replacingLine(_ number: Int, with newText: String, in bytes: [UInt8]) -> [UInt8] {
    var parts = rawLines(bytes).map(Array.init)
    let hadCR = parts[number - 1].last == 0x0D
    parts[number - 1] = Array(newText.utf8) + (hadCR ? [0x0D] : [])
    return Array(parts.joined(separator: [UInt8(ascii: "\n")]))
}

/// The text of line `number`, without CR.
func line(_ number: Int, of bytes: [UInt8]) -> String {
    lines(of: bytes)[number - 1].text
}

/// `Name = value` line with the last hex digit of the value changed to another hex digit.
func flippingLastHexDigit(_ fieldLine: String) -> String {
    var characters = Array(fieldLine)
    let last = characters.count - 1
    characters[last] = characters[last] == "0" ? "1" : "0"
    return String(characters)
}

/// Runs `check` and returns the thrown error, recording an issue when nothing is thrown.
func expectFileError(
    _ fileName: String, _ contents: [UInt8], sourceLocation: SourceLocation = #_sourceLocation
) -> VectorFileError? {
    do {
        let report = try Conformance.check(fileName: fileName, contents: contents)
        Issue.record("expected an error, got \(report.passed) passed / \(report.failed) failed", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// A small deterministic generator (SplitMix64) for reproducible garbage.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
