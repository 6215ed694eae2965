// libFuzzer entry point over USBDevices' parsers of device input (scripts/fuzz.sh builds and runs it).
// The target is chosen by USB_FUZZ_TARGET: hid, ecr, printerStatus.
import USBDevices
import Foundation

let fuzzTarget: USBFuzzTargets.Target = {
    let name = ProcessInfo.processInfo.environment["USB_FUZZ_TARGET"] ?? "hid"
    guard let target = USBFuzzTargets.Target(rawValue: name) else {
        FileHandle.standardError.write(Data("usb-fuzz: unknown USB_FUZZ_TARGET \(name)\n".utf8))
        exit(64)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    USBFuzzTargets.run(fuzzTarget, bytes)
    return 0
}
