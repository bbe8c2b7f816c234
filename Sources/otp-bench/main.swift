// otp-bench: times the library's hot paths. Build in release mode:
//   swift run -c release otp-bench
// Each benchmark is warmed up, then timed over several samples; the table shows the median
// time per call (and the fastest and slowest samples) and, where a size applies, throughput.
// To add benchmarks, write a `Benchmark` list in its own file and append it below.

import QRCode

var benchmarks: [Benchmark] = []
do {
    benchmarks += try QRBenchmarks.all()
} catch {
    print("otp-bench: \(error)")
}

#if DEBUG
print("otp-bench: this is a debug build; numbers are not representative (use -c release)\n")
#endif
var results: [BenchmarkResult] = []
for benchmark in benchmarks {
    results.append(BenchmarkRunner.measure(benchmark))
}
print(BenchmarkRunner.table(results), terminator: "")
