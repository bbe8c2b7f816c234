import OTP
import Testing

@Suite("Self-test")
struct SelfTestTests {
    @Test("every known-answer check passes")
    func allPass() {
        #expect(SelfTest.run().isEmpty)
        #expect(SelfTest.Check.allCases.count == 12)
    }
}
