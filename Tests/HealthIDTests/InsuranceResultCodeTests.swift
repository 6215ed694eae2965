import Testing
import HealthID

@Suite("Insurance portal result codes")
struct InsuranceResultCodeTests {
    static let expected: [(String, InsuranceCheckStatus)] = [
        ("000", .valid), ("001", .managedElsewhere), ("002", .managedElsewhere), ("003", .expired),
        ("004", .validNewCardIssued), ("010", .expired), ("050", .notFound), ("051", .mismatch), ("052", .mismatch),
        ("053", .mismatch), ("054", .staffAccountRejected), ("055", .staffAccountRejected), ("060", .mismatch),
        ("061", .mismatch), ("070", .mismatch), ("100", .portalError), ("101", .portalError), ("110", .revoked),
        ("120", .revoked), ("121", .revoked), ("122", .revoked), ("123", .revoked), ("124", .revoked),
        ("130", .childWithoutCard), ("205", .portalError), ("401", .portalError),
    ]

    @Test(arguments: expected)
    func eachDocumentedCodeIsMapped(_ code: String, _ status: InsuranceCheckStatus) {
        let result = InsuranceResultCode(code)
        #expect(result.status == status)
        #expect(!result.vietnamese.isEmpty && !result.english.isEmpty)
    }

    @Test func theTableCoversExactlyTheDocumentedCodes() {
        #expect(InsuranceResultCode.documented == Self.expected.map(\.0))
        let sentences = InsuranceResultCode.documented.map { InsuranceResultCode($0).english }
        #expect(Set(sentences).count == sentences.count)
    }

    @Test func anUnknownCodeSaysSo() {
        let result = InsuranceResultCode("999")
        #expect(result.status == .unknown)
        #expect(result.english.contains("999"))
        #expect(result.vietnamese.contains("999"))
    }
}
