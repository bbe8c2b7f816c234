// Base32GroupedTests.swift
// Base32.grouped(_:groupSize:): blocks for reading and typing a secret.

import OTPEncoding
import Testing

@Suite("Base32.grouped")
struct Base32GroupedTests {
    @Test("groups of four by default")
    func defaultGroups() {
        #expect(Base32.grouped("JBSWY3DPEHPK3PXP") == "JBSW Y3DP EHPK 3PXP")
        #expect(Base32.grouped("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
            == "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ")
    }

    @Test("a last group may be short; short and empty inputs are unchanged")
    func shortInputs() {
        #expect(Base32.grouped("MZXW6YTBOI") == "MZXW 6YTB OI")
        #expect(Base32.grouped("MZXW") == "MZXW")
        #expect(Base32.grouped("MY") == "MY")
        #expect(Base32.grouped("") == "")
    }

    @Test("other group sizes; sizes below 1 only remove separators")
    func groupSizes() {
        #expect(Base32.grouped("JBSWY3DPEHPK3PXP", groupSize: 8) == "JBSWY3DP EHPK3PXP")
        #expect(Base32.grouped("JBSWY3DPEHPK3PXP", groupSize: 5) == "JBSWY 3DPEH PK3PX P")
        #expect(Base32.grouped("JBSW", groupSize: 1) == "J B S W")
        #expect(Base32.grouped("JBSW-Y3DP", groupSize: 0) == "JBSWY3DP")
        #expect(Base32.grouped("JBSW Y3DP", groupSize: -4) == "JBSWY3DP")
        #expect(Base32.grouped("JBSWY3DP", groupSize: Int.max) == "JBSWY3DP")
    }

    @Test("existing spaces and hyphens are replaced, so grouping twice changes nothing")
    func regroup() {
        let once = Base32.grouped("jbsw-y3dp ehpk3pxp")
        #expect(once == "jbsw y3dp ehpk 3pxp")
        #expect(Base32.grouped(once) == once)
        #expect(Base32.grouped(" JB SW ") == "JBSW")
    }

    @Test("padding is kept and the result still decodes leniently")
    func padding() throws {
        let grouped = Base32.grouped("MZXW6YTBOI======")
        #expect(grouped == "MZXW 6YTB OI== ====")
        #expect(try Base32.decodeLenient(grouped) == ascii("foobar"))
    }

    @Test("groups count Unicode scalars, never splitting one")
    func scalars() {
        #expect(Base32.grouped("AB\u{E9}CDE", groupSize: 3) == "AB\u{E9} CDE")
        #expect(Base32.grouped("\u{1F511}\u{1F511}\u{1F511}", groupSize: 2) == "\u{1F511}\u{1F511} \u{1F511}")
    }
}
