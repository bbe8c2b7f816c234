#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's contact with the outside: output streams, files, the environment and the
/// clock. Everything else in the tool is plain computation on what these return.
enum SystemIO {
    /// The error of the first write to standard output that failed (a full disk, a closed
    /// pipe), so that the command can end with exit status 2 instead of a false success.
    nonisolated(unsafe) static var standardOutputError: Int32? = nil

    /// Warnings to print on standard error when the command succeeds (a failed command prints
    /// only its one line of error).
    nonisolated(unsafe) static var warnings: [String] = []

    static func writeOut(_ text: String) {
        var text = text
        noteStandardOutput(text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: 1) })
    }

    /// Raw bytes to standard output (a PNG may be piped).
    static func writeOut(bytes: [UInt8]) {
        noteStandardOutput(bytes.withUnsafeBytes { writeAll($0, to: 1) })
    }

    static func writeError(_ text: String) {
        var text = text
        _ = text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: 2) }
    }

    private static func noteStandardOutput(_ error: Int32?) {
        if let error, standardOutputError == nil { standardOutputError = error }
    }

    /// Writes all of `buffer`; returns the `errno` of a failed write, or nil.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        guard let base = buffer.baseAddress else { return nil }
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, base + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return written < 0 ? errno : EIO }
            offset += written
        }
        return nil
    }

    /// Creates or replaces the file at `path` with `bytes`. A new file gets mode 0600: what
    /// `otp` writes (a QR code of a key, an export) usually holds a secret.
    static func writeFile(path: String, bytes: [UInt8]) throws(CLIError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw .badInput("cannot write '\(path.printable)': \(describe(errno))") }
        let failure = bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
        let closed = close(descriptor)
        if let failure { throw .badInput("cannot write '\(path.printable)': \(describe(failure))") }
        if closed != 0 { throw .badInput("cannot write '\(path.printable)': \(describe(errno))") }
    }

    /// Whether `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// The description of an `errno` value.
    static func describe(_ error: Int32) -> String {
        String(cString: strerror(error))
    }

    /// The process's arguments, or the position (from 1) of the first that is not UTF-8:
    /// `CommandLine.arguments` would silently repair such bytes with U+FFFD.
    static func arguments() -> Result<[String], CLIError> {
        var arguments: [String] = []
        // argc may be 0 when a program is started with an empty argv (Linux since 5.18 passes
        // an empty argv[0] instead, so this cannot be shown by a test here).
        for index in stride(from: 1, to: Int(CommandLine.argc), by: 1) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .failure(.usage("argument \(index) is not valid UTF-8 text"))
            }
            arguments.append(text)
        }
        return .success(arguments)
    }

    static func exit(_ status: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(status)
        #elseif canImport(Musl)
        Musl.exit(status)
        #else
        Darwin.exit(status)
        #endif
    }

    /// The Unix time in whole seconds.
    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return spec.tv_sec < 0 ? 0 : UInt64(spec.tv_sec)
    }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// The whole contents of a file, or of standard input when `path` is nil, at most `limit`
    /// bytes. Messages name the input as `name`, never by its path (which may be a secret
    /// given to the wrong option).
    static func readAll(path: String?, named name: String, limit: Int) throws(CLIError) -> [UInt8] {
        let descriptor: Int32
        if let path {
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw .badInput("cannot read \(name): \(describe(errno))") }
        } else {
            descriptor = 0
        }
        defer { if path != nil { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .badInput("cannot read \(name): \(describe(errno))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= limit else { throw .badInput("\(name) is longer than \(limit) bytes") }
        }
        return bytes
    }
}
