import Foundation
import Testing

/// The independent programs the tests check our output against, found on `PATH`:
/// `zbarimg` (Debian zbar-tools) reads our PNGs back; Python's `segno` (PyPI) builds the same
/// symbols for a module-by-module comparison. `.ci/run` installs both. Outside CI a missing tool
/// skips its tests; with the `CI` environment variable set they run and fail, naming the tool.
enum ExternalTools {
    static let isCI = ProcessInfo.processInfo.environment["CI"] != nil

    static let zbarimg: URL? = findExecutable("zbarimg")
    static let python3: URL? = findExecutable("python3")

    /// Whether `python3 -c "import segno"` works.
    static let hasSegno: Bool = {
        guard let python3 else { return false }
        return (try? run(python3, ["-c", "import segno"]).status) == 0
    }()

    /// Whether tests needing zbarimg should run: it is installed, or this is CI (where its
    /// absence is a failure).
    static var zbarimgEnabled: Bool { zbarimg != nil || isCI }
    static var segnoEnabled: Bool { hasSegno || isCI }
    static var python3Enabled: Bool { python3 != nil || isCI }

    static func requireZbarimg() throws -> URL {
        try #require(zbarimg, "zbarimg is not installed: apt-get install zbar-tools (.ci/run does)")
    }

    static func requireSegno() throws -> URL {
        let python3 = try #require(python3, "python3 is not installed")
        try #require(hasSegno, "the Python package segno is not installed: pip install segno (.ci/run does)")
        return python3
    }

    static func findExecutable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"] {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    struct Output {
        var status: Int32
        var standardOutput: Data
        var standardError: String
    }

    /// Runs a program to completion, feeding `input` on standard input.
    static func run(_ executable: URL, _ arguments: [String], input: Data? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdinPipe = Pipe(), stdoutPipe = Pipe(), stderrPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        try process.run()
        // Write and read on separate threads so that neither pipe can fill up and block.
        let writer = Thread {
            if let input { stdinPipe.fileHandleForWriting.write(input) }
            try? stdinPipe.fileHandleForWriting.close()
        }
        writer.start()
        let errorBox = DataBox()
        let errorReader = Thread { errorBox.data = stderrPipe.fileHandleForReading.readDataToEndOfFile(); errorBox.done.signal() }
        errorReader.start()
        let out = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
        errorBox.done.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, standardOutput: out,
                      standardError: String(decoding: errorBox.data, as: UTF8.self))
    }

    private final class DataBox: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }
}

/// Reads QR codes back with zbarimg.
///
/// `zbarimg --raw` is not enough for exact comparison: without an ECI header zbar guesses the
/// byte-mode character set and converts to UTF-8, so valid UTF-8 such as "Grüße" may come back
/// as Shift JIS mojibake, and Latin-1 bytes come back re-encoded; it also appends a newline.
/// `-Sbinary` (zbar 0.23.1 and later) turns the conversion off and prints the symbol's bytes
/// exactly, with nothing after them. Its output cannot be split when several images are read in
/// one run (and `--xml` with `-Sbinary` does not wrap the data), so each image gets its own
/// zbarimg process; `decode(files:)` runs a few at a time.
enum Scanner {
    /// The bytes of the one QR code zbarimg finds in `file`, or nil if it finds none.
    static func decode(_ zbarimg: URL, file: URL) throws -> [UInt8]? {
        let output = try ExternalTools.run(zbarimg, ["--nodbus", "--raw", "-q", "-Sbinary", file.path])
        return output.status == 0 ? [UInt8](output.standardOutput) : nil
    }

    /// `decode` for every file, four zbarimg processes at a time; results in input order.
    static func decode(_ zbarimg: URL, files: [URL]) -> [[UInt8]?] {
        parallelMap(files) { file in (try? decode(zbarimg, file: file)) ?? nil }
    }
}

/// A scratch directory for one test, removed at the end.
struct ScratchDirectory: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("qrcode-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A small deterministic generator (SplitMix64), so that a failing case can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// `transform` applied to every element on a few threads at once; results in input order.
func parallelMap<Element, Result>(_ elements: [Element], threads: Int = 4, _ transform: (Element) -> Result) -> [Result] {
    let box = ParallelResults<Result>(count: elements.count)
    withoutActuallyEscaping(transform) { transform in
        let work = UncheckedSendable(value: (elements, transform))
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            for index in stride(from: worker, to: work.value.0.count, by: threads) {
                box.set(index, work.value.1(work.value.0[index]))
            }
        }
    }
    return box.values.map { $0! }
}

private struct UncheckedSendable<Value>: @unchecked Sendable {
    var value: Value
}

private final class ParallelResults<Result>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Result?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Result) { lock.withLock { storage[index] = value } }
    var values: [Result?] { lock.withLock { storage } }
}
