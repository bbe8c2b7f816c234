// RunnerTests.swift
// The built `otp-conformance` executable: exit statuses, mutated copies of each kind of file,
// the --json / --junit / --list / --filter reports, and --implementation against oathtool.

import Foundation
import Testing
@testable import Conformance

/// The `otp-conformance` executable beside this test bundle (`swift build` puts every product
/// of the package in one directory).
private let runnerExecutable: URL = {
    let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var directory = bundle.deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("otp-conformance")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    return bundle.deletingLastPathComponent().appendingPathComponent("otp-conformance")
}()

private struct Output {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

private func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil) throws -> Output {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
                  standardError: String(decoding: errData, as: UTF8.self))
}

private func runner(_ arguments: String..., in directory: URL? = nil) throws -> Output {
    try run(runnerExecutable, arguments, in: directory)
}

/// A fresh temporary directory, removed by the caller.
private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("otp-conformance-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Copies a file of Vectors/, edited, into `directory` under `name`.
private func writeCopy(_ relativePath: String, to directory: URL, name: String? = nil, edit: ([UInt8]) throws -> [UInt8] = { $0 }) throws {
    let bytes = try edit(try vectorBytes(relativePath))
    try Data(bytes).write(to: directory.appendingPathComponent(name ?? (relativePath as NSString).lastPathComponent))
}

/// `bytes` with the first line after `start` containing `old` changed to contain `new`.
private func replacingText(_ old: String, with new: String, afterLineWith anchor: String, in bytes: [UInt8]) throws -> [UInt8] {
    let start = try #require(lines(of: bytes).first { $0.text.contains(anchor) }?.number)
    let target = try #require(lines(of: bytes).first { $0.number >= start && $0.text.contains(old) })
    return replacingLine(target.number, with: target.text.replacingOccurrences(of: old, with: new), in: bytes)
}

private let oathtoolPath = ["/usr/bin/oathtool", "/usr/local/bin/oathtool"].first { FileManager.default.isExecutableFile(atPath: $0) }
private let python3Path = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// The templates README.md documents for oathtool.
let oathtoolTOTPTemplate = "oathtool --totp={algorithm_lower} --digits={digits} --time-step-size={period}s --start-time=@{t0} --now=@{time} {secret_hex}"
let oathtoolHOTPTemplate = "oathtool --hotp --digits={digits} --counter={counter} {secret_hex}"

/// Every case of Vectors/otp and Vectors/rfc/otp that oathtool 2.6.7 fails, as README.md lists them.
let oathtoolFailures: Set<String> = {
    var failures = Set<String>()
    // 9 and 10 digits: "only digits 6, 7 and 8 are supported".
    for counter in 0...9 { failures.insert("hotp.txt rfc4226-counter-\(counter)-digits-10") }
    for counter in [0, 1, 7] { failures.insert("hotp.txt rfc4226-counter-\(counter)-digits-9") }
    failures.formUnion(["hotp.txt leading-zeros-10-digits", "hotp.txt sha256-counter-1-digits-10", "hotp.txt sha512-counter-1-digits-10"])
    for algorithm in ["sha1", "sha256", "sha512"] {
        failures.insert("totp.txt \(algorithm)-time-59-digits-9")
        failures.insert("totp.txt \(algorithm)-time-59-digits-10")
    }
    // HOTP with SHA-256/SHA-512: oathtool's --hotp is HMAC-SHA-1 only, so the codes differ.
    failures.formUnion([
        "hotp.txt sha512-offset-15", "hotp.txt sha256-counter-0", "hotp.txt sha256-counter-1", "hotp.txt sha256-counter-1234567",
        "hotp.txt sha256-counter-1-digits-8", "hotp.txt sha512-counter-0", "hotp.txt sha512-counter-1",
        "hotp.txt sha512-counter-1234567", "hotp.txt sha512-counter-1-digits-8", "hotp.txt sha256-counter-2pow64-1",
        "hotp.txt sha256-key-65-bytes", "hotp.txt sha512-key-128-bytes", "hotp.txt sha512-key-129-bytes",
    ])
    // Times of 2^63 and above: "cannot parse time".
    failures.formUnion(["totp.txt t0-equals-time-max", "totp.txt time-2pow63", "totp.txt time-2pow64-1",
                        "totp.txt time-2pow64-1-period-1", "totp.txt time-2pow64-1-sha512"])
    // Negative cases oathtool does not refuse: it prints a code.
    failures.formUnion(["hotp.txt empty-secret", "totp.txt empty-secret", "totp.txt period-0",
                        "totp.txt time-before-t0", "totp.txt time-0-before-t0-1"])
    return failures
}()

/// The failed cases of a --json report, as `<file name> <id>`.
private func failedCases(_ json: String) throws -> Set<String> {
    let top = try JSONObject(try parseJSON(Array(json.utf8)), name: "report")
    var result = Set<String>()
    for file in try top.array("files") {
        let object = try JSONObject(file, name: "file")
        guard case .array(let failures)? = object.value("failures")?.kind else { continue }
        for failure in failures {
            let item = try JSONObject(failure, name: "failure")
            result.insert((try item.string("file") as NSString).lastPathComponent + " " + (try item.string("id")))
        }
    }
    return result
}

@Suite("otp-conformance executable", .serialized)
struct RunnerTests {
    @Test("help, unknown options and bad templates")
    func usage() throws {
        let help = try runner("--help")
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("--implementation CMD"))
        #expect(help.standardOutput.contains("{secret_base32}"))
        let unknown = try runner("--colour")
        #expect(unknown.status == 2)
        #expect(unknown.standardError == "otp-conformance: unknown option '--colour'\nSee 'otp-conformance --help'.\n")
        let template = try runner("--implementation", "x {seed}")
        #expect(template.status == 2)
        #expect(template.standardError.hasPrefix("otp-conformance: --implementation: unknown placeholder {seed}"))
        #expect(try runner("--junit").status == 2)
        #expect(try runner("--skip-unsupported").status == 2)
        #expect(try runner("--timeout", "0", "--implementation", "x").status == 2)
    }

    @Test("one mutated copy of each kind of file fails exactly that case, with file and id; exit 1")
    func mutatedCopies() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try writeCopy("nist-shavs/SHA256ShortMsg.rsp", to: directory) { bytes in
            let lenLine = try #require(lineNumber(of: "Len = 24", in: bytes))
            return replacingLine(lenLine + 2, with: flippingLastHexDigit(line(lenLine + 2, of: bytes)), in: bytes)
        }
        try writeCopy("nist-hmacvs/HMAC.rsp", to: directory) { bytes in
            let section = try #require(lineNumber(of: "[L=32]", in: bytes))
            let count = try #require(lineNumber(of: "Count = 17", in: bytes, after: section))
            return replacingLine(count + 5, with: flippingLastHexDigit(line(count + 5, of: bytes)), in: bytes)
        }
        try writeCopy("wycheproof/testvectors_v1/hmac_sha256_test.json", to: directory) { bytes in
            try replacingText("\"result\": \"valid\"", with: "\"result\": \"invalid\"", afterLineWith: "\"tcId\": 5,", in: bytes)
        }
        try writeCopy("rfc/hmac/rfc-4231-sha512.txt", to: directory) { bytes in
            let mdLine = try #require(lines(of: bytes).first { $0.text.hasPrefix("MD =") }?.number)
            return replacingLine(mdLine, with: flippingLastHexDigit(line(mdLine, of: bytes)), in: bytes)
        }
        try writeCopy("rfc/otp/rfc-6238.txt", to: directory) { bytes in
            try replacingText("TOTP = 67062674", with: "TOTP = 67062675", afterLineWith: "COUNT = 7", in: bytes)
        }
        try writeCopy("otp/hotp.txt", to: directory) { bytes in
            let idLine = try #require(lineNumber(of: "id = key-16-bytes", in: bytes))
            let codeLine = try #require(lines(of: bytes).first { $0.number > idLine && $0.text.hasPrefix("code = ") })
            return replacingLine(codeLine.number, with: flippingLastHexDigit(codeLine.text), in: bytes)
        }
        try writeCopy("verifier/hotp-verifier.txt", to: directory) { bytes in
            try replacingText("drift=7", with: "drift=6", afterLineWith: "id = resync", in: bytes)
        }
        try writeCopy("keyuri/keyuri-parse-errors.txt", to: directory) { bytes in
            let expectLine = try #require(lines(of: bytes).first { $0.text.hasPrefix("expect = error:") })
            return replacingLine(expectLine.number, with: "expect = error:unexpectedFragment", in: bytes)
        }
        try writeCopy("rfc4648/base32.txt", to: directory)

        let output = try runner("--json", directory.path)
        #expect(output.status == 1, "\(output.standardError)")
        let failed = try failedCases(output.standardOutput)
        let keyURIID = try keyURIFirstID()
        #expect(failed == [
            "SHA256ShortMsg.rsp Len = 24", "HMAC.rsp [L = 32] Count = 17", "hmac_sha256_test.json tcId 5",
            "rfc-4231-sha512.txt case 1", "rfc-6238.txt COUNT = 7", "hotp.txt key-16-bytes",
            "hotp-verifier.txt resync", "keyuri-parse-errors.txt \(keyURIID)",
        ])
        // The human report, and JUnit written beside it.
        let junit = directory.appendingPathComponent("report.xml").path
        let human = try runner("--junit", junit, directory.path)
        #expect(human.status == 1)
        let lastLine = human.standardOutput.split(separator: "\n").last.map(String.init)
        let passed = try JSONObject(try parseJSON(Array(output.standardOutput.utf8)), name: "report").integer("passed")
        #expect(lastLine == "\(passed) passed, 8 failed")
        #expect(human.standardOutput.contains("FAIL  \(directory.path)/hmac_sha256_test.json  (173 passed, 1 failed)"))
        #expect(human.standardOutput.contains("tcId 5: verify: expected reject (result invalid), got accepted [flags: Pseudorandom]"))
        #expect(human.standardOutput.contains("PASS  \(directory.path)/base32.txt  (7 cases)"))

        // --verbose adds the inputs of each failed case.
        let verbose = try runner("--verbose", "--filter", "rfc-6238.txt", directory.path)
        #expect(verbose.standardOutput.contains("          TIME = 1111111111"))
        #expect(verbose.status == 1)

        // JUnit, checked with a real XML parser.
        try checkJUnit(junit, failures: 8, tests: passed + 8)
    }

    private func keyURIFirstID() throws -> String {
        let bytes = try vectorBytes("keyuri/keyuri-parse-errors.txt")
        let expectLine = try #require(lines(of: bytes).first { $0.text.hasPrefix("expect = error:") }?.number)
        let idLine = try #require(lines(of: bytes).last { $0.number < expectLine && $0.text.hasPrefix("id = ") })
        return String(idLine.text.dropFirst("id = ".count))
    }

    /// Parses the JUnit file with Python's xml.etree and checks its counts.
    private func checkJUnit(_ path: String, failures: Int, tests: Int) throws {
        guard let python3Path else {
            Issue.record("python3 is needed to check the JUnit XML with a real parser (.ci/run installs it)")
            return
        }
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            cases = root.findall('./testsuite/testcase')
            print(root.tag, root.get('tests'), root.get('failures'), len(cases), len([c for c in cases if c.find('failure') is not None]))
            """
        let output = try run(URL(fileURLWithPath: python3Path), ["-c", script, path])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput == "testsuites \(tests) \(failures) \(tests) \(failures)\n")
    }

    @Test("--list counts every case of Vectors/ without checking; --filter selects files")
    func listAndFilter() throws {
        let list = try runner("--list", vectorsDirectory.path)
        #expect(list.status == 0)
        let expectedTotal = try allVectorFiles().reduce(0) { $0 + independentCaseCount(try vectorBytes($1)) }
        let listLines = list.standardOutput.split(separator: "\n")
        #expect(listLines.last.map(String.init) == "\(expectedTotal) cases in \(allVectorFiles().count) files")
        #expect(list.standardOutput.contains("/wycheproof/testvectors_v1/hmac_sha512_224_test.json  Wycheproof MAC, HMAC-SHA-512/224  (173 cases)"))
        #expect(!list.standardOutput.contains("schemas"))

        let filtered = try runner("--filter", "**/rfc-4226.txt", "--filter", "verifier/*", vectorsDirectory.path)
        #expect(filtered.status == 0)
        let lines = filtered.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.last == "\(10 + independentCaseCount(try vectorBytes("verifier/hotp-verifier.txt")) + independentCaseCount(try vectorBytes("verifier/totp-verifier.txt"))) passed, 0 failed")
        let none = try runner("--filter", "nothing/*", vectorsDirectory.path)
        #expect(none.status == 2)
        #expect(none.standardOutput.contains("no vector file matches --filter"))
        let listJSON = try runner("--list", "--json", "--filter", "rfc/**", vectorsDirectory.path)
        let top = try JSONObject(try parseJSON(Array(listJSON.standardOutput.utf8)), name: "list")
        #expect(try top.integer("cases") == 31 + 28)
    }

    @Test("--implementation runs a command per case: refusals, wrong output, time limit, missing program")
    func implementationBasics() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("""
            kind = totp
            source = "test"

            id = ok
            secret = 3132333435363738393031323334353637383930
            algorithm = SHA1
            digits = 8
            period = 30
            t0 = 0
            time = 59
            code = 94287082

            id = refuse
            secret = 3132333435363738393031323334353637383930
            algorithm = SHA1
            digits = 6
            period = 0
            t0 = 0
            time = 59
            expect = error:periodIsZero

            """.utf8).write(to: directory.appendingPathComponent("t.txt"))
        let printing = try runner("--implementation", "printf '%s\\n' 94287082", "--json", directory.path)
        #expect(try failedCases(printing.standardOutput) == ["t.txt refuse"])
        let refusing = try runner("--implementation", "sh -c 'echo no {digits} >&2; exit 3'", directory.path)
        #expect(refusing.status == 1)
        #expect(refusing.standardOutput.contains("ok: TOTP: expected 94287082, got exit status 3, standard error: \"no 8\""))
        #expect(refusing.standardOutput.hasSuffix("1 passed, 1 failed\n"))
        let skipping = try runner("--implementation", "sh -c 'exit 3'", "--skip-unsupported", directory.path)
        #expect(skipping.status == 0)
        #expect(skipping.standardOutput.contains("(1 case, 1 skipped)"))
        let slow = try runner("--implementation", "sleep 5", "--timeout", "1", "--filter", "t.txt", directory.path)
        #expect(slow.standardOutput.contains("ok: TOTP: expected 94287082, got no exit within 1 s (killed)"))
        let missing = try runner("--implementation", "/nonexistent/otp-tool {time}", directory.path)
        #expect(missing.standardOutput.contains("could not start the command: /nonexistent/otp-tool: No such file or directory"))
        let hotpOnly = try runner("--implementation-hotp", "true", directory.path)
        #expect(hotpOnly.status == 2)
        #expect(hotpOnly.standardOutput.contains("no file holds vectors the implementation can run"))
    }

    @Test("--implementation against oathtool fails exactly the cases README.md lists", .enabled(if: oathtoolPath != nil))
    func oathtool() throws {
        let output = try runner(
            "--implementation-totp", oathtoolTOTPTemplate, "--implementation-hotp", oathtoolHOTPTemplate, "--json",
            vectorsDirectory.appendingPathComponent("otp").path, vectorsDirectory.appendingPathComponent("rfc/otp").path)
        #expect(output.status == 1)
        let failed = try failedCases(output.standardOutput)
        #expect(failed == oathtoolFailures, "unexpected: \(failed.subtracting(oathtoolFailures)); missing: \(oathtoolFailures.subtracting(failed))")
        let top = try JSONObject(try parseJSON(Array(output.standardOutput.utf8)), name: "report")
        let total = try ["otp/hotp.txt", "otp/totp.txt", "rfc/otp/rfc-4226.txt", "rfc/otp/rfc-6238.txt"]
            .reduce(0) { $0 + independentCaseCount(try vectorBytes($1)) }
        #expect(try top.integer("passed") + top.integer("failed") == total)
        // The RFC tables pass through oathtool as through swift-otp.
        let rfcFiles = try top.array("files").map { try JSONObject($0, name: "file") }
            .filter { try $0.string("file").hasSuffix("rfc-4226.txt") || $0.string("file").hasSuffix("rfc-6238.txt") }
        #expect(try rfcFiles.map { try $0.string("status") } == ["passed", "passed"])
        #expect(try rfcFiles.reduce(0) { try $0 + $1.integer("passed") } == 28)
    }
}
