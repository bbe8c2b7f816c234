// Runner.swift
// Walks the paths, checks each vector file through Conformance, prints the verdicts and keeps
// the totals that decide the exit status.

import Conformance

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

struct Runner {
    /// Failed cases listed per file before "… and K more".
    var failuresShownPerFile: Int

    private(set) var passed = 0
    private(set) var failed = 0
    private(set) var filesChecked = 0
    private(set) var errors = 0
    /// Directories already walked, so a symbolic-link loop is entered once.
    private var visited: Set<FileIdentity> = []

    init(failuresShownPerFile: Int) {
        self.failuresShownPerFile = failuresShownPerFile
    }

    /// 0 every vector passed and at least one ran; 1 some failed; 2 an error (takes precedence).
    var exitStatus: Int32 {
        if errors > 0 { return 2 }
        if failed > 0 || passed == 0 { return 1 }
        return 0
    }

    /// Checks `path`: a file, or a directory searched recursively in sorted order.
    mutating func walk(_ path: String, explicit: Bool) {
        let kind: PathKind
        do {
            kind = try pathKind(path)
        } catch {
            reportError(path, error.message)
            return
        }
        switch kind {
        case .file:
            if !Conformance.isDocumentation(fileName: path) { checkFile(path) }
        case .directory(let identity):
            guard visited.insert(identity).inserted else { return }
            let names: [String]
            do {
                names = try directoryEntries(path)
            } catch {
                reportError(path, error.message)
                return
            }
            for name in names where !Conformance.isDocumentation(fileName: name) {
                walk(joinPath(path, name), explicit: false)
            }
        case .other:
            // A FIFO or a device is no vector file; saying so beats skipping it silently.
            reportError(path, explicit ? "not a regular file or directory" : "not a regular file")
        }
    }

    /// Prints the summary line (after an error line if nothing at all was found).
    mutating func finish(paths: [String]) {
        if filesChecked == 0, errors == 0 {
            reportError(paths.joined(separator: " "), "no vector files found")
        }
        print("\(passed) passed, \(failed) failed")
    }

    private mutating func checkFile(_ path: String) {
        let contents: [UInt8]
        do {
            contents = try readFile(path)
        } catch {
            reportError(path, error.message)
            return
        }
        let report: FileReport
        do {
            report = try Conformance.check(fileName: path, contents: contents)
        } catch {
            reportError(path, error.message)
            return
        }
        filesChecked += 1
        passed += report.passed
        failed += report.failed
        if report.allPassed {
            print("PASS  \(path)  (\(report.passed) \(report.passed == 1 ? "case" : "cases"))")
            return
        }
        print("FAIL  \(path)  (\(report.passed) passed, \(report.failed) failed)")
        for failure in report.failures.prefix(failuresShownPerFile) {
            print("      \(failure)")
        }
        if report.failed > failuresShownPerFile {
            print("      … and \(report.failed - failuresShownPerFile) more")
        }
    }

    private mutating func reportError(_ path: String, _ message: String) {
        print("ERROR \(path): \(message)")
        errors += 1
    }
}

/// Writes `text` to standard error, unbuffered.
func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { buffer in
        _ = write(2, buffer.baseAddress, buffer.count)
    }
}
