import Foundation
import Testing
@testable import Store

@Suite("UUIDv7")
struct UUIDv7Tests {
    @Test func layoutFollowsRFC9562() {
        // RFC 9562, appendix A.6: unix_ts_ms 0x017F22E279B0, ver 7, rand_a 0xCC3, var 0b10, rand_b 0x18C4DC0C0C07398F.
        let uuid = UUIDv7Generator.assemble(millis: 0x017F_22E2_79B0, sequence: 0xCC3, random: 0x98C4_DC0C_0C07_398F)
        #expect(uuid.uuidString.lowercased() == "017f22e2-79b0-7cc3-98c4-dc0c0c07398f")
    }

    @Test func strictlyIncreasingWithinOneMillisecondAndWhenTheClockStepsBack() {
        let generator = UUIDv7Generator()
        let instant = Date(timeIntervalSince1970: 1_795_831_200)
        var previous = generator.next(at: instant).uuidString
        for step in 0..<5000 {
            let date = step == 2500 ? instant.addingTimeInterval(-10) : instant
            let next = generator.next(at: date).uuidString
            #expect(next > previous)
            previous = next
        }
    }
}
