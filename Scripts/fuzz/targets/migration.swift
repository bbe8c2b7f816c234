// Fuzz target: the Google Authenticator transfer payload (`otpauth-migration://offline?data=`),
// its protocol buffers reader and the conversion of its accounts to key URIs.
//
// The first byte picks the entry point: the protobuf bytes (`init(decoding:)`) or the URI text
// (`init(parsing:)`); the rest is the input.
//
// Properties: no trap; an error is one bounded log line that never shows a secret; a payload
// read survives serialized() → init(decoding:) and uriString → init(parsing:) unchanged (reading
// keeps every value as given; serialized() leaves out unknown fields and the counter of
// accounts that are not HOTP); keys()
// either throws or gives keys that each pass validate().

import OTP
import OTPEncoding
import OTPInterop

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMigration(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let viaURI = input.bool()
    let bytes = input.rest()

    let payload: GoogleMigrationPayload
    do throws(GoogleMigrationError) {
        payload = viaURI ? try GoogleMigrationPayload(parsing: text(bytes)) : try GoogleMigrationPayload(decoding: bytes)
    } catch {
        require(isSafeLogLine(error.description), "error is not one bounded line: \(error.description.debugDescription)")
        return 0
    }

    // serialized() writes the counter for HOTP accounts only (as documented), so compare with
    // the counters of the other accounts cleared.
    var expected = payload
    for index in expected.accounts.indices where expected.accounts[index].type != .hotp {
        expected.accounts[index].counter = 0
    }
    let serialized = payload.serialized()
    require((try? GoogleMigrationPayload(decoding: serialized)) == expected, "decoding(serialized()) differs from the payload")
    require((try? GoogleMigrationPayload(parsing: payload.uriString)) == expected, "parsing(uriString) differs from the payload")

    do throws(GoogleMigrationError) {
        let keys = try payload.keys()
        require(keys.count == payload.accounts.count, "\(keys.count) keys for \(payload.accounts.count) accounts")
        for key in keys {
            do throws(KeyURIError) {
                try key.validate()
            } catch {
                fatalError("property failed: a key from the payload fails validate(): \(error)")
            }
        }
    } catch {
        require(isSafeLogLine(error.description), "error is not one bounded line: \(error.description.debugDescription)")
        for account in payload.accounts where account.secret.count >= 10 {
            let secret = Base32.encode(account.secret.revealed, padding: false)
            if !account.name.contains(secret) && !account.issuer.contains(secret) {
                require(!error.description.contains(secret), "error shows a secret: \(error.description)")
            }
        }
    }
    return 0
}
