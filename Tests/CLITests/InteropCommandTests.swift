import Foundation
import Testing

/// `otp import` and `otp export`, run as a user would, checked against Python's standard
/// library (the protobuf bytes built and read by hand from the documented field numbers) and
/// against zbarimg reading the exported QR codes.
@Suite("otp import and otp export")
struct InteropCommandTests {
    static let python: URL? = ["/usr/bin/python3", "/usr/local/bin/python3"]
        .map { URL(fileURLWithPath: $0) }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    static let zbarimg: URL? = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"]
        .map { URL(fileURLWithPath: $0) }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    static let isCI = ProcessInfo.processInfo.environment["CI"] != nil
    static var pythonEnabled: Bool { python != nil || isCI }
    static var zbarimgEnabled: Bool { (python != nil && zbarimg != nil) || isCI }

    /// Key URIs as a user would keep them; the expected accounts below are written by hand.
    static let keys = """
        otpauth://totp/ACME%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co
        # a comment line, then a blank line

        otpauth://hotp/bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA256&digits=8&counter=42
        otpauth://totp/Gr%C3%BC%C3%9Fe:carol?secret=MFRGGZDFMZTWQ2LK&issuer=Gr%C3%BC%C3%9Fe&algorithm=SHA512
        """

    /// The accounts of `keys` as Python's decoder prints them: secret hex, name, issuer,
    /// algorithm, digits, type, counter.
    static let expectedAccounts = [
        "48656c6c6f21deadbeef|ACME Co:alice@example.com|ACME Co|1|1|2|0",
        "3132333435363738393031323334353637383930|bob||2|2|1|42",
        "6162636465666768696a|Grüße:carol|Grüße|3|1|2|0",
    ]

    /// Reads migration URIs (one per line on standard input) with a hand-written protobuf
    /// reader; prints one line per account, then one `batch size index id` line per payload.
    static let decoderScript = #"""
        import base64, sys, urllib.parse
        def varint(b, i):
            shift = value = 0
            while True:
                byte = b[i]; i += 1
                value |= (byte & 0x7f) << shift; shift += 7
                if byte < 0x80: return value, i
        def fields(b):
            i = 0
            while i < len(b):
                key, i = varint(b, i)
                if key & 7 == 0: v, i = varint(b, i)
                elif key & 7 == 2:
                    n, i = varint(b, i); v = b[i:i + n]; i += n
                else: raise ValueError(key)
                yield key >> 3, v
        def s32(v):
            v &= 0xffffffff
            return v - (1 << 32) if v >= 1 << 31 else v
        for line in sys.stdin.read().split():
            prefix = "otpauth-migration://offline?data="
            assert line.startswith(prefix), line
            payload = base64.b64decode(urllib.parse.unquote(line[len(prefix):]), validate=True)
            batch = {2: 0, 3: 0, 4: 0, 5: 0}
            for number, value in fields(payload):
                if number == 1:
                    a = {1: b"", 2: b"", 3: b"", 4: 0, 5: 0, 6: 0, 7: 0}
                    a.update(dict(fields(value)))
                    print("|".join([a[1].hex(), a[2].decode(), a[3].decode()] + [str(a[k]) for k in (4, 5, 6, 7)]))
                else:
                    batch[number] = s32(value)
            print("batch %d %d %d %d" % (batch[2], batch[3], batch[4], batch[5]))
        """#

    static func runPython(_ script: String, input: String) throws -> String {
        let python = try #require(python, "python3 is not installed")
        let result = try runProcess(python, ["-c", script], input: input)
        try #require(result.status == 0, "python3: \(result.standardError)")
        return result.standardOutput
    }

    @Test("export --format google: Python reads the payloads back to the accounts given",
          .enabled(if: pythonEnabled, "python3 is not installed"))
    func exportGoogle() throws {
        let result = try otp("export", "--format", "google", "--batch", "2", input: Self.keys)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = try Self.runPython(Self.decoderScript, input: result.standardOutput).split(separator: "\n").map(String.init)
        let accounts = lines.filter { !$0.hasPrefix("batch ") }
        let batches = lines.filter { $0.hasPrefix("batch ") }.map { $0.split(separator: " ").map(String.init) }
        #expect(accounts == Self.expectedAccounts)
        try #require(batches.count == 2)
        #expect(batches.map { $0[1] } == ["1", "1"])           // version
        #expect(batches.map { $0[2] } == ["2", "2"])           // batch_size
        #expect(batches.map { $0[3] } == ["0", "1"])           // batch_index
        #expect(batches[0][4] == batches[1][4])                // one batch_id for the export
    }

    @Test("export --qr png: zbarimg reads each code back to a payload with the same accounts",
          .enabled(if: zbarimgEnabled, "python3 or zbarimg is not installed"))
    func exportQRCodes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otp-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("transfer.png").path
        let result = try otp("export", "--format", "google", "--batch", "2", "--qr", "png", "--output", output, input: Self.keys)
        #expect(result.status == 0, "\(result.standardError)")
        let zbarimg = try #require(Self.zbarimg)
        var scanned: [String] = []
        for number in 1...2 {
            let file = directory.appendingPathComponent("transfer-\(number).png").path
            let scan = try runProcess(zbarimg, ["-Sbinary", "--raw", "-q", "--nodbus", file])
            #expect(scan.status == 0, "zbarimg found no code in \(file)")
            scanned.append(scan.standardOutput)
        }
        #expect(!FileManager.default.fileExists(atPath: output))
        let lines = try Self.runPython(Self.decoderScript, input: scanned.joined(separator: "\n"))
        #expect(lines.split(separator: "\n").filter { !$0.hasPrefix("batch ") }.map(String.init) == Self.expectedAccounts)
        // And otp import reads the scanned codes back to the key URIs.
        let back = try otp("import", "-", input: scanned.joined(separator: "\n"))
        #expect(back.status == 0, "\(back.standardError)")
        #expect(back.standardOutput == """
            otpauth://totp/ACME%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co
            otpauth://hotp/bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA256&digits=8&counter=42
            otpauth://totp/Gr%C3%BC%C3%9Fe:carol?secret=MFRGGZDFMZTWQ2LK&issuer=Gr%C3%BC%C3%9Fe&algorithm=SHA512

            """)
    }

    @Test("import: a payload Python builds by hand prints the expected key URIs",
          .enabled(if: pythonEnabled, "python3 is not installed"))
    func importPythonPayload() throws {
        let script = #"""
            import base64, urllib.parse
            def varint(n):
                n &= (1 << 64) - 1
                out = bytearray()
                while True:
                    b = n & 0x7f; n >>= 7
                    if n: out.append(b | 0x80)
                    else:
                        out.append(b); return bytes(out)
            def lf(f, d): return varint(f << 3 | 2) + varint(len(d)) + d
            def vf(f, n): return varint(f << 3) + varint(n)
            a = lf(1, b"Hello!\xde\xad\xbe\xef") + lf(2, b"Example:alice@google.com") + lf(3, b"Example") + vf(4, 1) + vf(5, 1) + vf(6, 2)
            b = lf(1, bytes(range(32))) + lf(2, b"dave") + vf(4, 2) + vf(5, 2) + vf(6, 1) + vf(7, 9)
            body = lf(1, a) + lf(1, b) + vf(2, 1) + vf(3, 1) + vf(4, 0) + vf(5, -5)
            print("otpauth-migration://offline?data=" + urllib.parse.quote(base64.b64encode(body).decode(), safe=""))
            """#
        let uri = try Self.runPython(script, input: "").trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try otp("import", uri)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == """
            otpauth://totp/Example:alice%40google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example
            otpauth://hotp/dave?secret=AAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPQ&algorithm=SHA256&digits=8&counter=9

            """)
    }

    @Test("import and export of Aegis vaults; skipped entries warn; encrypted vaults are refused")
    func aegis() throws {
        let vault = try otp("export", "--format", "aegis", input: Self.keys)
        #expect(vault.status == 0, "\(vault.standardError)")
        #expect(vault.standardOutput.hasPrefix("{\n    \"version\": 1,"))
        let back = try otp("import", "--format", "aegis", input: vault.standardOutput)
        let again = try otp("export", "--format", "uris", input: Self.keys)
        #expect(back.standardOutput == again.standardOutput)

        let mixed = #"""
            {"version": 1, "header": {"slots": null, "params": null}, "db": {"version": 2, "entries": [
              {"type": "steam", "name": "gabe", "issuer": "Steam", "info": {"secret": "Z3ZBVSU5ZE7PW3276QDB5KZKFAMT7Y4L", "algo": "SHA1", "digits": 5, "period": 30}},
              {"type": "yandex", "name": "ivan", "issuer": "Yandex", "info": {"secret": "GEZDGNBV", "algo": "SHA256", "digits": 8, "period": 30}}]}}
            """#
        let imported = try otp("import", input: mixed)
        #expect(imported.status == 0)
        #expect(imported.standardOutput == "otpauth://totp/Steam:gabe?secret=Z3ZBVSU5ZE7PW3276QDB5KZKFAMT7Y4L&issuer=Steam&encoder=steam\n")
        #expect(imported.standardError == "otp: warning: skipped Aegis entry 2 (yandex 'Yandex: ivan'): the type 'yandex' is not supported (only totp, hotp and steam)\n")

        // A long unsupported algorithm name (a secret pasted in the wrong field) is not quoted.
        let misplaced = #"""
            {"version": 1, "header": {"slots": null, "params": null}, "db": {"version": 2, "entries": [
              {"type": "totp", "name": "y", "issuer": "Y", "info": {"secret": "GEZDGNBV", "algo": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "digits": 6, "period": 30}}]}}
            """#
        let skipped = try otp("import", input: misplaced)
        #expect(skipped.standardError.contains("the algorithm (a value of 32 characters) is not supported"), "\(skipped.standardError)")
        #expect(!skipped.standardError.contains("GEZDGNBVGY3TQOJQ"))

        let encrypted = #"{"version": 1, "header": {"slots": [], "params": {"nonce": "00", "tag": "00"}}, "db": "QUJD"}"#
        let refused = try otp("import", input: encrypted)
        #expect(refused.status == 2)
        #expect(refused.standardError.hasPrefix("otp: Aegis vault: the vault is encrypted, which is not supported"))
        #expect(refused.standardError.split(separator: "\n").count == 1)
    }

    @Test("malformed input is exit 2 with one line naming the problem", arguments: [
        ("otpauth-migration://offline?data=CgU*", "line 1: Google Authenticator export: the 'data' parameter is not Base64"),
        ("otpauth-migration://offline?data=CgUKAw%3D%3D", "field 1 at byte 0 claims 5 bytes, but only 2 remain"),
        ("otpauth-migration://offline?data=EICAgA%3D%3D", "the varint at byte 1 is cut off"),
        ("otpauth-migration://offline?data=EgA%3D", "field 2 at byte 0 has wire type 2, expected 0"),
        ("otpauth://totp/a?secret=1", "line 1: not a valid key URI"),
        ("{\"version\": 1", "Aegis vault: not JSON"),
        ("", "the input holds no accounts"),
    ])
    func malformed(input: String, message: String) throws {
        let result = try otp("import", input: input)
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("otp: "))
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1)
    }

    @Test("export refuses what the format cannot hold, and misused options", arguments: [
        (["export", "--format", "google"], "otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ&digits=7", "key 1 has 7 digits"),
        (["export", "--format", "google"], "otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ&period=60", "key 1 has a period of 60 seconds"),
        (["export", "--format", "google"], "otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ&encoder=steam", "Steam Guard key"),
        (["export"], "", "--format google, aegis or uris is required"),
        (["export", "--format", "aegis", "--qr", "png"], "", "--qr applies to the google and uris formats"),
        (["export", "--format", "uris", "--batch", "2"], "", "--batch applies to the google format"),
        (["export", "--format", "google"], "not a uri", "line 1: not a valid key URI"),
    ])
    func exportErrors(arguments: [String], input: String, message: String) throws {
        let result = try runProcess(otpExecutable, arguments, input: input)
        #expect(result.status == 2)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test("help: otp help import, import -h and import --help print the same text")
    func help() throws {
        for command in ["import", "export"] {
            let texts = try [["help", command], [command, "-h"], [command, "--help"]].map { try runProcess(otpExecutable, $0) }
            #expect(texts.allSatisfy { $0.status == 0 })
            #expect(Set(texts.map(\.standardOutput)).count == 1)
            #expect(texts[0].standardOutput.hasPrefix("Usage: otp \(command)"))
        }
    }
}
