/// How failed attempts slow an attacker down (RFC 4226 §7.3): after `maximumFailures`
/// consecutive failures the account is locked, first for `initialDelay` seconds, and the
/// delay doubles with every further failure up to `maximumDelay`.
public struct ThrottlePolicy: Sendable, Equatable {
    /// Consecutive failures allowed before the account is locked (at least 1).
    public var maximumFailures: Int
    /// The first lockout, in seconds.
    public var initialDelay: UInt64
    /// The longest lockout, in seconds.
    public var maximumDelay: UInt64

    /// Five failures, then 30 seconds, doubling up to one hour.
    public init(maximumFailures: Int = 5, initialDelay: UInt64 = 30, maximumDelay: UInt64 = 3600) {
        self.maximumFailures = maximumFailures
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// The lockout after `failures` consecutive failures, or 0 while fewer than allowed.
    /// Saturates instead of overflowing, however many failures there were.
    func delay(afterFailures failures: Int) -> UInt64 {
        guard failures >= max(maximumFailures, 1) else { return 0 }
        let doublings = failures - max(maximumFailures, 1)
        var delay = initialDelay
        for _ in 0..<min(doublings, 64) {
            let (doubled, overflow) = delay.multipliedReportingOverflow(by: 2)
            if overflow || doubled >= maximumDelay { return maximumDelay }
            delay = doubled
        }
        return min(delay, maximumDelay)
    }
}

/// The failure count and lockout of one account: part of the state the caller stores.
public struct ThrottleState: Sendable, Equatable {
    /// Consecutive failed attempts since the last success.
    public var failures: Int
    /// Unix time (seconds) before which every attempt is refused; 0 when not locked.
    public var lockedUntil: UInt64

    public init(failures: Int = 0, lockedUntil: UInt64 = 0) {
        self.failures = failures
        self.lockedUntil = lockedUntil
    }

    /// Whether attempts are refused at `time`.
    public func isLocked(at time: UInt64) -> Bool { time < lockedUntil }

    /// The state after one more failure at `time`.
    func recordingFailure(at time: UInt64, policy: ThrottlePolicy) -> ThrottleState {
        let failures = self.failures < Int.max ? self.failures + 1 : Int.max
        let delay = policy.delay(afterFailures: failures)
        let (until, overflow) = time.addingReportingOverflow(delay)
        return ThrottleState(failures: failures, lockedUntil: delay == 0 ? 0 : (overflow ? UInt64.max : until))
    }
}

#if !hasFeature(Embedded)
extension ThrottlePolicy: Codable {}
extension ThrottleState: Codable {}
#endif
