#!/usr/bin/env bash
# Builds the library modules in Embedded Swift for a microcontroller (Cortex-M), a RISC-V
# core and x86_64 Linux, then links and runs a known-answer executable for x86_64 built from
# the same sources (Scripts/embedded/KnownAnswers.swift). Exits non-zero on any failure.
#
# It also links a second executable with the allocator wrapped by the linker, to show that
# digests, HMACs and OTP codes with a prepared key allocate nothing on the heap
# (Scripts/embedded/AllocationCount.swift).
#
# Usage: Scripts/check-embedded.sh [BUILD_DIR]   (default: .build/embedded)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/embedded}"
swift_lib="$(dirname "$(dirname "$(command -v swiftc)")")/lib/swift/embedded"

# Library modules in dependency order, with the modules each imports.
modules=(OTPCrypto OTPEncoding OTP OTPInterop QRCode)

compile() { # target module
    local target=$1 module=$2 dir="$out/$1"
    mkdir -p "$dir"
    swiftc -enable-experimental-feature Embedded -wmo -parse-as-library -Osize \
        -target "$target" -I "$dir" -module-name "$module" \
        -emit-module-path "$dir/$module.swiftmodule" -c -o "$dir/$module.o" \
        Sources/"$module"/*.swift
}

for target in armv7em-none-none-eabi riscv32-none-none-eabi x86_64-unknown-linux-gnu; do
    for module in "${modules[@]}"; do
        compile "$target" "$module"
    done
    echo "embedded: ${modules[*]} built for $target"
done

# Executables for x86_64 Linux, linked with the C library; each prints a last line
# "verdict: PASS" (and traps otherwise).
target=x86_64-unknown-linux-gnu
dir="$out/$target"
run_executable() { # name source [linker flags...]
    local name=$1 source=$2
    shift 2
    swiftc -enable-experimental-feature Embedded -enable-experimental-feature Extern -wmo -parse-as-library \
        -Osize -target "$target" -I "$dir" -module-name "$name" -c -o "$dir/$name.o" "$source"
    clang -o "$dir/$name" "$dir"/OTPCrypto.o "$dir"/OTPEncoding.o "$dir"/OTP.o "$dir/$name.o" \
        "$swift_lib/$target/libswiftUnicodeDataTables.a" -lm "$@"
    "$dir/$name" | tee "$dir/$name.log"
    tail -n 1 "$dir/$name.log" | grep -qx "verdict: PASS"
    echo "embedded: $name passed ($(wc -c < "$dir/$name") bytes)"
}
run_executable KnownAnswers Scripts/embedded/KnownAnswers.swift
run_executable AllocationCount Scripts/embedded/AllocationCount.swift -Wl,--wrap=malloc -Wl,--wrap=posix_memalign
