// KeyURI+Build.swift
// Writing an otpauth:// provisioning URI that authenticator apps accept.

import OTPCrypto
import OTPEncoding

extension KeyURI {
    /// The provisioning URI for this key, as the Key Uri Format describes it:
    ///
    ///     otpauth://totp/ACME%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co
    ///
    /// - The issuer is written twice, as the label prefix and as `issuer=`, which the Key Uri
    ///   Format recommends; an empty or nil issuer gives a label of the account alone.
    /// - Issuer, account and unknown parameters are percent-encoded with
    ///   `PercentEncoding.encode(_:)`: every byte outside RFC 3986 §2.3 unreserved, so a space is
    ///   `%20` (never `+`, which apps show as a plus: pyauth/pyotp#47), a colon inside the issuer
    ///   or account is `%3A`, and `%` itself is `%25` (no double encoding: each text is encoded
    ///   once). The separator between issuer and account is a literal `:`.
    /// - The secret is Base32 (RFC 4648 §6) without padding, as the Key Uri Format asks.
    /// - Parameters come in a fixed order: `secret` first (Google Authenticator has been seen to
    ///   misread some codes when `secret` ends the URI: pquerna/otp#94), then `issuer`,
    ///   `algorithm` (upper case), `digits`, then `period` for TOTP or `counter` for HOTP, then
    ///   the unknown parameters sorted by name. Entries of `parameters` named like a defined
    ///   parameter are skipped.
    /// - `algorithm=SHA1`, `digits=6` and `period=30` are the defaults and are left out unless
    ///   `includeDefaults` is true. `counter` is always written for HOTP (it is required).
    ///
    /// The fields are written as they are; call `validate()` first to catch an empty account or
    /// secret or digits outside 6...10. Parsing the result gives back the same fields, except
    /// that spaces at the start of an account that follows an issuer are dropped (the Key Uri
    /// Format allows spaces after the separator), and that an account containing `:` without
    /// an issuer is read back as `issuer:account`.
    public func uriString(includeDefaults: Bool = false) -> String {
        var uri = "otpauth://" + kind.rawValue + "/"
        var issuerText: String? = nil
        if let issuer, !issuer.isEmpty { issuerText = issuer }
        if let issuerText {
            uri += PercentEncoding.encode(issuerText) + ":"
        }
        uri += PercentEncoding.encode(account)
        uri += "?secret=" + Base32.encode(secret.revealed, padding: false)
        if let issuerText {
            uri += "&issuer=" + PercentEncoding.encode(issuerText)
        }
        if includeDefaults || algorithm != .sha1 {
            uri += "&algorithm=" + algorithm.rawValue
        }
        if includeDefaults || digits != 6 {
            uri += "&digits=\(digits)"
        }
        switch kind {
        case .totp:
            if includeDefaults || period != 30 { uri += "&period=\(period)" }
        case .hotp:
            uri += "&counter=\(counter)"
        }
        for name in parameters.keys.sorted() where !Self._knownParameters.contains(name) {
            uri += "&" + PercentEncoding.encode(name) + "=" + PercentEncoding.encode(parameters[name] ?? "")
        }
        return uri
    }
}
