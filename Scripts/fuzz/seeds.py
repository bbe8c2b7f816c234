#!/usr/bin/env python3
"""Writes the fuzz seed corpora, one directory per target, from the files in Vectors/.

Usage: seeds.py VECTORS_DIR OUT_DIR

Seeds are generated at run time (never committed) so that they follow the vector files. Each
seed is kept under about 4 KiB, the largest -max_len the vector-file targets use: a long file is
cut after its header and first cases, at a record boundary, so the seed is still a valid file.
"""

import hashlib
import json
import os
import re
import sys

SEED_LIMIT = 4000

# The order of the file names in Scripts/fuzz/targets/rsp.swift: the first byte of an rsp seed
# picks the name, so it must be the index of the file's own name.
RSP_NAMES = [
    "SHA1ShortMsg.rsp", "SHA224LongMsg.rsp", "SHA256ShortMsg.rsp", "SHA384LongMsg.rsp",
    "SHA512ShortMsg.rsp", "SHA512_224ShortMsg.rsp", "SHA512_256LongMsg.rsp",
    "SHA1Monte.rsp", "SHA256Monte.rsp", "SHA512_256Monte.rsp",
    "HMAC.rsp", "rfc-2202-sha1.txt", "rfc-4231-sha256.txt", "rfc-4231-sha512.txt",
    "rfc-4226.txt", "rfc-6238.txt",
]


def write(out, target, data):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def records(data):
    """Splits a text file at blank lines, keeping the separators (LF or CRLF)."""
    return re.split(rb"(?<=\n)(?=\r?\n)", data)


def head(data, limit=SEED_LIMIT):
    """The file's first records, as many as fit in `limit` bytes (at least two)."""
    parts = records(data)
    kept = b""
    for index, part in enumerate(parts):
        if len(kept) + len(part) > limit and index >= 2:
            break
        kept += part
    return kept[: limit * 4]


def quoted_values(data, key):
    """The quoted values of `key = "..."` lines, with the format's escapes undone."""
    values = []
    for match in re.finditer(rb'^' + re.escape(key.encode()) + rb' *= *"(.*)"\s*$', data, re.M):
        raw = match.group(1).decode("utf-8", "replace")
        raw = re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), raw)
        raw = raw.replace('\\"', '"').replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\")
        values.append(raw.encode("utf-8", "surrogatepass"))
    return values


def walk(vectors):
    for root, _, files in os.walk(vectors):
        for name in sorted(files):
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                yield path, name, f.read()


def small_wycheproof(data):
    """A Wycheproof file cut down to its first two tests of each of two groups, still valid."""
    document = json.loads(data)
    document["testGroups"] = document["testGroups"][:2]
    for group in document["testGroups"]:
        group["tests"] = group["tests"][:2]
    document["numberOfTests"] = sum(len(g["tests"]) for g in document["testGroups"])
    return json.dumps(document, indent=1).encode()


def main():
    vectors, out = sys.argv[1], sys.argv[2]
    for path, name, data in walk(vectors):
        if name.endswith(".md") or name.lower().startswith(("readme", "license")) or "/schemas/" in path:
            continue
        if name in RSP_NAMES or (name.endswith(".rsp") and name.startswith("SHA")):
            index = RSP_NAMES.index(name) if name in RSP_NAMES else None
            if index is None:
                # Same reader as a listed name of the same kind (ShortMsg, LongMsg, Monte).
                kind = next(k for k in ("ShortMsg", "LongMsg", "Monte") if k in name)
                index = next(i for i, n in enumerate(RSP_NAMES) if kind in n)
            write(out, "rsp", bytes([index]) + head(data))
        elif name.endswith(".json"):
            write(out, "json", small_wycheproof(data))
            write(out, "json", data[:SEED_LIMIT])
        elif data.lstrip().startswith((b"#", b"kind")) and b"kind = " in data:
            write(out, "keyvalue", head(data))
            for text in quoted_values(data, "text"):
                write(out, "base32" if b"base32" in data[:2000] else "base16", text)
            for uri in quoted_values(data, "uri"):
                write(out, "keyuri", uri)
                write(out, "qr", b"\x00" + uri)
                label, _, query = uri.partition(b"?")
                write(out, "percent", label.rpartition(b"/")[2])
                for parameter in query.split(b"&"):
                    write(out, "percent", parameter.partition(b"=")[2])
    # The interoperability formats: protobuf payloads and transfer URIs; Aegis vaults, stored
    # one JSON line per `json.N` field.
    interop = os.path.join(vectors, "interop")
    for name in ("google-migration.txt", "aegis.txt"):
        path = os.path.join(interop, name)
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            data = f.read()
        for match in re.finditer(rb"^payload = ([0-9a-f]*)\s*$", data, re.M):
            write(out, "migration", b"\x00" + bytes.fromhex(match.group(1).decode()))
        for uri in quoted_values(data, "uri"):
            write(out, "migration", b"\x01" + uri)
        for record in records(data):
            lines = [(int(m.group(1)), m.group(2)) for m in
                     re.finditer(rb'^json\.(\d+) = "(.*)"\s*$', record, re.M)]
            if lines:
                text = b"\n".join(v for _, v in sorted(lines)).decode("utf-8", "replace")
                text = text.replace('\\"', '"').replace("\\\\", "\\")
                write(out, "aegis", text.encode())
    # Starting points without a vector file behind them.
    for target, data in [
        ("base16", b"00ff7F80"), ("percent", b"%E2%82%AC%2541+%"),
        ("qr", b"\x01" + bytes(range(256))), ("qr", b"\x08" + b"0123456789" * 20),
        ("qr", b"\x0c" + b"HELLO WORLD $%*+-./:"), ("qr", b"\x30\x28\x07" + b"x" * 100),
        ("verifier", bytes(64)), ("verifier", bytes([1]) + bytes(63)), ("verifier", bytes([2]) + bytes(range(64))),
        ("verifier", bytes([3]) + bytes(range(64))),
    ]:
        write(out, target, data)


if __name__ == "__main__":
    main()
