// Fuzz target: importing a plain Aegis vault (JSON) into key URIs.
//
// Properties: no trap, whatever the bytes; an error is one bounded log line; every key
// imported passes validate(); a skipped entry names an index inside the vault.

import OTP
import OTPInterop

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAegis(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    let vault: AegisVault.Import
    do throws(AegisError) {
        vault = try AegisVault.importKeys(from: bytes)
    } catch {
        require(isSafeLogLine(error.description), "error is not one bounded line: \(error.description.debugDescription)")
        return 0
    }
    for key in vault.keys {
        do throws(KeyURIError) {
            try key.validate()
        } catch {
            fatalError("property failed: an imported key fails validate(): \(error)")
        }
    }
    for skipped in vault.skipped {
        require(skipped.index >= 0 && skipped.index < vault.keys.count + vault.skipped.count, "skipped entry index \(skipped.index)")
    }
    return 0
}
