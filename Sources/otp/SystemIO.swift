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
    static func writeOut(_ text: String) {
        emit(text, to: 1)
    }

    static func writeError(_ text: String) {
        emit(text, to: 2)
    }

    private static func emit(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
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

    /// The whole contents of a file, or of standard input for descriptor 0, at most `limit` bytes.
    static func readAll(path: String?, limit: Int) throws(CLIError) -> [UInt8] {
        let descriptor: Int32
        if let path {
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                throw .badInput("cannot read '\(path.printable)': \(String(cString: strerror(errno)))")
            }
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
                throw .badInput("cannot read \(path.map { "'\($0.printable)'" } ?? "standard input"): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= limit else {
                throw .badInput("\(path.map { "'\($0.printable)'" } ?? "standard input") is longer than \(limit) bytes")
            }
        }
        return bytes
    }
}
