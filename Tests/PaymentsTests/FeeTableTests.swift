import Payments
import Testing

@Suite("fee table")
struct FeeTableTests {
    @Test("fees by service; an unknown service names the known ones")
    func lookup() throws {
        let table = try FeeTable(["kham-benh": 30_000, "xet-nghiem": 150_000])
        #expect(try table.amount(for: "kham-benh") == 30_000)
        #expect(throws: PaymentsError.unknownService(service: "tiem", known: ["kham-benh", "xet-nghiem"])) { try table.amount(for: "tiem") }
        #expect(PaymentsError.unknownService(service: "tiem", known: ["kham-benh"]).detail
                == "fee table: no fee for service \"tiem\" (expected one of: kham-benh)")
    }

    @Test("amounts outside 1…99 999 999 đồng are refused, naming their source")
    func bounds() throws {
        #expect(throws: PaymentsError.amount(0, source: "fee table entry \"free\"")) { try FeeTable(["free": 0]) }
        #expect(throws: PaymentsError.amount(100_000_000, source: "staff")) { try FeeTable.validate(100_000_000, source: "staff") }
        try FeeTable.validate(99_999_999, source: "staff")
        #expect(PaymentsError.amount(-5, source: "staff").detail == "staff: amount -5 đồng is outside 1…99999999 (whole đồng, no minor unit)")
    }
}
