/// One timed piece of work. `run` is called `iterations` times per sample; the table reports
/// the median time of one call over the samples, after warm-up samples that are discarded.
struct Benchmark {
    /// The table section, e.g. "QR code".
    var group: String
    var name: String
    /// Bytes processed per call, for a throughput column; nil when throughput means nothing.
    var bytesPerCall: Int? = nil
    var iterations: Int
    var run: () -> Void
}

/// What one benchmark measured, in nanoseconds per call.
struct BenchmarkResult {
    var benchmark: Benchmark
    var median: Double
    var fastest: Double
    var slowest: Double

    /// Megabytes (10^6 bytes) per second at the median, when the benchmark has a size.
    var megabytesPerSecond: Double? {
        benchmark.bytesPerCall.map { Double($0) / median * 1_000 }
    }
}

enum BenchmarkRunner {
    static func measure(_ benchmark: Benchmark, samples: Int = 11, warmUp: Int = 3) -> BenchmarkResult {
        let clock = ContinuousClock()
        var times: [Double] = []
        for sample in 0..<(warmUp + samples) {
            let elapsed = clock.measure {
                for _ in 0..<benchmark.iterations { benchmark.run() }
            }
            if sample >= warmUp {
                let (seconds, attoseconds) = elapsed.components
                let nanoseconds = Double(seconds) * 1e9 + Double(attoseconds) / 1e9
                times.append(nanoseconds / Double(benchmark.iterations))
            }
        }
        times.sort()
        return BenchmarkResult(benchmark: benchmark, median: times[times.count / 2], fastest: times[0], slowest: times[times.count - 1])
    }

    /// A plain-text table, one row per result, grouped as given.
    static func table(_ results: [BenchmarkResult]) -> String {
        let header = ["benchmark", "median", "min", "max", "throughput"]
        var rows: [[String]] = []
        var lastGroup: String? = nil
        var groupRows: Set<Int> = []
        for result in results {
            if result.benchmark.group != lastGroup {
                groupRows.insert(rows.count)
                rows.append([result.benchmark.group, "", "", "", ""])
                lastGroup = result.benchmark.group
            }
            rows.append([
                "  " + result.benchmark.name, duration(result.median), duration(result.fastest), duration(result.slowest),
                result.megabytesPerSecond.map { fixed($0, digits: 1) + " MB/s" } ?? "",
            ])
        }
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (column, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                text += column == 0 ? cell + padding : "  " + padding + cell
            }
            return text
        }
        var out = line(header) + "\n" + String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1)) + "\n"
        for (index, row) in rows.enumerated() {
            out += (groupRows.contains(index) ? row[0] : line(row)) + "\n"
        }
        return out
    }

    /// A time in the unit that keeps it between 1 and 1000.
    static func duration(_ nanoseconds: Double) -> String {
        switch nanoseconds {
        case ..<1_000: fixed(nanoseconds, digits: 0) + " ns"
        case ..<1_000_000: fixed(nanoseconds / 1_000, digits: 1) + " µs"
        case ..<1_000_000_000: fixed(nanoseconds / 1_000_000, digits: 2) + " ms"
        default: fixed(nanoseconds / 1_000_000_000, digits: 2) + " s"
        }
    }

    /// `value` rounded to `digits` decimals, without Foundation's formatting.
    static func fixed(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int(value * scale + 0.5)  // positive values only; avoids libm's round
        guard digits > 0 else { return String(scaled) }
        let fraction = String(scaled % Int(scale))
        return String(scaled / Int(scale)) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}

/// Keeps the optimizer from discarding a result the benchmark computes.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
