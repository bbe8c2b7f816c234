import Foundation

/// The result of running a command to completion.
struct ProcessResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// The `otp` executable built beside this test bundle (`swift build` puts every product of
/// the package in the same directory).
let otpExecutable: URL = {
    let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var directory = bundle.deletingLastPathComponent()
    // The test binary may sit inside `<name>.xctest/...` on some layouts; walk up to find `otp`.
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("otp")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    return bundle.deletingLastPathComponent().appendingPathComponent("otp")
}()

/// Runs `executable` with `arguments`, feeding `input` on standard input.
func runProcess(
    _ executable: URL, _ arguments: [String], input: String? = nil, environment: [String: String] = [:]
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "OTP_SECRET")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let stdinPipe = Pipe(), stdoutPipe = Pipe(), stderrPipe = Pipe()
    process.standardInput = stdinPipe
    process.standardOutput = stdoutPipe
    process.standardError = stderrPipe
    try process.run()
    if let input { stdinPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try stdinPipe.fileHandleForWriting.close()
    let out = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
    let err = stderrPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(
        status: process.terminationStatus,
        standardOutput: String(decoding: out, as: UTF8.self),
        standardError: String(decoding: err, as: UTF8.self))
}

func otp(_ arguments: String..., input: String? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
    try runProcess(otpExecutable, arguments, input: input, environment: environment)
}

/// `oathtool` from Debian's oathtool package, when installed (`.ci/run` installs it).
let oathtool: URL? = ["/usr/bin/oathtool", "/usr/local/bin/oathtool"]
    .map { URL(fileURLWithPath: $0) }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }

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
