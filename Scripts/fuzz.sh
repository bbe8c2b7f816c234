#!/usr/bin/env bash
# Fuzzes every parser and the verifier with libFuzzer (swiftc -sanitize=fuzzer,address): one
# target per file in Scripts/fuzz/targets/, each run for a bounded time (or number of runs)
# with a memory limit, a per-input timeout and a maximum input length. Exits non-zero when a
# target crashes, traps, breaks a property, leaks, times out or runs out of memory; the input
# is saved under BUILD_DIR/artifacts/TARGET/ and the log under BUILD_DIR/logs/.
#
# Before fuzzing, each target replays its regression inputs (Scripts/fuzz/regressions/TARGET/,
# committed: every crash ever found) and its seeds, generated from Vectors/ into
# BUILD_DIR/seeds/ by Scripts/fuzz/seeds.py. New interesting inputs collect in
# BUILD_DIR/corpus/TARGET/, so later runs start from where earlier ones stopped.
#
# Usage: Scripts/fuzz.sh [-t SECONDS] [-n RUNS] [-o BUILD_DIR] [TARGET ...]
#   -t SECONDS   fuzzing time per target (default 30)
#   -n RUNS      stop a target after RUNS executions instead (the time still caps it)
#   -o DIR       build directory (default .build/fuzz)
#   TARGET       base32 base16 percent keyuri migration aegis rsp keyvalue json qr verifier
#                (default: all)
# Environment: FUZZ_NICE (default 19), FUZZ_FLAGS (extra libFuzzer flags), FUZZ_SWIFTC_FLAGS
# (extra compiler flags for the targets; `-D FUZZ_SKIP_KNOWN_ISSUES` leaves out the checks of
# issues already reported and listed in Scripts/fuzz/README.md, to fuzz past them).
# Scripts/fuzz/README.md has the long pass and its numbers.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=30
runs=""
out=.build/fuzz
while getopts "t:n:o:h" option; do
    case $option in
        t) seconds=$OPTARG ;;
        n) runs=$OPTARG ;;
        o) out=$OPTARG ;;
        *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
    esac
done
shift $((OPTIND - 1))

all_targets=(base32 base16 percent keyuri migration aegis rsp keyvalue json qr verifier)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

# The longest input each target is given: enough for its format (a QR code holds at most
# 7,089 digits, so that target needs room to overflow it), small enough to stay fast.
max_len() {
    case $1 in
        base32|base16|percent) echo 512 ;;
        keyuri|verifier) echo 1024 ;;
        migration) echo 2048 ;;
        qr) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

for target in "${targets[@]}"; do
    [ -f "Scripts/fuzz/targets/$target.swift" ] || { echo "fuzz: no target '$target' (known: ${all_targets[*]})" >&2; exit 2; }
done

nice_level=${FUZZ_NICE:-19}
# libFuzzer reports crashes itself; the Swift runtime's backtracer would only add minutes per crash.
export SWIFT_BACKTRACE=enable=no
flags=(-sanitize=fuzzer,address -parse-as-library -O)
mkdir -p "$out/modules" "$out/bin" "$out/logs"

# The library modules (every folder of Sources/ without a main.swift), in dependency order
# worked out from their imports.
library=()
for folder in Sources/*/; do
    [ -f "$folder/main.swift" ] || library+=("$(basename "$folder")")
done
ordered=()
while [ ${#ordered[@]} -lt ${#library[@]} ]; do
    progress=0
    for module in "${library[@]}"; do
        [[ " ${ordered[*]} " == *" $module "* ]] && continue
        ready=1
        for imported in $(sed -n 's/^import \([A-Za-z_]*\).*/\1/p' Sources/"$module"/*.swift | sort -u); do
            if [[ " ${library[*]} " == *" $imported "* && " ${ordered[*]} " != *" $imported "* ]]; then ready=0; fi
        done
        if [ $ready -eq 1 ]; then ordered+=("$module"); progress=1; fi
    done
    [ $progress -eq 1 ] || { echo "fuzz: import cycle among ${library[*]}" >&2; exit 2; }
done

# Each library module instrumented, so that libFuzzer sees its coverage; rebuilt when a source
# file or the object of a module before it in the order is newer than its object: a module
# inlines code of the modules it imports (@inlinable), so an object built against an older
# dependency would keep the old layout of its types.
earlier=()
for module in "${ordered[@]}"; do
    object="$out/modules/$module.o"
    if [ -f "$object" ] && [ -z "$(find "Sources/$module" "${earlier[@]}" -name '*.swift' -newer "$object" -o -name '*.o' -newer "$object" | head -n 1)" ]; then
        earlier+=("$object")
        continue
    fi
    earlier+=("$object")
    echo "fuzz: building $module"
    nice -n "$nice_level" swiftc "${flags[@]}" -wmo -I "$out/modules" -module-name "$module" \
        -emit-module-path "$out/modules/$module.swiftmodule" -c -o "$object" Sources/"$module"/*.swift
done

for target in "${targets[@]}"; do
    binary="$out/bin/$target"
    source="Scripts/fuzz/targets/$target.swift"
    if [ ! -x "$binary" ] || [ -n "$(find "$source" Scripts/fuzz/*.swift "$out/modules" -newer "$binary" | head -n 1)" ]; then
        echo "fuzz: building $target"
        # shellcheck disable=SC2086
        nice -n "$nice_level" swiftc "${flags[@]}" ${FUZZ_SWIFTC_FLAGS:-} -I "$out/modules" -module-name "fuzz_$target" -use-ld=lld \
            -o "$binary" Scripts/fuzz/Support.swift Scripts/fuzz/ConformanceFuzzing.swift "$source" "$out"/modules/*.o
    fi
done

rm -rf "$out/seeds"
python3 Scripts/fuzz/seeds.py Vectors "$out/seeds"

failed=()
summary=()
for target in "${targets[@]}"; do
    binary="$out/bin/$target"
    log="$out/logs/$target.log"
    mkdir -p "$out/corpus/$target" "$out/seeds/$target" "$out/artifacts/$target"
    : > "$log"

    regressions=()
    if [ -d "Scripts/fuzz/regressions/$target" ]; then
        while IFS= read -r -d '' file; do regressions+=("$file"); done \
            < <(find "Scripts/fuzz/regressions/$target" -type f ! -name '*.md' -print0 | sort -z)
    fi
    if [ ${#regressions[@]} -gt 0 ]; then
        if ! "$binary" -rss_limit_mb=2048 -timeout=60 "${regressions[@]}" >> "$log" 2>&1; then
            echo "fuzz: $target: a regression input fails again (see $log)" >&2
            failed+=("$target")
            summary+=("$target regressions FAILED")
            continue
        fi
    fi

    limit=(-max_total_time="$seconds")
    [ -z "$runs" ] || limit+=(-runs="$runs")
    start=$SECONDS
    status=0
    # shellcheck disable=SC2086
    nice -n "$nice_level" "$binary" "${limit[@]}" -rss_limit_mb=2048 -timeout=60 -max_len="$(max_len "$target")" \
        -print_final_stats=1 -artifact_prefix="$out/artifacts/$target/" ${FUZZ_FLAGS:-} \
        "$out/corpus/$target" "$out/seeds/$target" >> "$log" 2>&1 || status=$?
    elapsed=$((SECONDS - start))
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    corpus=$(find "$out/corpus/$target" -type f | wc -l)
    line=$(printf '%-9s %12s executions in %5ss, corpus %5s' "$target" "${executions:-?}" "$elapsed" "$corpus")
    if [ "$status" -ne 0 ]; then
        failed+=("$target")
        line+="  FAILED (exit $status): $(grep -m1 -E 'ERROR: libFuzzer|ERROR: AddressSanitizer|ERROR: LeakSanitizer|Fatal error|property failed' "$log" || true)"
        line+=" input: $(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$log" | tail -n 1)"
    fi
    echo "$line"
    summary+=("$line")
done

echo "== fuzz summary (logs in $out/logs)"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: FAILED: ${failed[*]}" >&2
    exit 1
fi
