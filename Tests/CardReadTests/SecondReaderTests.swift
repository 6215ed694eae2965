import Foundation
import SmartCard
import Testing
import VirtualCard

/// The second vpcd reader, `Virtual PCD 00 01`, on its own: here, among the suites that own that
/// reader, so that no other test puts a card into it meanwhile.
extension LiveCardTests {
@Suite("vpcd reader 00 01")
struct SecondReaderTests {
    init() throws { try CardEnvironment.requireAvailable() }

    @Test("the second vpcd reader works alongside the first; a card cannot be inserted twice")
    func secondReader() async throws {
        let second = VPCDClient(applet: FileSystemApplet(files: [0x011E: [0x60, 0x00]]),
                                options: .init(port: VPCDClient.secondReaderPort))
        #expect(second.readerName == "Virtual PCD 00 01")
        try second.insert()
        defer { second.remove() }
        #expect(throws: VirtualCardError.alreadyInserted) { try second.insert() }
        let connection = try await CardEnvironment.connectWhenPresent()
        #expect(try await connection.transmit(CommandAPDU(cla: 0x00, ins: 0xA4, p1: 0x02, p2: 0x0C, data: [0x01, 0x1E])).isSuccess)
        #expect(try await connection.transmit(CommandAPDU(cla: 0x00, ins: 0xB0, p1: 0x00, p2: 0x00, le: 256)).data == [0x60, 0x00])
        try await connection.disconnect()
        second.remove()
        #expect(!second.isInserted)
        try await CardEnvironment.waitUntilEmpty()
    }
}
}
