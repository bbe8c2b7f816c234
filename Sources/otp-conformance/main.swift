// main.swift
// otp-conformance: folders of vector files in, a verdict per file out.
//
// All reading of vector formats and all checking lives in the Conformance library (shared with
// `swift test`); this file only parses arguments, and Runner walks paths, reads bytes, starts
// the implementation under test and prints.

import Conformance

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

let placeholderHelp = CommandTemplate.Placeholder.allCases
    .map { "        {\($0.rawValue)}" + String(repeating: " ", count: max(1, 24 - $0.rawValue.count)) + $0.meaning }
    .joined(separator: "\n")

let usage = """
    Usage: otp-conformance [OPTIONS] [PATH ...]

    Runs every vector file under each PATH (default: Vectors/) against swift-otp and prints one
    line per file, then a summary line "N passed, M failed".

    PATH is a vector file or a directory, searched recursively in sorted order. Documentation
    (README*, Readme.txt, LICENSE*, *.md), dotfiles and anything in a directory named `schemas`
    are skipped by name. The format is chosen by file name (NIST SHAVS SHA*ShortMsg/LongMsg/
    Monte.rsp, NIST HMACVS HMAC.rsp, RFC 2202/4231 rfc-*-sha*.txt, RFC 4226/6238 rfc-4226.txt and
    rfc-6238.txt), by the `schema` of a *.json file (Wycheproof mac_test_schema_v1.json) or, for
    swift-otp's own key = value files, by their `kind = …` header
    (\(Conformance.keyValueKinds.joined(separator: ", "))).

    Output (standard output):
      PASS  <path>  (<n> cases)
      FAIL  <path>  (<n> passed, <m> failed), then one indented line per failed case
      ERROR <path>: <reason>           unreadable path, unrecognised or malformed file
      N passed, M failed               always the last line

    Options:
      --json              Print one JSON document instead (per file: status, counts, and per
                          failed case: file, line, id, expected, got, flags, inputs).
      --junit FILE        Also write a JUnit XML report to FILE (one testsuite per file, one
                          testcase per case).
      --list              List the files that would run, their format and case count; check
                          nothing. Ends with "N cases in F files".
      --filter GLOB       Run only files whose path below the PATH argument matches GLOB: `*`
                          and `?` within a path segment, `**` for any number of segments, `\\`
                          to escape. Repeatable (a file matching any runs). Example:
                          --filter 'wycheproof/**' --filter '**/rfc-*.txt'
      -v, --verbose       Show every failed case, with its inputs, and skipped files.
      --implementation CMD
                          Run the HOTP/TOTP vectors (rfc-4226.txt, rfc-6238.txt and kind = hotp
                          / totp files) through another program instead of swift-otp; other
                          files are skipped. CMD is a template, split into words without a
                          shell ('…' and "…" quote, \\ escapes) with placeholders replaced in
                          each word; the program must print the code and exit 0, and must exit
                          non-zero for a vector that expects an error. Placeholders:
    \(placeholderHelp)
                          `{{` and `}}` are literal braces.
      --implementation-hotp CMD, --implementation-totp CMD
                          A template for HOTP or TOTP cases only (overrides --implementation
                          for that mode; files of a mode without a template are skipped).
      --skip-unsupported  With --implementation: a case with an expected code that the program
                          refuses (non-zero exit) is skipped and listed, not failed. A wrong
                          code is still a failure.
      --timeout SECONDS   With --implementation: kill a command after SECONDS (default 10).
      -h, --help          Show this help.

    Exit status:
      0  every vector passed and at least one ran (--list: the files could be read)
      1  some vector failed
      2  a path was unreadable, a file was unrecognised or malformed, no vector file was found,
         --junit could not be written, or the command line was wrong
    """

// MARK: - Arguments

/// Prints a usage error and exits 2.
func usageError(_ message: String) -> Never {
    writeToStandardError("otp-conformance: \(message)\nSee 'otp-conformance --help'.\n")
    exit(2)
}

func parseTemplate(_ text: String, option: String) -> CommandTemplate {
    do {
        return try CommandTemplate(parsing: text)
    } catch {
        usageError("\(option): \(error)")
    }
}

var options = Options()
var implementationAll: CommandTemplate?
var implementationHOTP: CommandTemplate?
var implementationTOTP: CommandTemplate?
var skipUnsupported = false
var timeout = 10
var optionsEnded = false
var arguments = CommandLine.arguments.dropFirst()[...]

while let argument = arguments.popFirst() {
    if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
        options.paths.append(argument)
        continue
    }
    // `--name=value` or `--name value`.
    var name = argument
    var inlineValue: String?
    if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
    }
    func value() -> String {
        if let inlineValue { return inlineValue }
        guard let next = arguments.popFirst() else { usageError("\(name) needs a value") }
        return next
    }
    func noValue() {
        if inlineValue != nil { usageError("\(name) takes no value") }
    }
    switch name {
    case "-h", "--help":
        print(usage)
        exit(0)
    case "--":
        optionsEnded = true
    case "--json": noValue(); options.json = true
    case "--junit": options.junitPath = value()
    case "--list": noValue(); options.list = true
    case "--filter": options.filters.append(Glob(value()))
    case "-v", "--verbose": noValue(); options.verbose = true
    case "--implementation": implementationAll = parseTemplate(value(), option: name)
    case "--implementation-hotp": implementationHOTP = parseTemplate(value(), option: name)
    case "--implementation-totp": implementationTOTP = parseTemplate(value(), option: name)
    case "--skip-unsupported": noValue(); skipUnsupported = true
    case "--timeout":
        let text = value()
        guard let seconds = Int(text), seconds >= 1, seconds <= 3600 else { usageError("--timeout: '\(text)' is not a number of seconds from 1 to 3600") }
        timeout = seconds
    default:
        usageError("unknown option '\(argument)'")
    }
}

let hotpTemplate = implementationHOTP ?? implementationAll
let totpTemplate = implementationTOTP ?? implementationAll
if hotpTemplate != nil || totpTemplate != nil {
    options.implementation = Implementation(hotp: hotpTemplate, totp: totpTemplate, skipUnsupported: skipUnsupported, timeout: timeout)
} else if skipUnsupported {
    usageError("--skip-unsupported needs --implementation")
}
if options.paths.isEmpty { options.paths = ["Vectors/"] }

// MARK: - Run

var runner = Runner(options: options)
for path in options.paths {
    runner.walk(path, relative: "", explicit: true)
}
exit(runner.finish())
