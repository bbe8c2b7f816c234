// SteamGuardTests.swift
// Steam Guard codes against published examples and values from an independent Python
// implementation (hmac, hashlib and struct, written from the public description).

import OTP
import OTPCrypto
import Testing

@Suite("Steam Guard codes")
struct SteamGuardTests {
    @Test("published examples: steamguard-cli and ValvePython/steam tests")
    func publishedExamples() throws {
        // dyc3/steamguard-cli, steamguard/src/token.rs, test_generate_code: the shared_secret
        // "zvIayp3JPvtvX/QGHqsqKBk/44s=" (Base64) at 1616374841 gives "2F9J5".
        let steamguardCLI = try SteamGuard(secret: SecretBytes([
            0xce, 0xf2, 0x1a, 0xca, 0x9d, 0xc9, 0x3e, 0xfb, 0x6f, 0x5f, 0xf4, 0x06, 0x1e, 0xab, 0x2a, 0x28,
            0x19, 0x3f, 0xe3, 0x8b,
        ]))
        #expect(steamguardCLI.code(at: 1_616_374_841) == "2F9J5")
        // ValvePython/steam, tests/test_guard.py, test_generate_twofactor_code_for_time: the key
        // b"superdupersecret" gives "YRGQJ" at 3000030 and "94R9D" at 3000029 (one step earlier).
        let valve = try SteamGuard(secret: SecretBytes(Array("superdupersecret".utf8)))
        #expect(valve.code(at: 3_000_030) == "YRGQJ")
        #expect(valve.code(at: 3_000_029) == "94R9D")
        #expect(valve.code(counter: 100_001) == "YRGQJ")
    }

    @Test("values of an independent Python implementation at step boundaries and extreme times")
    func pythonValues() throws {
        // python3: mac = hmac.new(key, struct.pack(">Q", t // 30), hashlib.sha1).digest();
        // o = mac[-1] & 15; v = struct.unpack(">I", mac[o:o+4])[0] & 0x7fffffff; then five
        // times ALPHA[v % 26], v //= 26; key = RFC 6238's SHA-1 seed "12345678901234567890".
        let guardKey = try SteamGuard(secret: SecretBytes(Array("12345678901234567890".utf8)))
        let cases: [(UInt64, String)] = [
            (0, "GG5F5"), (29, "GG5F5"), (30, "PV9M4"), (59, "PV9M4"), (1_111_111_109, "PY4YB"),
            (1_234_567_890, "VHHQY"), (2_000_000_000, "9N776"), (20_000_000_000, "R5DMB"),
            (UInt64(Int64.max), "2F62K"), (UInt64.max, "PJBVV"),
        ]
        for (time, code) in cases {
            #expect(guardKey.code(at: time) == code, "time \(time)")
        }
    }

    @Test("codes use only the 26 symbols, five of them; the encoding is base 26, least significant first")
    func alphabet() throws {
        #expect(SteamGuard.alphabet.count == 26)
        #expect(String(decoding: SteamGuard.alphabet, as: UTF8.self) == "23456789BCDFGHJKMNPQRTVWXY")
        #expect(SteamGuard.encode(0) == "22222")
        #expect(SteamGuard.encode(1) == "32222")
        #expect(SteamGuard.encode(26) == "23222")
        // 26^5 = 11,881,376 is below 2^31: the high part of a large value is dropped.
        #expect(SteamGuard.encode(11_881_376) == "22222")
        #expect(SteamGuard.encode(UInt32(Int32.max)).count == 5)
        let key = try SteamGuard(secret: SecretBytes([1, 2, 3]))
        for step in UInt64(0)..<200 {
            let code = key.code(counter: step)
            #expect(code.utf8.count == 5 && code.utf8.allSatisfy { SteamGuard.alphabet.contains($0) })
        }
    }

    @Test("an empty secret or a zero period is refused; key URIs mark Steam keys with encoder=steam")
    func keys() throws {
        #expect(throws: OTPError.emptySecret) { try SteamGuard(secret: SecretBytes([])) }
        #expect(throws: OTPError.periodIsZero) { try SteamGuard(secret: SecretBytes([1]), period: 0) }
        let key = try KeyURI(parsing: "otpauth://totp/Steam:gabe?secret=Z3ZBVSU5ZE7PW3276QDB5KZKFAMT7Y4L&issuer=Steam&encoder=steam")
        #expect(key.isSteamGuard)
        #expect(try key.makeSteamGuard().code(at: 1_616_374_841) == "2F9J5")
        #expect(!(try KeyURI(parsing: "otpauth://totp/a?secret=GEZDGNBV")).isSteamGuard)
    }
}
