import OTPCrypto
import Testing

@Suite("PBKDF2 (RFC 8018)")
struct PBKDF2Tests {
    /// RFC 6070 (PBKDF2-HMAC-SHA1) test vectors, except the 16,777,216-iteration one.
    static let rfc6070: [(String, String, Int, Int, String)] = [
        ("password", "salt", 1, 20, "0c60c80f961f0e71f3a9b524af6012062fe037a6"),
        ("password", "salt", 2, 20, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"),
        ("password", "salt", 4096, 20, "4b007901b765489abead49d926f721d065a429c1"),
        ("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 25,
         "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"),
        ("pass\0word", "sa\0lt", 4096, 16, "56fa6aa75548099dcc37d7f03425e0c3"),
    ]

    @Test("RFC 6070 vectors for HMAC-SHA1")
    func rfc6070Vectors() throws {
        for (password, salt, iterations, length, expected) in Self.rfc6070 {
            let key = try PBKDF2.deriveKey(
                SHA1.self, password: Array(password.utf8), salt: Array(salt.utf8),
                iterations: iterations, keyByteCount: length)
            #expect(key == hex(expected), "\(iterations) iterations, \(length) bytes")
        }
    }

    /// PBKDF2-HMAC-SHA256 and -SHA512 values computed with Python's hashlib.pbkdf2_hmac
    /// (OpenSSL); the first two are also the widely published SHA-256 vectors.
    @Test("HMAC-SHA256 and HMAC-SHA512 vectors, including a multi-block key")
    func sha2Vectors() throws {
        #expect(try PBKDF2.deriveKey(SHA256.self, password: Array("password".utf8), salt: Array("salt".utf8),
                                     iterations: 1, keyByteCount: 32)
            == hex("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"))
        #expect(try PBKDF2.deriveKey(SHA256.self, password: Array("password".utf8), salt: Array("salt".utf8),
                                     iterations: 4096, keyByteCount: 32)
            == hex("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"))
        #expect(try PBKDF2.deriveKey(SHA256.self, password: Array("passwordPASSWORDpassword".utf8),
                                     salt: Array("saltSALTsaltSALTsaltSALTsaltSALTsalt".utf8),
                                     iterations: 4096, keyByteCount: 40)
            == hex("348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9"))
        #expect(try PBKDF2.deriveKey(SHA512.self, password: Array("password".utf8), salt: Array("salt".utf8),
                                     iterations: 2, keyByteCount: 64)
            == hex("e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53cf76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e"))
        #expect(try PBKDF2.deriveKey(SHA256.self, password: Array("password".utf8), salt: Array("salt".utf8),
                                     iterations: 3, keyByteCount: 100)
            == hex("ad35240ac683febfaf3cd49d845473fbbbaa2437f5f82d5a415ae00ac76c6bfccf9a9b8d6d2fe4a1e700c4460b040dbed692c1cb85a747f35588c08930fcfc41ac48082086069b111a9c752f1856237f3af8adc86757f26c60870d3eb52a7c2060c3749b"))
    }

    @Test("bad parameters are typed errors")
    func badParameters() {
        let password = Array("p".utf8), salt = Array("s".utf8)
        #expect(throws: PBKDF2Error.iterationsOutOfRange(0)) {
            try PBKDF2.deriveKey(SHA1.self, password: password, salt: salt, iterations: 0, keyByteCount: 20)
        }
        #expect(throws: PBKDF2Error.keyLengthOutOfRange(0)) {
            try PBKDF2.deriveKey(SHA1.self, password: password, salt: salt, iterations: 1, keyByteCount: 0)
        }
        #expect(throws: PBKDF2Error.keyLengthOutOfRange(Int.max)) {
            try PBKDF2.deriveKey(SHA1.self, password: password, salt: salt, iterations: 1, keyByteCount: Int.max)
        }
    }
}
