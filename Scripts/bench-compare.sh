#!/usr/bin/env bash
# Runs otp-bench and the references of issue 6 in the same run, on the same machine, and
# prints each ratio: OpenSSL with its scalar code only (SHA-NI, AVX, AVX2 and SSSE3 masked
# off), default OpenSSL (SHA-NI where the CPU has it), Python's hmac, and oathtool.
#
# Usage: Scripts/bench-compare.sh        (builds otp-bench in release mode first)
set -euo pipefail
cd "$(dirname "$0")/.."
scalar='~0x1000020000000000:~0x20000020'

swift build -c release --product otp-bench >/dev/null
ours=$(.build/release/otp-bench --json)

# OpenSSL throughput in bytes per second for one algorithm and size ("speed" prints k = 1000 B/s).
openssl_rate() { # mask|default evp-or-hmac algorithm bytes
    local mask=$1 kind=$2 algorithm=$3 bytes=$4 env=()
    [ "$mask" = scalar ] && env=(OPENSSL_ia32cap="$scalar")
    local args=(-seconds 2 -bytes "$bytes")
    if [ "$kind" = hmac ]; then args+=(-hmac "$algorithm"); else args+=(-evp "$algorithm"); fi
    env "${env[@]}" openssl speed "${args[@]}" 2>/dev/null | awk 'NF >= 2 && $NF ~ /k$/ { v = $NF } END { sub(/k$/, "", v); print v * 1000 }'
}

python_hmac_ns=$(python3 -c '
import hmac, timeit
key = b"12345678901234567890"; msg = bytes(8)
n = 200000
print(min(timeit.repeat(lambda: hmac.digest(key, msg, "sha1"), number=n, repeat=5)) / n * 1e9)')

# Whole-process start-up: `otp code` against a static "hello world", both built with the
# Swift standard library linked statically; and otp-conformance over all of Vectors/.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --static-swift-stdlib --scratch-path "$work/static" --product otp >/dev/null
echo 'print("hello")' > "$work/hello.swift"
swiftc -O -static-stdlib "$work/hello.swift" -o "$work/hello" 2>/dev/null
per_run_ns() { # command...
    local start=$(date +%s%N)
    for _ in $(seq 300); do "$@" >/dev/null; done
    echo $(( ($(date +%s%N) - start) / 300 ))
}
hello_ns=$(per_run_ns "$work/hello")
otp_static_ns=$(OTP_SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ per_run_ns "$work/static/release/otp" code --time 59)
swift build -c release --product otp-conformance >/dev/null
start=$(date +%s%N)
.build/release/otp-conformance >/dev/null
conformance_ns=$(( $(date +%s%N) - start ))

oathtool_ns=""
if command -v oathtool >/dev/null; then
    start=$(date +%s%N)
    for _ in $(seq 200); do oathtool --totp -b -N @59 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ >/dev/null; done
    oathtool_ns=$(( ($(date +%s%N) - start) / 200 ))
fi

python3 - "$ours" "$python_hmac_ns" "$oathtool_ns" "$hello_ns" "$otp_static_ns" "$conformance_ns" \
    "$(openssl_rate scalar evp sha1 1048576)" "$(openssl_rate scalar evp sha256 1048576)" "$(openssl_rate scalar evp sha512 1048576)" \
    "$(openssl_rate default evp sha1 1048576)" "$(openssl_rate default evp sha256 1048576)" "$(openssl_rate default evp sha512 1048576)" \
    "$(openssl_rate scalar evp sha1 64)" "$(openssl_rate scalar evp sha256 64)" "$(openssl_rate scalar evp sha512 64)" \
    "$(openssl_rate scalar hmac sha1 8)" "$(openssl_rate default hmac sha1 8)" <<'PY'
import json, sys
ours = json.loads(sys.argv[1])
py_hmac_ns, oath_ns = float(sys.argv[2]), (float(sys.argv[3]) if sys.argv[3] else None)
hello_ns, otp_static_ns, conformance_ns = map(float, sys.argv[4:7])
(s1, s256, s512, d1, d256, d512, s1_64, s256_64, s512_64, hmac_scalar, hmac_default) = map(float, sys.argv[7:18])
ns = lambda rate, size: size / rate * 1e9
rows = [
    # (what, ours, reference, unit, higher is better, target)
    ("SHA-1 1 MiB vs OpenSSL scalar", ours["sha1_1MiB_MBps"], s1 / 1e6, "MB/s", True, ">= 1.0"),
    ("SHA-256 1 MiB vs OpenSSL scalar", ours["sha256_1MiB_MBps"], s256 / 1e6, "MB/s", True, ">= 1.0"),
    ("SHA-512 1 MiB vs OpenSSL scalar", ours["sha512_1MiB_MBps"], s512 / 1e6, "MB/s", True, ">= 1.0"),
    ("SHA-1 1 MiB vs OpenSSL default", ours["sha1_1MiB_MBps"], d1 / 1e6, "MB/s", True, "report"),
    ("SHA-256 1 MiB vs OpenSSL default", ours["sha256_1MiB_MBps"], d256 / 1e6, "MB/s", True, "report"),
    ("SHA-512 1 MiB vs OpenSSL default", ours["sha512_1MiB_MBps"], d512 / 1e6, "MB/s", True, "report"),
    ("SHA-1 64 B vs OpenSSL scalar", ours["sha1_64B_ns"], ns(s1_64, 64), "ns", False, ">= 1.0"),
    ("SHA-256 64 B vs OpenSSL scalar", ours["sha256_64B_ns"], ns(s256_64, 64), "ns", False, ">= 1.0"),
    ("SHA-512 64 B vs OpenSSL scalar", ours["sha512_64B_ns"], ns(s512_64, 64), "ns", False, ">= 1.0"),
    ("HMAC-SHA-1 8 B vs OpenSSL scalar", ours["hmac_sha1_8B_ns"], ns(hmac_scalar, 8), "ns", False, ">= 1.0"),
    ("HMAC-SHA-1 8 B vs Python hmac", ours["hmac_sha1_8B_ns"], py_hmac_ns, "ns", False, "context"),
    ("HOTP code (target 250 ns)", ours["hotp_sha1_ns"], 250.0, "ns", False, ">= 1.0"),
    ("TOTP verify ±1 vs 3 OpenSSL HMACs (SHA-NI)", ours["totp_verify_w1_ns"], 3 * ns(hmac_default, 8), "ns", False, ">= 1.3"),
]
rows.append(("otp code process vs static hello world", otp_static_ns / 1e3, hello_ns / 1e3, "us", False, ">= 0.91"))
rows.append(("otp-conformance, all of Vectors/ (1 s)", conformance_ns / 1e6, 1000.0, "ms", False, ">= 1.0"))
if oath_ns:
    rows.append(("otp-bench HOTP vs oathtool process", ours["hotp_sha1_ns"], oath_ns, "ns", False, "context"))
print("ratio: how many times the reference's speed swift-otp reaches (above 1: faster)")
print(f"{'comparison':44} {'ours':>10} {'reference':>11}  {'ratio':>6}  target")
for what, mine, ref, unit, higher, target in rows:
    # The ratio is always "how many times the reference's speed we reach".
    ratio = mine / ref if higher else ref / mine
    print(f"{what:44} {mine:>8.1f} {unit:<2} {ref:>8.1f} {unit:<2} {ratio:>6.2f}  {target}")
print(f"heap allocations per HOTP code: {ours['hotp_allocations']} (control: {ours['control_allocations']} per call)")
PY
