// Support.swift
// The independent reference the interop tests compare with: Python 3's standard library
// (base64, json, urllib.parse, hmac), run as a separate process. The protobuf bytes are built
// and read by hand in Python from the documented field numbers, never by our code.

import Foundation
import OTP
import OTPCrypto
import Testing

enum Python {
    static let isCI = ProcessInfo.processInfo.environment["CI"] != nil
    static let executable: URL? = ["/usr/bin/python3", "/usr/local/bin/python3"]
        .map { URL(fileURLWithPath: $0) }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    /// Outside CI a missing python3 skips the tests that need it; in CI they fail.
    static var enabled: Bool { executable != nil || isCI }

    /// Runs `script` with `arguments` and `input` on standard input; returns standard output.
    static func run(_ script: String, arguments: [String] = [], input: Data = Data()) throws -> Data {
        let python = try #require(executable, "python3 is not installed")
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", script] + arguments
        let stdinPipe = Pipe(), stdoutPipe = Pipe(), stderrPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        try process.run()
        let writer = Thread {
            stdinPipe.fileHandleForWriting.write(input)
            try? stdinPipe.fileHandleForWriting.close()
        }
        writer.start()
        let errorBox = Box()
        let errorReader = Thread {
            errorBox.data = stderrPipe.fileHandleForReading.readDataToEndOfFile()
            errorBox.done.signal()
        }
        errorReader.start()
        let output = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
        errorBox.done.wait()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 failed: \(String(decoding: errorBox.data, as: UTF8.self))")
        return output
    }

    /// Runs `script` and reads its standard output as JSON.
    static func json(_ script: String, arguments: [String] = [], input: Data = Data()) throws -> Any {
        try JSONSerialization.jsonObject(with: run(script, arguments: arguments, input: input))
    }

    private final class Box: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    /// A hand-written protobuf encoder for the migration payload (protobuf.dev "Encoding";
    /// field numbers from qistoph/otp_export OtpMigration.proto), shared by the scripts.
    static let protobufHelpers = #"""
        import base64, json, sys, urllib.parse
        def varint(n):
            n &= (1 << 64) - 1
            out = bytearray()
            while True:
                b = n & 0x7f; n >>= 7
                if n: out.append(b | 0x80)
                else:
                    out.append(b); return bytes(out)
        def tag(field, wt): return varint(field << 3 | wt)
        def vfield(field, n): return tag(field, 0) + varint(n)
        def lfield(field, data):
            if isinstance(data, str): data = data.encode()
            return tag(field, 2) + varint(len(data)) + data
        def read_varint(b, i):
            shift = value = 0
            while True:
                byte = b[i]; i += 1
                value |= (byte & 0x7f) << shift; shift += 7
                if byte < 0x80: return value, i
        def read_message(b):
            fields, i = [], 0
            while i < len(b):
                key, i = read_varint(b, i)
                field, wt = key >> 3, key & 7
                if wt == 0:
                    v, i = read_varint(b, i)
                elif wt == 2:
                    n, i = read_varint(b, i); v = b[i:i + n]; i += n
                else:
                    raise ValueError("wire type %d" % wt)
                fields.append((field, wt, v))
            return fields
        def int32(v):
            v &= 0xffffffff
            return v - (1 << 32) if v >= 1 << 31 else v
        def int64(v):
            v &= (1 << 64) - 1
            return v - (1 << 64) if v >= 1 << 63 else v
        def decode_payload(b):
            out = {"accounts": [], "version": 0, "batch_size": 0, "batch_index": 0, "batch_id": 0}
            names = {2: "version", 3: "batch_size", 4: "batch_index", 5: "batch_id"}
            for field, wt, v in read_message(b):
                if field == 1:
                    a = {"secret": "", "name": "", "issuer": "", "algorithm": 0, "digits": 0, "type": 0, "counter": 0}
                    for f, w, x in read_message(v):
                        if f == 1: a["secret"] = x.hex()
                        elif f == 2: a["name"] = x.decode("utf-8")
                        elif f == 3: a["issuer"] = x.decode("utf-8")
                        elif f == 4: a["algorithm"] = int32(x)
                        elif f == 5: a["digits"] = int32(x)
                        elif f == 6: a["type"] = int32(x)
                        elif f == 7: a["counter"] = int64(x)
                    out["accounts"].append(a)
                elif field in names:
                    out[names[field]] = int32(v)
            return out
        def decode_uri(text):
            assert text.startswith("otpauth-migration://offline?data="), text
            data = urllib.parse.unquote(text[len("otpauth-migration://offline?data="):])
            return decode_payload(base64.b64decode(data, validate=True))

        """#
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

func hexBytes(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = text.startIndex
    while index < text.endIndex {
        let next = text.index(index, offsetBy: 2)
        bytes.append(UInt8(text[index..<next], radix: 16)!)
        index = next
    }
    return bytes
}

func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
}
