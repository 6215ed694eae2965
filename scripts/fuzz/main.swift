// libFuzzer entry point over EMRTD's parsers (scripts/fuzz.sh builds and runs it).
// The target is chosen by EMRTD_FUZZ_TARGET: tlv, mrz, qr, dg13, cardAccess, sod, secureMessaging.
import EMRTD
import Foundation

let fuzzTarget: FuzzTargets.Target = {
    let name = ProcessInfo.processInfo.environment["EMRTD_FUZZ_TARGET"] ?? "tlv"
    guard let target = FuzzTargets.Target(rawValue: name) else {
        FileHandle.standardError.write(Data("emrtd-fuzz: unknown EMRTD_FUZZ_TARGET \(name)\n".utf8))
        exit(64)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTargets.run(fuzzTarget, bytes)
    return 0
}
