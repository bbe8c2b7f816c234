// Fuzz target: otpauth:// key URI parsing (KeyURI(parsing:)) and building (uriString()).
//
// Properties, for any text:
// - parsing either throws a KeyURIError or returns a key that passes validate();
// - a parsed key survives uriString() → parse with every field equal, apart from the two
//   exceptions uriString() documents (spaces at the start of an account after an issuer are
//   dropped; an account holding ':' without an issuer is read back as issuer:account), and
//   also with includeDefaults;
// - neither the key's description nor an error's description shows the secret (the `secret`
//   value, when it is at least 16 characters, the shortest misplaced secret worth hiding),
//   and every description is one bounded log line without control characters.

import OTP
import OTPEncoding

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeyURI(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = text(inputBytes(data, size))
    let secretText = secretParameter(of: input)

    let key: KeyURI
    do throws(KeyURIError) {
        key = try KeyURI(parsing: input)
    } catch {
        let message = error.description
        #if FUZZ_SKIP_KNOWN_ISSUES
        // Known issue 5 (Scripts/fuzz/README.md): quoted values may hold C1 controls.
        require(isSafeLogLine(message, allowingC1: true), "error description is not a safe log line: \(message.debugDescription)")
        #else
        require(isSafeLogLine(message), "error description is not a safe log line: \(message.debugDescription)")
        #endif
        if let secretText, secretText.unicodeScalars.count >= 16 {
            #if FUZZ_SKIP_KNOWN_ISSUES
            // Known issue 3 (Scripts/fuzz/README.md): issuerMismatch quotes up to 40 characters.
            if case .issuerMismatch = error { return 0 }
            #endif
            require(!message.contains(secretText), "error description shows the secret: \(message)")
        }
        return 0
    }

    do throws(KeyURIError) {
        try key.validate()
    } catch {
        fatalError("property failed: a parsed key fails validate(): \(error)")
    }
    let description = key.description
    let secretBase32 = Base32.encode(key.secret.revealed, padding: false)
    if key.secret.count >= 10, !otherText(of: key).contains(secretBase32) {
        require(!description.contains(secretBase32), "KeyURI.description shows the secret")
    }
    #if !FUZZ_SKIP_KNOWN_ISSUES
    // Known issue 1 (Scripts/fuzz/README.md): issuer and account are written verbatim.
    require(isSafeLogLine(description, maximumLength: .max), "KeyURI.description is not one safe line: \(description.debugDescription)")
    #endif

    for includeDefaults in [false, true] {
        let uri = key.uriString(includeDefaults: includeDefaults)
        let again: KeyURI
        do throws(KeyURIError) {
            again = try KeyURI(parsing: uri)
        } catch {
            // The documented exception: an account with ':' and no issuer may split into an
            // issuer prefix and an account that is then empty.
            if key.issuer == nil && key.account.unicodeScalars.contains(":") { continue }
            #if FUZZ_SKIP_KNOWN_ISSUES
            // Known issue 2 (Scripts/fuzz/README.md): an issuer with ':' whose last character
            // joins the separator into one grapheme cluster.
            if case .issuerMismatch = error, key.issuer?.unicodeScalars.contains(":") == true { continue }
            #endif
            fatalError("property failed: the built URI does not parse (\(error)): \(uri.debugDescription)")
        }
        if key.issuer == nil && key.account.unicodeScalars.contains(":") { continue }
        var expectedAccount = key.account
        if key.issuer != nil {
            expectedAccount = String(key.account.unicodeScalars.drop(while: { $0 == " " }))
        }
        require(again.kind == key.kind, "kind changed in \(uri.debugDescription)")
        require(again.issuer == key.issuer,
                "issuer changed from \(String(describing: key.issuer?.debugDescription)) to \(String(describing: again.issuer?.debugDescription)) in \(uri.debugDescription)")
        require(again.account == expectedAccount,
                "account changed from \(key.account.debugDescription) to \(again.account.debugDescription) in \(uri.debugDescription)")
        require(again.secret == key.secret, "secret changed in \(uri.debugDescription)")
        require(again.algorithm == key.algorithm, "algorithm changed in \(uri.debugDescription)")
        require(again.digits == key.digits, "digits changed in \(uri.debugDescription)")
        switch key.kind {
        case .totp: require(again.period == key.period, "period changed in \(uri.debugDescription)")
        case .hotp: require(again.counter == key.counter, "counter changed in \(uri.debugDescription)")
        }
        require(again.parameters == key.parameters, "parameters changed in \(uri.debugDescription)")
    }
    return 0
}

/// The percent-decoded value of the first `secret=` parameter, if any (for the leak check).
private func secretParameter(of uri: String) -> String? {
    guard let question = uri.firstIndex(of: "?") else { return nil }
    for component in uri[uri.index(after: question)...].split(separator: "&") {
        guard component.hasPrefix("secret=") else { continue }
        let raw = component.dropFirst("secret=".count)
        return (try? PercentEncoding.decode(raw)) ?? String(raw)
    }
    return nil
}

/// Issuer, account and parameter names of a key: text a description may show.
private func otherText(of key: KeyURI) -> String {
    (key.issuer ?? "") + "\u{0}" + key.account + "\u{0}" + key.parameters.keys.joined(separator: "\u{0}")
}
