import Foundation
import Testing
@testable import Sync

@Suite struct BackoffTests {
    @Test func windowDoublesFromBaseUpToTheCap() {
        let backoff = Backoff(base: .seconds(2), cap: .seconds(600))
        #expect(backoff.window(failures: 1) == .seconds(2))
        #expect(backoff.window(failures: 2) == .seconds(4))
        #expect(backoff.window(failures: 5) == .seconds(32))
        #expect(backoff.window(failures: 9) == .seconds(512))
        #expect(backoff.window(failures: 10) == .seconds(600))
        #expect(backoff.window(failures: 500) == .seconds(600))
    }

    @Test func fullJitterDrawsFromZeroToTheWindow() {
        let top = Backoff(base: .seconds(1), cap: .seconds(600), jitter: { $0 })
        let bottom = Backoff(base: .seconds(1), cap: .seconds(600), jitter: { _ in .zero })
        let half = Backoff(base: .seconds(1), cap: .seconds(600), jitter: { $0 / 2 })
        let wild = Backoff(base: .seconds(1), cap: .seconds(600), jitter: { $0 * 10 })
        #expect(top.delay(failures: 4) == .seconds(8))
        #expect(bottom.delay(failures: 4) == .zero)
        #expect(half.delay(failures: 4) == .seconds(4))
        #expect(wild.delay(failures: 4) == .seconds(8), "a jitter draw is clamped to the window")
        let uniform = Backoff(base: .seconds(1), cap: .seconds(600))
        for failures in 1...20 {
            let delay = uniform.delay(failures: failures)
            #expect(delay >= .zero && delay <= uniform.window(failures: failures))
        }
    }

    @Test func retryAfterInSecondsOrAsAnHTTPDate() throws {
        let now = Date(timeIntervalSince1970: 784_111_777) // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == .zero)
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:50:07 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:40:00 GMT", now: now) == .zero, "a date in the past means now")
        #expect(RetryAfter.parse("999999", now: now) == RetryAfter.maximum)
        #expect(RetryAfter.parse("soon", now: now) == nil)
    }
}

@Suite struct CircuitBreakerTests {
    @Test func opensAfterThresholdAndProbesAfterCooldown() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        var breaker = CircuitBreaker(threshold: 3, cooldown: .seconds(30))
        for _ in 0..<2 {
            let allowed = breaker.allowsCall(now: start)
            #expect(allowed)
            breaker.recordFailure(now: start)
        }
        #expect(breaker.state == .closed)
        breaker.recordFailure(now: start)
        #expect(breaker.state == .open(until: start.addingTimeInterval(30)))
        let early = breaker.allowsCall(now: start.addingTimeInterval(29))
        #expect(!early)
        let afterCooldown = breaker.allowsCall(now: start.addingTimeInterval(30))
        #expect(afterCooldown)
        #expect(breaker.isProbing)
        breaker.recordFailure(now: start.addingTimeInterval(30))
        #expect(breaker.state == .open(until: start.addingTimeInterval(60)), "a failed probe opens it again")
        let probeAgain = breaker.allowsCall(now: start.addingTimeInterval(61))
        #expect(probeAgain)
        breaker.recordSuccess()
        #expect(breaker.state == .closed)
        #expect(breaker.consecutiveFailures == 0)
    }

    @Test func aSuccessResetsTheCount() {
        let now = Date()
        var breaker = CircuitBreaker(threshold: 2, cooldown: .seconds(1))
        breaker.recordFailure(now: now)
        breaker.recordSuccess()
        breaker.recordFailure(now: now)
        #expect(breaker.state == .closed)
    }
}
