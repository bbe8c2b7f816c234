// main.swift
// otp-conformance: folders of vector files in, a verdict per file out.
//
// All reading of vector formats and all checking lives in the Conformance library (shared with
// `swift test`); this file only walks paths, reads bytes and prints.

import Conformance

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
    USAGE: otp-conformance [PATH ...]

    Runs every vector file under each PATH (default: Vectors/) against swift-otp and prints one
    line per file, then a summary line "N passed, M failed".

    PATH is a vector file or a directory, searched recursively in sorted order. Documentation
    (README*, Readme.txt, LICENSE*, *.md) and dotfiles are skipped by name. The format is chosen
    by file name (NIST SHAVS SHA*ShortMsg/LongMsg/Monte.rsp, NIST HMACVS HMAC.rsp, RFC 2202/4231
    rfc-*-sha*.txt, RFC 4226/6238 rfc-4226.txt and rfc-6238.txt) or, for swift-otp's own
    key = value files, by their `kind = …` header (\(Conformance.keyValueKinds.joined(separator: ", "))).

    Output (standard output):
      PASS  <path>  (<n> cases)
      FAIL  <path>  (<n> passed, <m> failed), then one indented line per failed case
      ERROR <path>: <reason>           unreadable path, unrecognised or malformed file

    EXIT STATUS:
      0  every vector passed and at least one ran
      1  some vector failed
      2  a path was unreadable, a file was unrecognised or malformed, no vector file was found,
         or the command line was wrong

    OPTIONS:
      -h, --help   Show this help.
    """

// MARK: - Arguments

var paths: [String] = []
var optionsEnded = false
for argument in CommandLine.arguments.dropFirst() {
    if !optionsEnded, argument == "-h" || argument == "--help" {
        print(usage)
        exit(0)
    } else if !optionsEnded, argument == "--" {
        optionsEnded = true
    } else if !optionsEnded, argument.hasPrefix("-"), argument != "-" {
        writeToStandardError("otp-conformance: unknown option '\(argument)'\nSee 'otp-conformance --help'.\n")
        exit(2)
    } else {
        paths.append(argument)
    }
}
if paths.isEmpty { paths = ["Vectors/"] }

// MARK: - Run

var runner = Runner(failuresShownPerFile: 10)
for path in paths {
    runner.walk(path, explicit: true)
}
runner.finish(paths: paths)
exit(runner.exitStatus)
