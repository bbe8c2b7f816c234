// Runner.swift
// Walks the paths, checks each vector file through Conformance (or, with --implementation,
// runs its OTP vectors through another program), prints the human report as it goes, and
// keeps every outcome for the JSON and JUnit reports and the exit status.

import Conformance

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The implementation under test: one template per OTP mode (nil: that mode is not run).
struct Implementation {
    var hotp: CommandTemplate?
    var totp: CommandTemplate?
    var skipUnsupported: Bool
    var timeout: Int

    func template(for mode: OTPVector.Mode) -> CommandTemplate? {
        mode == .hotp ? hotp : totp
    }
}

struct Options {
    var paths: [String] = []
    var json = false
    var junitPath: String?
    var list = false
    var filters: [Glob] = []
    var verbose = false
    var implementation: Implementation?
    /// Failed cases shown per file in the human report before "… and K more" (all with --verbose).
    var failuresShownPerFile = 10
}

struct Runner {
    let options: Options
    private(set) var report = RunReport()
    /// `--list`: (path, format, cases) per file.
    private(set) var listed: [(path: String, format: String, cases: Int)] = []
    /// Directories already walked, so a symbolic-link loop is entered once.
    private var visited: Set<FileIdentity> = []
    /// Whether the human report goes to standard output (not with --json).
    private var human: Bool { !options.json }

    init(options: Options) {
        self.options = options
    }

    /// Checks `path`: a file, or a directory searched recursively in sorted order. `relative`
    /// is the path below the command-line argument that `--filter` matches (for a file given
    /// on the command line: its name).
    mutating func walk(_ path: String, relative: String, explicit: Bool) {
        let kind: PathKind
        do {
            kind = try pathKind(path)
        } catch {
            record(.error(path: path, line: nil, message: error.message))
            return
        }
        switch kind {
        case .file:
            guard !Conformance.isDocumentation(fileName: path) else { return }
            let relativePath = relative.isEmpty ? String(path.split(separator: "/").last ?? Substring(path)) : relative
            guard options.filters.isEmpty || options.filters.contains(where: { $0.matches(relativePath) }) else { return }
            visitFile(path)
        case .directory(let identity):
            guard visited.insert(identity).inserted else { return }
            let names: [String]
            do {
                names = try directoryEntries(path)
            } catch {
                record(.error(path: path, line: nil, message: error.message))
                return
            }
            for name in names where !Conformance.isDocumentation(fileName: name) {
                walk(joinPath(path, name), relative: relative.isEmpty ? name : relative + "/" + name, explicit: false)
            }
        case .other:
            // A FIFO or a device is no vector file; saying so beats skipping it silently.
            record(.error(path: path, line: nil, message: explicit ? "not a regular file or directory" : "not a regular file"))
        }
    }

    /// Prints the end of the report and writes the JUnit file; returns the exit status.
    mutating func finish() -> Int32 {
        if options.list { return finishList() }
        if report.outcomes.isEmpty {
            let why = options.filters.isEmpty ? "no vector files found" : "no vector file matches --filter"
            record(.error(path: options.paths.joined(separator: " "), line: nil, message: why))
        } else if report.outcomes.allSatisfy({ if case .skipped = $0 { true } else { false } }) {
            record(.error(path: options.paths.joined(separator: " "), line: nil, message: "no file holds vectors the implementation can run"))
        }
        if human, !options.verbose, report.skippedFiles > 0 {
            let count = report.skippedFiles
            print("SKIP  \(count) \(count == 1 ? "file" : "files") without vectors the implementation can run (--verbose lists them)")
        }
        var status = report.exitStatus
        if let junitPath = options.junitPath {
            do {
                try writeFile(junitPath, report.junitXML())
            } catch {
                writeToStandardError("otp-conformance: cannot write --junit \(junitPath): \(error.message)\n")
                status = 2
            }
        }
        if options.json {
            print(report.json(), terminator: "")
        } else {
            print(report.summaryLine)
        }
        return status
    }

    // MARK: - Files

    private mutating func visitFile(_ path: String) {
        let contents: [UInt8]
        do {
            contents = try readFile(path)
        } catch {
            record(.error(path: path, line: nil, message: error.message))
            return
        }
        if options.list {
            listFile(path, contents)
        } else if let implementation = options.implementation {
            runImplementation(implementation, path, contents)
        } else {
            do {
                record(.checked(try Conformance.check(fileName: path, contents: contents)))
            } catch {
                record(.error(path: path, line: error.line, message: error.detail))
            }
        }
    }

    private mutating func listFile(_ path: String, _ contents: [UInt8]) {
        do {
            if options.implementation != nil {
                guard let found = try Conformance.otpVectors(fileName: path, contents: contents) else { return }
                let runnable = found.vectors.filter { options.implementation?.template(for: $0.mode) != nil }
                guard !runnable.isEmpty else { return }
                listed.append((path, found.format, runnable.count))
            } else {
                let inventory = try Conformance.inventory(fileName: path, contents: contents)
                listed.append((path, inventory.format, inventory.caseCount))
            }
            if human { print("\(path)  \(listed[listed.count - 1].format)  (\(plural(listed[listed.count - 1].cases, "case")))") }
        } catch {
            record(.error(path: path, line: error.line, message: error.detail))
        }
    }

    private mutating func runImplementation(_ implementation: Implementation, _ path: String, _ contents: [UInt8]) {
        let found: (format: String, vectors: [OTPVector])
        do {
            guard let vectors = try Conformance.otpVectors(fileName: path, contents: contents) else {
                record(.skipped(path: path, reason: "no HOTP/TOTP vectors"))
                return
            }
            found = vectors
        } catch {
            record(.error(path: path, line: error.line, message: error.detail))
            return
        }
        var passed: [CaseReference] = []
        var failures: [CaseFailure] = []
        var skipped: [CaseSkip] = []
        var ranAny = false
        for vector in found.vectors {
            guard let template = implementation.template(for: vector.mode) else { continue }
            ranAny = true
            let verdict: ImplementationVerdict
            var inputs = vector.inputs
            switch template.arguments(for: vector) {
            case .failure(let why):
                verdict = .refused([Mismatch(field: vector.mode == .hotp ? "HOTP" : "TOTP", expected: vectorExpectation(vector), got: why.description)])
            case .success(let arguments):
                inputs.append(CaseInput(name: "command", value: shellQuoted(arguments)))
                verdict = vector.judge(runSubprocess(arguments, timeout: implementation.timeout))
            }
            switch verdict {
            case .passed:
                passed.append(CaseReference(line: vector.line, caseID: vector.caseID))
            case .refused(let mismatches) where implementation.skipUnsupported:
                skipped.append(CaseSkip(line: vector.line, caseID: vector.caseID, reason: mismatches.map(\.got).joined(separator: "; ")))
            case .failed(let mismatches), .refused(let mismatches):
                failures.append(CaseFailure(line: vector.line, caseID: vector.caseID, mismatches: mismatches, inputs: inputs))
            }
        }
        guard ranAny else {
            let mode = found.vectors.first?.mode == .hotp ? "HOTP" : "TOTP"
            record(.skipped(path: path, reason: "no \(mode) template (--implementation or --implementation-\(mode.lowercased()))"))
            return
        }
        record(.checked(FileReport(
            fileName: path, format: found.format + " via the implementation under test",
            passedCases: passed, failures: failures, skipped: skipped)))
    }

    private func vectorExpectation(_ vector: OTPVector) -> String {
        switch vector.expected {
        case .code(let code): code
        case .error(let name): "a refusal (error:\(name))"
        }
    }

    // MARK: - Output

    /// Keeps an outcome and prints its human lines.
    private mutating func record(_ outcome: FileOutcome) {
        report.outcomes.append(outcome)
        guard human else { return }
        switch outcome {
        case .checked(let file):
            let skippedNote = file.skipped.isEmpty ? "" : ", \(file.skipped.count) skipped"
            if file.allPassed {
                print("PASS  \(file.fileName)  (\(plural(file.passed, "case"))\(skippedNote))")
            } else {
                print("FAIL  \(file.fileName)  (\(file.passed) passed, \(file.failed) failed\(skippedNote))")
                let shown = options.verbose ? file.failures.count : options.failuresShownPerFile
                for failure in file.failures.prefix(shown) {
                    print("      \(failure)")
                    if options.verbose {
                        for input in failure.inputs { print("          \(input)") }
                    }
                }
                if file.failed > shown {
                    print("      … and \(file.failed - shown) more (--verbose shows all)")
                }
            }
            if options.verbose {
                for skip in file.skipped { print("      skipped line \(skip.line), \(skip.caseID): \(skip.reason)") }
            }
        case .error(let path, let line, let message):
            print("ERROR \(path): " + (line.map { "line \($0): " } ?? "") + message)
        case .skipped(let path, let reason):
            if options.verbose { print("SKIP  \(path)  (\(reason))") }
        }
    }

    private func finishList() -> Int32 {
        let total = listed.reduce(0) { $0 + $1.cases }
        if listed.isEmpty, report.errors == 0 {
            let why = options.filters.isEmpty ? "no vector files found" : "no vector file matches --filter"
            if human { print("ERROR \(options.paths.joined(separator: " ")): \(why)") }
            return 2
        }
        if options.json {
            let files = listed.map { entry in
                "{\"file\": \(jsonQuoted(entry.path)), \"format\": \(jsonQuoted(entry.format)), \"cases\": \(entry.cases)}"
            }
            print("{\n  \"cases\": \(total),\n  \"errors\": \(report.errors),\n  \"files\": [\n    " + files.joined(separator: ",\n    ") + "\n  ]\n}")
        } else {
            print("\(plural(total, "case")) in \(plural(listed.count, "file"))")
        }
        return report.errors > 0 ? 2 : 0
    }
}

/// `1 case`, `3 cases`.
func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// Writes `text` to standard error, unbuffered.
func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { buffer in
        _ = write(2, buffer.baseAddress, buffer.count)
    }
}
