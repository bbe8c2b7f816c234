#!/usr/bin/env python3
"""Differential testing of swift-otp against independent implementations.

Hashes and HMAC: random messages (0 to 5000 bytes) and keys (0 to 300 bytes), each hashed
with all seven FIPS 180-4 functions (SHA-1, SHA-224, SHA-256, SHA-384, SHA-512, SHA-512/224,
SHA-512/256) and HMAC-keyed with each, by Python's hashlib and hmac (OpenSSL). swift-otp
gets the same message in chunks of random sizes (zero-length chunks, single bytes, runs
around the block size) through all three update entry points, and half the time also takes
a digest part-way and carries on.

HOTP and TOTP: every algorithm (SHA-1, SHA-256, SHA-512), every digit count (6 to 10),
periods from 1 second to 2^40, T0 = 0 and T0 > 0, keys around the block sizes, and the edge
times and counters 0, T0 - 1, T0, 2^31 - 1, 2^31, 2^31 + 1, 2^32, 2^63 - 1, 2^63, 2^64 - 1,
against oathtool where it can compute the value (6 to 8 digits; HOTP with SHA-2 through its
TOTP mode with a 1-second step; times and counters below 2^63; periods below 2^32 -- it
silently uses 30 seconds for larger ones) and against RFC 4226 section 5.3 written out with
Python's hmac everywhere; where both apply they must agree with each other first. Refusals
(an empty secret, period 0, a time before T0, 5 or 11 digits) must be refusals.

The Swift side is Scripts/differential/Checker.swift, built here with swiftc -O against the
library modules (no SwiftPM product) and fed the cases and expected values through a pipe.

Usage:
  Scripts/differential.py [--seed N] [--cases N] [--otp-random N] [--build-dir DIR]

  --seed N        the random seed (default 20260801; CI uses the default)
  --cases N       hash/HMAC messages (default 100000)
  --otp-random N  random HOTP/TOTP cases beyond the fixed grid (default 300)
  --build-dir D   where the checker is built (default .build/differential)
  --inject-fault  flip one bit of one expected HMAC tag and one expected code, to show that
                  the harness reports them (exits 0 when the checker reports mismatches)

Exit status 0 when everything agrees, 1 on any mismatch, 2 when something could not run.
"""

import argparse
import hashlib
import hmac
import os
import random
import shutil
import struct
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# In the order of Checker.swift's `Algorithm`.
HASHES = ["sha1", "sha224", "sha256", "sha384", "sha512", "sha512_224", "sha512_256"]
BLOCK = {"sha1": 64, "sha224": 64, "sha256": 64, "sha384": 128, "sha512": 128, "sha512_224": 128, "sha512_256": 128}
OTP_HASHES = ["sha1", "sha256", "sha512"]

# Chunk flags (Checker.swift): pass the chunk as an ArraySlice, or as a lazy sequence.
AS_SLICE = 1 << 24
AS_SEQUENCE = 1 << 25

TWO_31, TWO_32, TWO_63, TWO_64 = 2**31, 2**32, 2**63, 2**64


# MARK: - Building the checker

def build_checker(build_dir):
    """Compiles the library modules the checker needs and the checker, when out of date."""
    os.makedirs(build_dir, exist_ok=True)
    checker = os.path.join(build_dir, "checker")
    modules = ["OTPCrypto", "OTPEncoding", "OTP"]
    sources = {m: sorted(os.path.join(ROOT, "Sources", m, f)
                         for f in os.listdir(os.path.join(ROOT, "Sources", m)) if f.endswith(".swift"))
               for m in modules}
    main = os.path.join(ROOT, "Scripts", "differential", "Checker.swift")
    everything = [main] + [s for m in modules for s in sources[m]]
    if os.path.exists(checker) and all(os.path.getmtime(s) <= os.path.getmtime(checker) for s in everything):
        return checker
    for module in modules:
        run(["swiftc", "-O", "-wmo", "-parse-as-library", "-I", build_dir, "-module-name", module,
             "-emit-module-path", os.path.join(build_dir, module + ".swiftmodule"),
             "-c", "-o", os.path.join(build_dir, module + ".o")] + sources[module])
    run(["swiftc", "-O", "-parse-as-library", "-I", build_dir, "-module-name", "Checker", "-o", checker, main]
        + [os.path.join(build_dir, m + ".o") for m in modules])
    return checker


def run(command):
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout)
        sys.exit(f"differential: failed: {' '.join(command[:4])} ...")


# MARK: - Hash and HMAC cases

def near_block(rng, limit):
    """A length at or next to a multiple of 64 or 128, within 0...limit."""
    block = rng.choice([64, 128])
    return max(0, min(limit, rng.randint(0, limit // block) * block + rng.randint(-2, 2)))


def message_length(rng):
    r = rng.random()
    if r < 0.5:
        return rng.randint(0, 5000)
    if r < 0.75:
        return rng.randint(0, 300)
    return near_block(rng, 5000)


def key_length(rng):
    r = rng.random()
    if r < 0.5:
        return rng.randint(0, 300)
    if r < 0.8:
        return rng.choice([0, 1, 20, 28, 32, 48, 63, 64, 65, 127, 128, 129, 256, 300])
    return near_block(rng, 300)


def chunk_plan(rng, length):
    """Chunk sizes adding up to `length`, each tagged with the entry point that takes it."""
    style = rng.randrange(5)
    sizes = []
    left = length
    while left > 0 or (style == 2 and not sizes):
        if style == 0:
            size = left
        elif style == 1:
            size = 1 if length <= 400 else rng.randint(1, 8)
        elif style == 2:
            size = rng.randint(0, 64)          # zero-length chunks included
        elif style == 3:
            size = rng.randint(0, 300)
        else:
            block = rng.choice([64, 128])
            size = rng.choice([block - 1, block, block + 1, 1, 0, 2 * block])
        size = min(size, left)
        sizes.append(size)
        left -= size
        if len(sizes) > 60000:
            sizes.append(left)
            left = 0
    if not sizes:
        sizes = [0]
    plan = []
    for size in sizes:
        r = rng.random()
        flag = AS_SLICE if r < 0.1 else AS_SEQUENCE if r < 0.13 and size <= 512 else 0
        plan.append(size | flag)
    return plan


def hash_records(rng, count):
    for number in range(count):
        message = rng.randbytes(message_length(rng))
        key = rng.randbytes(key_length(rng))
        chunks = chunk_plan(rng, len(message))
        part_way = rng.randrange(len(chunks)) if rng.random() < 0.5 else 0xFFFF
        part_algorithm = number % len(HASHES)
        out = [b"H", struct.pack("<IH", number, len(key)), key, struct.pack("<I", len(message)), message,
               struct.pack("<H", len(chunks)), struct.pack(f"<{len(chunks)}I", *chunks),
               struct.pack("<HB", part_way, part_algorithm)]
        for name in HASHES:
            out.append(hashlib.new(name, message).digest())
            out.append(hmac.digest(key, message, name))
        if part_way != 0xFFFF:
            prefix = message[: sum(c & 0xFFFFFF for c in chunks[: part_way + 1])]
            name = HASHES[part_algorithm]
            out.append(hashlib.new(name, prefix).digest())
            out.append(hmac.digest(key, prefix, name))
        yield b"".join(out), len(message)


# MARK: - HOTP and TOTP cases

def reference_code(secret, algorithm, digits, counter):
    """RFC 4226 section 5.3, written out: HMAC, dynamic truncation, modulo 10^digits."""
    hs = hmac.digest(secret, counter.to_bytes(8, "big"), algorithm)
    offset = hs[-1] & 0x0F
    snum = int.from_bytes(hs[offset:offset + 4], "big") & 0x7FFFFFFF
    return str(snum % 10**digits).zfill(digits)


def reference(case):
    """The code for a case, or None where swift-otp must refuse."""
    if not case["secret"] or not 6 <= case["digits"] <= 10:
        return None
    if case["totp"]:
        if case["period"] == 0 or case["value"] < case["t0"]:
            return None
        counter = (case["value"] - case["t0"]) // case["period"]
    else:
        counter = case["value"]
    return reference_code(case["secret"], case["algorithm"], case["digits"], counter)


def oathtool_command(case, window):
    """The oathtool call for a case and the `window` cases after it, or None when oathtool
    cannot compute it."""
    if not case["secret"] or not 6 <= case["digits"] <= 8:
        return None
    digits = f"--digits={case['digits']}"
    if case["totp"]:
        last = case["value"] + window * case["period"]
        if case["period"] == 0 or case["period"] >= TWO_32 or case["value"] < case["t0"] or last >= TWO_63:
            return None
        return ["oathtool", f"--totp={case['algorithm']}", digits, f"--time-step-size={case['period']}s",
                f"--start-time=@{case['t0']}", f"--now=@{case['value']}", f"--window={window}", case["secret"].hex()]
    if case["value"] + window >= TWO_63:
        return None
    if case["algorithm"] == "sha1":
        return ["oathtool", "--hotp", digits, f"--counter={case['value']}", f"--window={window}", case["secret"].hex()]
    # oathtool's --hotp is HMAC-SHA-1 only; its TOTP mode with a 1-second step from 0 runs the
    # counter through the other hashes.
    return ["oathtool", f"--totp={case['algorithm']}", digits, "--time-step-size=1s", "--start-time=@0",
            f"--now=@{case['value']}", f"--window={window}", case["secret"].hex()]


def otp_cases(rng, random_count):
    """The fixed grid (every algorithm x digits x edge time or counter), refusals, then random cases."""
    periods = [1, 30, 60, 3600, 86400, TWO_31 - 1, TWO_32, 2**40]
    key_lengths = [1, 10, 16, 20, 32, 63, 64, 65, 100, 128, 129, 300]

    def secret():
        return rng.randbytes(rng.choice(key_lengths))

    cases = []
    for algorithm in OTP_HASHES:
        for digits in range(6, 11):
            for value in [0, 1, TWO_31 - 1, TWO_31, TWO_31 + 1, TWO_32, TWO_63 - 1, TWO_63, TWO_64 - 1,
                          rng.randrange(TWO_63), rng.randrange(TWO_63, TWO_64)]:
                cases.append(dict(totp=False, algorithm=algorithm, digits=digits, secret=secret(),
                                  value=value, period=0, t0=0))
            for t0 in [0, rng.choice([1000, 59, TWO_31, rng.randrange(1, TWO_32)])]:
                period = rng.choice(periods)
                edges = [0, t0, t0 + period - 1, t0 + period, TWO_31 - 1, TWO_31, TWO_31 + 1, TWO_32,
                         TWO_63 - 1, TWO_63, TWO_64 - 1, rng.randrange(TWO_63)]
                if t0 > 0:
                    edges.append(t0 - 1)
                for value in edges:
                    if value < TWO_64:
                        cases.append(dict(totp=True, algorithm=algorithm, digits=digits, secret=secret(),
                                          value=value, period=period, t0=t0))
    # Refusals.
    for algorithm in OTP_HASHES:
        cases.append(dict(totp=False, algorithm=algorithm, digits=6, secret=b"", value=1, period=0, t0=0))
        cases.append(dict(totp=True, algorithm=algorithm, digits=6, secret=b"", value=59, period=30, t0=0))
        cases.append(dict(totp=True, algorithm=algorithm, digits=6, secret=secret(), value=59, period=0, t0=0))
        for digits in (0, 5, 11):
            cases.append(dict(totp=False, algorithm=algorithm, digits=digits, secret=secret(), value=1, period=0, t0=0))
    # Random cases.
    for _ in range(random_count):
        totp = rng.random() < 0.6
        t0 = rng.choice([0, 0, rng.randrange(TWO_32)])
        cases.append(dict(totp=totp, algorithm=rng.choice(OTP_HASHES), digits=rng.randint(6, 10),
                          secret=rng.randbytes(rng.randint(1, 300)),
                          value=rng.choice([rng.randrange(TWO_64), rng.randrange(TWO_32), t0 + rng.randrange(TWO_32)]),
                          period=rng.choice([rng.randint(1, 120), rng.choice(periods), rng.randrange(1, TWO_32)]),
                          t0=t0))
    return cases


def otp_records(rng, random_count, start_number):
    """Yields (record, uses_oathtool) for every case, and for oathtool's window after it."""
    number = start_number
    calls = disagreements = 0
    for case in otp_cases(rng, random_count):
        window = rng.randint(0, 3)
        expanded = [case]
        command = oathtool_command(case, window)
        if command is None:
            window = 0
        for i in range(1, window + 1):
            step = case["period"] if case["totp"] else 1
            expanded.append(dict(case, value=case["value"] + i * step))
        codes = [reference(c) for c in expanded]
        source = 1
        if command is not None:
            calls += 1
            result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            oath = result.stdout.split()
            if result.returncode != 0 or oath != codes:
                disagreements += 1
                sys.stderr.write(f"differential: oathtool and the Python reference disagree: {' '.join(command[:-1])} "
                                 f"(key {len(case['secret'])} bytes): oathtool {oath or result.stderr.strip()}, "
                                 f"Python {codes}\n")
            else:
                source = 0
        for c, code in zip(expanded, codes):
            encoded = (code or "").encode()
            algorithm = OTP_HASHES.index(c["algorithm"])
            yield (b"O" + struct.pack("<IBBBH", number, 1 if c["totp"] else 0, algorithm, c["digits"], len(c["secret"]))
                   + c["secret"] + struct.pack("<QQQBB", c["value"], c["period"], c["t0"], source, len(encoded))
                   + encoded), source == 0
            number += 1
    otp_records.calls = calls
    otp_records.disagreements = disagreements


# MARK: - Main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20260801)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--otp-random", type=int, default=300)
    parser.add_argument("--build-dir", default=os.path.join(ROOT, ".build", "differential"))
    parser.add_argument("--inject-fault", action="store_true")
    options = parser.parse_args()

    if shutil.which("oathtool") is None:
        sys.exit("differential: oathtool is not installed (Debian package oathtool)")
    started = time.monotonic()
    checker = build_checker(options.build_dir)
    built = time.monotonic()

    rng = random.Random(options.seed)
    process = subprocess.Popen([checker], stdin=subprocess.PIPE)
    pending, pending_bytes, records, message_bytes, oathtool_values = [], 0, 0, 0, 0

    def send(record):
        nonlocal pending_bytes
        pending.append(record)
        pending_bytes += len(record)
        if pending_bytes >= 1 << 20:
            flush()

    def flush():
        nonlocal pending_bytes
        process.stdin.write(b"".join(pending))
        pending.clear()
        pending_bytes = 0

    try:
        for record, length in hash_records(rng, options.cases):
            if options.inject_fault and records == 1:
                record = record[:-1] + bytes([record[-1] ^ 1])   # the last HMAC tag's last byte
            send(record)
            records += 1
            message_bytes += length
        for record, checked_by_oathtool in otp_records(rng, options.otp_random, options.cases):
            if options.inject_fault and records == options.cases:
                record = record[:-1] + (b"0" if record[-1:] != b"0" else b"1")
            send(record)
            records += 1
            oathtool_values += checked_by_oathtool
        send(b"E" + struct.pack("<Q", records))
        flush()
        process.stdin.close()
    except BrokenPipeError:
        pass
    status = process.wait()
    elapsed = time.monotonic() - built
    print(f"differential: seed {options.seed}: {options.cases} messages ({message_bytes} bytes) x 7 hashes and 7 HMACs "
          f"against Python {sys.version.split()[0]} hashlib/hmac ({getattr(hashlib, 'openssl_version', '') or ssl_version()}); "
          f"{records - options.cases} HOTP/TOTP values, {oathtool_values} of them also from oathtool "
          f"({otp_records.calls} calls); {elapsed:.0f} s (build {built - started:.0f} s)")
    if otp_records.disagreements:
        print(f"differential: {otp_records.disagreements} oathtool calls disagreed with the Python reference")
        return 1
    if options.inject_fault:
        # The checker must have found the two planted faults and nothing else (it exits 1 then).
        return 0 if status == 1 else 1
    return 0 if status == 0 else (2 if status == 2 else 1)


def ssl_version():
    try:
        import ssl
        return ssl.OPENSSL_VERSION
    except ImportError:
        return "OpenSSL"


if __name__ == "__main__":
    sys.exit(main())
