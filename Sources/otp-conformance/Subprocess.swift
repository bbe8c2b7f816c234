// Subprocess.swift
// Runs one command of `--implementation` without a shell: posix_spawnp with the argument
// vector as given, standard input from /dev/null, standard output and error captured, and a
// time limit after which the process is killed.

import Conformance

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The most output kept from each stream (an OTP is 10 bytes; the rest is for messages).
private let maximumCapturedBytes = 64 << 10

/// Runs `arguments` (program first, looked up in PATH when it has no `/`) and waits for it, at
/// most `timeout` seconds.
func runSubprocess(_ arguments: [String], timeout: Int) -> ProcessOutcome {
    guard let program = arguments.first, !program.isEmpty else { return .couldNotStart("no program named") }
    var outputPipe: [Int32] = [-1, -1]
    var errorPipe: [Int32] = [-1, -1]
    guard pipe(&outputPipe) == 0 else { return .couldNotStart(errnoText()) }
    guard pipe(&errorPipe) == 0 else {
        close(outputPipe[0])
        close(outputPipe[1])
        return .couldNotStart(errnoText())
    }
    // Close-on-exec: the child gets only the dup2'ed copies as its descriptors 1 and 2.
    for descriptor in outputPipe + errorPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)

    // The C argument vector: strdup'ed copies, freed after the spawn.
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }

    var pid: pid_t = 0
    let spawnStatus = argv.withUnsafeBufferPointer { buffer in
        posix_spawnp(&pid, program, &actions, nil, buffer.baseAddress!, environ)
    }
    close(outputPipe[1])
    close(errorPipe[1])
    guard spawnStatus == 0 else {
        close(outputPipe[0])
        close(errorPipe[0])
        return .couldNotStart("\(program): \(String(cString: strerror(spawnStatus)))")
    }

    let (output, errorOutput, timedOut) = collect(outputPipe[0], errorPipe[0], pid: pid, timeout: timeout)
    close(outputPipe[0])
    close(errorPipe[0])

    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
        guard errno == EINTR else { return .couldNotStart("waitpid: \(errnoText())") }
    }
    if timedOut { return .timedOut(seconds: timeout) }
    // The wait status, decoded as the POSIX W* macros do (Swift does not import them).
    let signal = status & 0x7F
    if signal == 0 {
        return .exited(status: (status >> 8) & 0xFF, standardOutput: output, standardError: errorOutput)
    }
    return .signalled(signal, standardError: errorOutput)
}

/// Reads both pipes until they close or the deadline passes (then kills the process).
private func collect(_ outputFD: Int32, _ errorFD: Int32, pid: pid_t, timeout: Int) -> ([UInt8], [UInt8], Bool) {
    var output: [UInt8] = []
    var errorOutput: [UInt8] = []
    var open = [true, true]
    let deadline = monotonicMilliseconds() + Int64(timeout) * 1000
    var buffer = [UInt8](repeating: 0, count: 4096)
    while open[0] || open[1] {
        let remaining = deadline - monotonicMilliseconds()
        if remaining <= 0 {
            kill(pid, SIGKILL)
            return (output, errorOutput, true)
        }
        var fds = [
            pollfd(fd: open[0] ? outputFD : -1, events: Int16(POLLIN), revents: 0),
            pollfd(fd: open[1] ? errorFD : -1, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&fds, 2, Int32(min(remaining, 1000)))
        if ready < 0 {
            if errno == EINTR { continue }
            kill(pid, SIGKILL)
            return (output, errorOutput, false)
        }
        for index in 0..<2 where open[index] && fds[index].revents != 0 {
            let count = buffer.withUnsafeMutableBytes { read(fds[index].fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                open[index] = false
                continue
            }
            if index == 0 {
                if output.count < maximumCapturedBytes { output += buffer[0..<count] }
            } else if errorOutput.count < maximumCapturedBytes {
                errorOutput += buffer[0..<count]
            }
        }
    }
    return (output, errorOutput, false)
}

private func monotonicMilliseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
}

private func errnoText() -> String {
    String(cString: strerror(errno))
}

/// The argument vector as one line a POSIX shell would read back the same way (for messages).
func shellQuoted(_ arguments: [String]) -> String {
    arguments.map { argument in
        let plain = !argument.isEmpty && argument.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic && scalar.isASCII || ("0"..."9").contains(scalar) || "-_./=:@%+,".unicodeScalars.contains(scalar)
        }
        return plain ? argument : "'" + argument.replacingSingleQuotes + "'"
    }.joined(separator: " ")
}

extension String {
    fileprivate var replacingSingleQuotes: String {
        var result = ""
        for character in self {
            if character == "'" { result += "'\\''" } else { result.append(character) }
        }
        return result
    }
}
