// Tool noticed-fuzz: libFuzzer entry points over FuzzKit (`make fuzz`; not a product).

import Foundation
import FuzzKit

// The libFuzzer entry points (`make fuzz` builds this with -sanitize=fuzzer,address and
// -DFUZZING). Without FUZZING it is a replay tool: `noticed-fuzz TARGET FILE…`.

nonisolated(unsafe) var target = FuzzTarget.clean

#if FUZZING
    @_cdecl("LLVMFuzzerInitialize")
    public func fuzzInitialize(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
    ) -> Int32 {
        let name = ProcessInfo.processInfo.environment["NOTICED_FUZZ_TARGET"] ?? "clean"
        guard let chosen = FuzzTarget(rawValue: name) else {
            print("NOTICED_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue))")
            exit(2)
        }
        target = chosen
        return 0
    }

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        guard let data else { return 0 }
        target.run(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }

    // SwiftPM names an executable's entry point `<module>_main` (`noticed_fuzz_main`) and aliases `main` to it, so
    // libFuzzer's own main is not linked: start its driver from here instead.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    @_cdecl("noticed_fuzz_main")
    public func fuzzMain(
        _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> Int32 {
        var count = argc
        var vector = argv
        return runDriver(&count, &vector) { data, size in fuzzOne(data, size) }
    }
#else
    @main
    enum Replay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let name = arguments.first, let chosen = FuzzTarget(rawValue: name) else {
                print("usage: noticed-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE…")
                exit(2)
            }
            for path in arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                chosen.run([UInt8](data))
            }
            print("replayed \(arguments.count - 1) input(s) through \(name)")
        }
    }
#endif
