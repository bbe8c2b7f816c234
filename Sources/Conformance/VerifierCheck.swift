// VerifierCheck.swift
// The `kind = verifier` key = value files: one record is one scenario, a verifier and a
// sequence of attempts, each with the verdict and (optionally) the stored state expected after
// it. The state returned by one attempt is passed to the next, as a server would store it.
//
//   id = totp-replay
//   verifier = totp                      totp | hotp
//   secret = 3132…                       hex
//   algorithm = SHA1                     SHA1 | SHA256 | SHA512
//   digits = 6
//   period = 30                          totp: X, T0, and the window in steps
//   t0 = 0
//   steps-behind = 1
//   steps-ahead = 1
//   look-ahead = 10                      hotp: RFC 4226 §7.4 look-ahead and resync windows
//   resync-window = 100
//   max-failures = 5                     ThrottlePolicy(maximumFailures:initialDelay:maximumDelay:)
//   initial-delay = 30
//   max-delay = 3600
//   initial.last-step = 4                optional starting state: totp last accepted step,
//   initial.next-counter = 3             hotp next counter, and for both
//   initial.failures = 0                 the failure count and lockout
//   initial.locked-until = 0
//   attempt.1 = verify code=287082 time=59 -> accepted step=1 drift=0 last-step=1 failures=0
//   attempt.2 = verify code=287082 time=65 -> replayed failures=1
//   attempt.3 = resync first=287922 second=162583 time=70 -> accepted step=7 drift=7 next-counter=8
//
// Or, for a configuration the library must refuse, `expect = error:<case>` (an `OTPError` or
// `VerifierError` case) and no attempts.
//
// An attempt is `ACTION ARG=VALUE … -> OUTCOME ARG=VALUE …`:
//   verify code=C time=T                  TOTPVerifier.verify / HOTPVerifier.verify
//   resync first=C1 second=C2 time=T      HOTPVerifier.resynchronize (hotp only)
// OUTCOME is a `VerificationOutcome` case: `accepted step=S drift=D`, `rejected`, `replayed`,
// `malformed`, `lockedOut until=T`, `timeBeforeT0`. After it, optional checks of the state to
// store: `failures=N`, `locked-until=T`, `last-step=N|none` (totp), `next-counter=N` (hotp).

import OTP
import OTPCrypto

private let commonKeys = [
    "id", "verifier", "secret", "algorithm", "digits", "max-failures", "initial-delay", "max-delay",
    "initial.failures", "initial.locked-until", "expect",
]
private let totpKeys = ["period", "t0", "steps-behind", "steps-ahead", "initial.last-step"]
private let hotpKeys = ["look-ahead", "resync-window", "initial.next-counter"]

/// The configuration errors a scenario may expect.
private let configurationErrorCases = OTPVector.errorCases + ["windowTooLarge", "invalidThrottle"]

/// The outcomes an attempt may expect, by their `VerificationOutcome` case names.
private let outcomeNames = ["accepted", "rejected", "replayed", "malformed", "lockedOut", "timeBeforeT0"]

/// One `attempt.N` line, parsed.
private struct Attempt {
    enum Action {
        case verify(code: String)
        case resync(first: String, second: String)
    }

    var key: String
    var line: Int
    var action: Action
    var time: UInt64
    /// The outcome as written: `accepted step=1 drift=-1`, `rejected`, `lockedOut until=132`.
    var outcome: String
    /// State checks in the order written: (`failures`, `2`), (`last-step`, `none`).
    var stateChecks: [(name: String, value: String)]
}

/// Checks every scenario of a verifier file.
func checkVerifierScenarios(_ file: KVFile) throws(FormatError) -> ReportBuilder {
    var report = ReportBuilder()
    var seenIDs = Set<String>()
    for record in file.records {
        let idField = try record.requireBare("id")
        let id = try idField.token()
        guard seenIDs.insert(id).inserted else { throw FormatError(line: idField.line, .duplicateID(id)) }
        let kindField = try record.requireBare("verifier")
        let mode: OTPVector.Mode
        switch kindField.text {
        case "totp": mode = .totp
        case "hotp": mode = .hotp
        default:
            throw FormatError(line: kindField.line, .invalidValue(field: "verifier", value: kindField.bytes.excerpt(), expected: "totp or hotp"))
        }
        let allowed = commonKeys + (mode == .totp ? totpKeys : hotpKeys)
        for field in record.fields where !allowed.contains(field.key) && !field.key.hasPrefix("attempt.") {
            throw FormatError(line: field.line, .unexpectedField(field.key))
        }
        let attempts = try readAttempts(record, mode: mode)
        let expectedError = try record.bare("expect").map { (field) throws(FormatError) in
            try readErrorCase(field, cases: configurationErrorCases)
        }
        if expectedError != nil, let first = attempts.first {
            throw FormatError(line: first.line, .unexpectedField("\(first.key) (not with expect)"))
        }
        if expectedError == nil, attempts.isEmpty {
            throw FormatError(line: record.line, .missingField("attempt.1"))
        }

        let secret = SecretBytes(try record.requireBare("secret").hex())
        let algorithm = HashAlgorithm(rawValue: try readAlgorithm(record)) ?? .sha1
        let digits = try record.requireBare("digits").int()
        let policy = ThrottlePolicy(
            maximumFailures: try record.requireBare("max-failures").int(),
            initialDelay: try record.requireBare("initial-delay").uint64(),
            maximumDelay: try record.requireBare("max-delay").uint64())
        let throttleState = ThrottleState(
            failures: try record.bare("initial.failures")?.int() ?? 0,
            lockedUntil: try record.bare("initial.locked-until")?.uint64() ?? 0)

        let mismatches: [Mismatch]
        switch mode {
        case .totp:
            let period = try record.requireBare("period").uint64()
            let t0 = try record.requireBare("t0").uint64()
            let behind = try record.requireBare("steps-behind").uint64()
            let ahead = try record.requireBare("steps-ahead").uint64()
            let state = TOTPState(lastAcceptedStep: try record.bare("initial.last-step")?.uint64(), throttle: throttleState)
            let made = makeVerifier(expectedError) { () throws(ConfigurationError) in
                let totp: TOTP
                do throws(OTPError) {
                    totp = try TOTP(secret: secret, algorithm: algorithm, digits: digits, period: period, t0: t0)
                } catch {
                    throw ConfigurationError(name: otpErrorName(error), detail: error.description)
                }
                do throws(VerifierError) {
                    return try TOTPVerifier(totp: totp, stepsBehind: behind, stepsAhead: ahead, throttle: policy)
                } catch {
                    throw ConfigurationError(name: verifierErrorName(error), detail: error.description)
                }
            }
            switch made {
            case .verdict(let verdict): mismatches = verdict
            case .verifier(let verifier): mismatches = runTOTP(attempts, verifier: verifier, state: state)
            }
        case .hotp:
            let lookAhead = try record.requireBare("look-ahead").uint64()
            let resyncWindow = try record.requireBare("resync-window").uint64()
            let state = HOTPState(nextCounter: try record.bare("initial.next-counter")?.uint64() ?? 0, throttle: throttleState)
            let made = makeVerifier(expectedError) { () throws(ConfigurationError) in
                let hotp: HOTP
                do throws(OTPError) {
                    hotp = try HOTP(secret: secret, algorithm: algorithm, digits: digits)
                } catch {
                    throw ConfigurationError(name: otpErrorName(error), detail: error.description)
                }
                do throws(VerifierError) {
                    return try HOTPVerifier(hotp: hotp, lookAhead: lookAhead, resynchronizationWindow: resyncWindow, throttle: policy)
                } catch {
                    throw ConfigurationError(name: verifierErrorName(error), detail: error.description)
                }
            }
            switch made {
            case .verdict(let verdict): mismatches = verdict
            case .verifier(let verifier): mismatches = runHOTP(attempts, verifier: verifier, state: state)
            }
        }
        report.record(line: record.line, caseID: id, mismatches: mismatches, inputs: record.inputs)
    }
    return report
}

// MARK: - Configuration

/// A configuration error reduced to its case name.
private struct ConfigurationError: Error {
    var name: String
    var detail: String
}

private enum Made<Verifier> {
    /// The scenario is decided: it expected an error (matched or not), or failed to configure.
    case verdict([Mismatch])
    case verifier(Verifier)
}

/// Builds the verifier and compares with the expected configuration error, if any.
private func makeVerifier<Verifier>(
    _ expectedError: String?, _ build: () throws(ConfigurationError) -> Verifier
) -> Made<Verifier> {
    do {
        let verifier = try build()
        if let expectedError {
            return .verdict([mismatch("verifier", expected: "error:\(expectedError)", got: "a verifier")])
        }
        return .verifier(verifier)
    } catch {
        guard let expectedError else {
            return .verdict([mismatch("verifier", expected: "a verifier", got: "error:\(error.name) (\(error.detail))")])
        }
        return .verdict(error.name == expectedError ? [] : [mismatch("verifier", expected: "error:\(expectedError)", got: "error:\(error.name)")])
    }
}

private func verifierErrorName(_ error: VerifierError) -> String {
    switch error {
    case .windowTooLarge: "windowTooLarge"
    case .invalidThrottle: "invalidThrottle"
    }
}

// MARK: - Running attempts

private func runTOTP(_ attempts: [Attempt], verifier: TOTPVerifier, state initial: TOTPState) -> [Mismatch] {
    var state = initial
    var mismatches: [Mismatch] = []
    for attempt in attempts {
        guard case .verify(let code) = attempt.action else { continue }  // resync is refused when read
        let result = verifier.verify(code, at: attempt.time, state: state)
        state = result.state
        let actual: [String: String] = [
            "failures": String(state.throttle.failures),
            "locked-until": String(state.throttle.lockedUntil),
            "last-step": state.lastAcceptedStep.map { String($0) } ?? "none",
        ]
        mismatches += compare(attempt, outcome: result.outcome, state: actual)
    }
    return mismatches
}

private func runHOTP(_ attempts: [Attempt], verifier: HOTPVerifier, state initial: HOTPState) -> [Mismatch] {
    var state = initial
    var mismatches: [Mismatch] = []
    for attempt in attempts {
        let result = switch attempt.action {
        case .verify(let code): verifier.verify(code, at: attempt.time, state: state)
        case .resync(let first, let second): verifier.resynchronize(first, second, at: attempt.time, state: state)
        }
        state = result.state
        let actual: [String: String] = [
            "failures": String(state.throttle.failures),
            "locked-until": String(state.throttle.lockedUntil),
            "next-counter": String(state.nextCounter),
        ]
        mismatches += compare(attempt, outcome: result.outcome, state: actual)
    }
    return mismatches
}

/// The outcome in the file's words: `accepted step=1 drift=-1`, `lockedOut until=132`.
private func describe(_ outcome: VerificationOutcome) -> String {
    switch outcome {
    case .accepted(let step, let drift): "accepted step=\(step) drift=\(drift)"
    case .rejected: "rejected"
    case .replayed: "replayed"
    case .malformed: "malformed"
    case .lockedOut(let until): "lockedOut until=\(until)"
    case .timeBeforeT0: "timeBeforeT0"
    case .notEnabled: "notEnabled"
    case .recoveryCodeAccepted(let remaining): "recoveryCodeAccepted remaining=\(remaining)"
    }
}

private func compare(_ attempt: Attempt, outcome: VerificationOutcome, state: [String: String]) -> [Mismatch] {
    let expected = ([attempt.outcome] + attempt.stateChecks.map { "\($0.name)=\($0.value)" }).joined(separator: " ")
    let got = ([describe(outcome)] + attempt.stateChecks.map { "\($0.name)=\(state[$0.name] ?? "?")" }).joined(separator: " ")
    return expected == got ? [] : [mismatch(attempt.key, expected: expected, got: got)]
}

// MARK: - Reading attempts

/// The `attempt.N` fields, numbered 1, 2, 3, … in file order.
private func readAttempts(_ record: KVRecord, mode: OTPVector.Mode) throws(FormatError) -> [Attempt] {
    var attempts: [Attempt] = []
    for field in record.fields where field.key.hasPrefix("attempt.") {
        let expectedKey = "attempt.\(attempts.count + 1)"
        guard field.key == expectedKey else {
            throw FormatError(line: field.line, .outOfSequence(field: "attempt", expected: expectedKey, actual: field.key))
        }
        guard case .bare(let bytes) = field.value else {
            throw FormatError(line: field.line, .invalidValue(field: field.key, value: "\"…\"", expected: "a bare (unquoted) value"))
        }
        attempts.append(try parseAttempt(bytes, key: field.key, line: field.line, mode: mode))
    }
    return attempts
}

/// `ACTION ARG=VALUE … -> OUTCOME ARG=VALUE …`.
private func parseAttempt(_ bytes: ArraySlice<UInt8>, key: String, line: Int, mode: OTPVector.Mode) throws(FormatError) -> Attempt {
    func invalid(_ expected: String) -> FormatError {
        FormatError(line: line, .invalidValue(field: key, value: bytes.excerpt(), expected: expected))
    }
    let words = bytes.split(whereSeparator: isBlank).map(\.text)
    guard let arrow = words.firstIndex(of: "->"), arrow >= 1, arrow + 1 < words.count else {
        throw invalid("'ACTION ARG=VALUE … -> OUTCOME …'")
    }
    let actionArguments = try namedArguments(words[1..<arrow], invalid: invalid)
    let resultArguments = try namedArguments(words[(arrow + 2)...], invalid: invalid)

    func take(_ arguments: [(name: String, value: String)], _ names: [String]) throws(FormatError) -> [String] {
        var values: [String] = []
        for name in names {
            guard let value = arguments.first(where: { $0.name == name })?.value else { throw invalid("an attempt with '\(name)='") }
            values.append(value)
        }
        return values
    }
    func number(_ text: String) throws(FormatError) -> UInt64 {
        guard let value = parseDecimal(ArraySlice(text.utf8)) else { throw FormatError(line: line, .invalidNumber(field: key, value: shortened(text))) }
        return value
    }

    // The action.
    let action: Attempt.Action
    let actionNames: [String]
    switch words[0] {
    case "verify":
        actionNames = ["code", "time"]
        action = .verify(code: try take(actionArguments, ["code"])[0])
    case "resync" where mode == .hotp:
        actionNames = ["first", "second", "time"]
        let codes = try take(actionArguments, ["first", "second"])
        action = .resync(first: codes[0], second: codes[1])
    default:
        throw invalid(mode == .hotp ? "an attempt starting 'verify' or 'resync'" : "an attempt starting 'verify'")
    }
    if actionArguments.contains(where: { !actionNames.contains($0.name) }) {
        throw invalid("'\(words[0])' with only " + actionNames.map { "\($0)=" }.joined(separator: ", "))
    }
    let time = try number(try take(actionArguments, ["time"])[0])

    // The outcome and its arguments, written back in one canonical order.
    let outcomeName = words[arrow + 1]
    guard outcomeNames.contains(outcomeName) else { throw invalid("an outcome of " + outcomeNames.joined(separator: ", ")) }
    let outcomeArguments: [String] = switch outcomeName {
    case "accepted": ["step", "drift"]
    case "lockedOut": ["until"]
    default: []
    }
    var outcome = outcomeName
    for (name, value) in zip(outcomeArguments, try take(resultArguments, outcomeArguments)) {
        // Numbers are written back canonically (`drift=-01` compares as `drift=-1`).
        if name == "drift" {
            let negative = value.hasPrefix("-")
            let magnitude = try number(negative ? String(value.dropFirst()) : value)
            guard magnitude <= UInt64(Int64.max) else { throw FormatError(line: line, .invalidNumber(field: key, value: shortened(value))) }
            outcome += " drift=\(negative ? -Int64(magnitude) : Int64(magnitude))"
        } else {
            outcome += " \(name)=\(try number(value))"
        }
    }
    let stateNames = ["failures", "locked-until", mode == .totp ? "last-step" : "next-counter"]
    var stateChecks: [(name: String, value: String)] = []
    for argument in resultArguments where !outcomeArguments.contains(argument.name) {
        guard stateNames.contains(argument.name) else {
            throw invalid("'\(outcomeName)' followed only by " + (outcomeArguments + stateNames).map { "\($0)=" }.joined(separator: ", "))
        }
        let value = argument.name == "last-step" && argument.value == "none" ? "none" : String(try number(argument.value))
        stateChecks.append((argument.name, value))
    }
    return Attempt(key: key, line: line, action: action, time: time, outcome: outcome, stateChecks: stateChecks)
}

/// `name=value` words; a name given twice is an error.
private func namedArguments(
    _ words: ArraySlice<String>, invalid: (String) -> FormatError
) throws(FormatError) -> [(name: String, value: String)] {
    var arguments: [(name: String, value: String)] = []
    for word in words {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { throw invalid("'name=value' words, found '\(shortened(word))'") }
        let name = String(word[..<equals])
        guard !arguments.contains(where: { $0.name == name }) else { throw invalid("'\(name)=' once") }
        arguments.append((name, String(word[word.index(after: equals)...])))
    }
    return arguments
}
