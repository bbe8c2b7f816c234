// FileSystem.swift
// The runner's only contact with the file system: list vector files, read their bytes.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a path could not be listed or read, as one line.
struct FileSystemError: Error {
    var message: String
}

/// The largest file the runner reads (the biggest NIST file is under 2 MB).
private let maximumFileSize = 256 << 20

/// The text of the current `errno`.
private func errnoText() -> String {
    String(cString: strerror(errno))
}

/// What a path names, following symbolic links.
enum PathKind {
    case directory(FileIdentity)
    case file
    case other
}

/// Device and inode: identifies a directory so a symbolic-link loop is walked once.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64
}

func pathKind(_ path: String) throws(FileSystemError) -> PathKind {
    var info = stat()
    guard stat(path, &info) == 0 else { throw FileSystemError(message: errnoText()) }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: return .directory(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
    case S_IFREG: return .file
    default: return .other
    }
}

/// The names in a directory, without `.` and `..`, sorted byte-wise.
func directoryEntries(_ path: String) throws(FileSystemError) -> [String] {
    guard let directory = opendir(path) else { throw FileSystemError(message: errnoText()) }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
            tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                String(cString: $0)
            }
        }
        if name != ".", name != ".." { names.append(name) }
    }
    return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
}

/// The whole contents of a regular file.
func readFile(_ path: String) throws(FileSystemError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw FileSystemError(message: errnoText()) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw FileSystemError(message: errnoText()) }
    guard info.st_mode & S_IFMT == S_IFREG else { throw FileSystemError(message: "not a regular file") }
    guard info.st_size <= maximumFileSize else {
        throw FileSystemError(message: "larger than \(maximumFileSize >> 20) MiB, not a vector file")
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(info.st_size))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count == 0 { break }
        if count < 0 {
            if errno == EINTR { continue }
            throw FileSystemError(message: errnoText())
        }
        bytes.append(contentsOf: chunk[0..<count])
        guard bytes.count <= maximumFileSize else {
            throw FileSystemError(message: "larger than \(maximumFileSize >> 20) MiB, not a vector file")
        }
    }
    return bytes
}

/// `directory` + `/` + `name`, without doubling a trailing slash.
func joinPath(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
}

/// Writes `text` to `path`, replacing the file (for --junit).
func writeFile(_ path: String, _ text: String) throws(FileSystemError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw FileSystemError(message: errnoText()) }
    defer { close(descriptor) }
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
        let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            throw FileSystemError(message: errnoText())
        }
        written += count
    }
}
