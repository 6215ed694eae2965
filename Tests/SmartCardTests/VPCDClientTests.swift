import SmartCard
import Testing
import VirtualCard

@Suite("vpcd client without pcscd")
struct VPCDClientTests {
    @Test("reader names follow vpcd's ports")
    func readerNames() {
        #expect(VPCDClient.readerName(port: VPCDClient.firstReaderPort) == "Virtual PCD 00 00")
        #expect(VPCDClient.readerName(port: VPCDClient.secondReaderPort) == "Virtual PCD 00 01")
    }

    @Test("a refused connection is a typed error naming host and port")
    func connectRefused() {
        let client = VPCDClient(applet: FileSystemApplet(files: [:]), options: .init(port: 9))
        let error = #expect(throws: VirtualCardError.self) { try client.insert() }
        #expect(error?.code == "virtualCard.connectFailed")
        #expect(error?.detail.contains("127.0.0.1:9") == true)
        #expect(!client.isInserted)
        client.remove()
    }
}
