// otp-bench: times the library's hot paths. Build in release mode:
//   swift run -c release otp-bench            a table
//   swift run -c release otp-bench --json     one JSON object of the headline numbers
// Each benchmark is warmed up, then timed over several samples; the table shows the median
// time per call (and the fastest and slowest samples) and, where a size applies, throughput.
// Known answers are checked before anything is timed. To add benchmarks, write a `Benchmark`
// list in its own file and append it below.

#if canImport(Glibc)
import Glibc
#endif
import QRCode

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--allocation-workload", arguments.count == 2 {
    exit(AllocationCount.runChild(arguments[1]))
}
let json = arguments == ["--json"]
guard arguments.isEmpty || json else {
    print("usage: otp-bench [--json]")
    exit(2)
}

let failures = CryptoBenchmarks.knownAnswerFailures()
guard failures.isEmpty else {
    print("otp-bench: known-answer checks failed (\(failures.joined(separator: ", "))); nothing timed")
    exit(1)
}

#if DEBUG
if !json { print("otp-bench: this is a debug build; numbers are not representative (use -c release)\n") }
#endif

var keyed: [(key: String, benchmark: Benchmark)] = []
do {
    keyed += try CryptoBenchmarks.all()
    if !json { keyed += try QRBenchmarks.all().map { ("", $0) } }
} catch {
    print("otp-bench: \(error)")
    exit(1)
}
var results: [(key: String, result: BenchmarkResult)] = []
for (key, benchmark) in keyed {
    results.append((key, BenchmarkRunner.measure(benchmark)))
}
let hotpAllocations = AllocationCount.perCall("hotp")
let controlAllocations = AllocationCount.perCall("control")
let timing = timingReport()

if json {
    var members: [String] = []
    for (key, result) in results where !key.isEmpty {
        if let throughput = result.megabytesPerSecond, key.hasSuffix("MiB") {
            members.append("\"\(key)_MBps\": \(BenchmarkRunner.fixed(throughput, digits: 1))")
        } else {
            members.append("\"\(key)_ns\": \(BenchmarkRunner.fixed(result.median, digits: 1))")
        }
    }
    members.append("\"hotp_allocations\": " + (hotpAllocations.map { BenchmarkRunner.fixed($0, digits: 2) } ?? "null"))
    members.append("\"control_allocations\": " + (controlAllocations.map { BenchmarkRunner.fixed($0, digits: 2) } ?? "null"))
    members.append("\"timing_worst_deviation\": " + BenchmarkRunner.fixed(timingWorstDeviation(timing), digits: 3))
    print("{" + members.joined(separator: ", ") + "}")
} else {
    print(BenchmarkRunner.table(results.map(\.result)), terminator: "")
    print("Heap allocations per HOTP code (valgrind, 10,000 codes): "
        + (hotpAllocations.map { BenchmarkRunner.fixed($0, digits: 2) } ?? "valgrind not available")
        + "; control, one escaping array per call: "
        + (controlAllocations.map { BenchmarkRunner.fixed($0, digits: 2) } ?? "valgrind not available"))
    print(timingTable(timing), terminator: "")
}
