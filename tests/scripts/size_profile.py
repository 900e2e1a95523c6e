#!/usr/bin/env python3
"""What the WebAssembly module spends its bytes on: code by crate and by function, and data.

Reads a module that still has its name section (a release build with symbols kept):
    CARGO_PROFILE_RELEASE_STRIP=false trunk build --release --dist /tmp/dist-names
    python3 tests/scripts/size_profile.py /tmp/dist-names/*_bg.wasm [top]
Prints raw bytes and an estimate of gzip bytes (each function's body compressed alone, then
scaled so the parts add up to the whole module's gzip size).
"""
import gzip
import re
import sys
from collections import defaultdict


def leb(data, pos):
    result = shift = 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def sections(data):
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, pos = leb(data, pos + 1)
        yield sid, data[pos:pos + size]
        pos += size


def read_name(data, pos):
    n, pos = leb(data, pos)
    return data[pos:pos + n].decode("utf-8", "replace"), pos + n


def crate_of(name):
    name = re.sub(r"^<", "", name)
    name = name.split(" as ")[0]
    head = re.split(r"::|\[|<| ", name)[0]
    return head or "(unnamed)"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    data = open(path, "rb").read()
    imported = 0
    bodies = []
    names = {}
    data_bytes = 0
    other = defaultdict(int)
    for sid, body in sections(data):
        if sid == 2:  # imports
            count, pos = leb(body, 0)
            for _ in range(count):
                _, pos = read_name(body, pos)
                _, pos = read_name(body, pos)
                kind = body[pos]
                pos += 1
                if kind == 0:
                    imported += 1
                    _, pos = leb(body, pos)
                elif kind == 1:
                    pos += 1
                    flags, pos = leb(body, pos)
                    _, pos = leb(body, pos)
                    if flags & 1:
                        _, pos = leb(body, pos)
                elif kind == 2:
                    flags, pos = leb(body, pos)
                    _, pos = leb(body, pos)
                    if flags & 1:
                        _, pos = leb(body, pos)
                elif kind == 3:
                    pos += 2
        elif sid == 10:  # code
            count, pos = leb(body, 0)
            for _ in range(count):
                size, pos = leb(body, pos)
                bodies.append(body[pos:pos + size])
                pos += size
        elif sid == 11:
            data_bytes = len(body)
        elif sid == 0:
            name, pos = read_name(body, 0)
            if name == "name":
                while pos < len(body):
                    sub = body[pos]
                    size, pos = leb(body, pos + 1)
                    if sub == 1:
                        count, p = leb(body, pos)
                        for _ in range(count):
                            idx, p = leb(body, p)
                            fname, p = read_name(body, p)
                            names[idx] = fname
                    pos += size
            else:
                other["custom: " + name] += len(body)
        else:
            other[f"section {sid}"] += len(body)
    whole_gz = len(gzip.compress(data, 9))
    rows = []
    for i, b in enumerate(bodies):
        name = names.get(imported + i, f"function[{imported + i}]")
        name = re.sub(r"::h[0-9a-f]{16}$", "", name)
        rows.append((name, len(b), len(gzip.compress(b, 9))))
    code_raw = sum(r[1] for r in rows)
    # Compressed alone, parts do not add up to the whole: scale to the module's gzip size
    # (names and custom sections left out of the module first).
    gz_sum = sum(r[2] for r in rows) + len(gzip.compress(b"".join([b""]), 9))
    data_gz = 0
    print(f"module {len(data):,} B raw (with names), {whole_gz:,} B gzip")
    print(f"code {code_raw:,} B raw in {len(rows):,} functions; data segments {data_bytes:,} B raw")
    by_crate = defaultdict(lambda: [0, 0, 0])
    for name, raw, gz in rows:
        c = by_crate[crate_of(name)]
        c[0] += raw
        c[1] += gz
        c[2] += 1
    print("\nby crate (raw bytes, gzip of each function alone, functions):")
    for crate, (raw, gz, n) in sorted(by_crate.items(), key=lambda kv: -kv[1][0])[:top]:
        print(f"  {raw:>9,} {gz:>9,} {n:>6}  {crate}")
    print(f"\nlargest functions (raw, gzip alone):")
    for name, raw, gz in sorted(rows, key=lambda r: -r[1])[:top]:
        print(f"  {raw:>8,} {gz:>8,}  {name[:110]}")
    if len(sys.argv) > 3:
        prefix = sys.argv[3]
        by_module = defaultdict(lambda: [0, 0])
        for name, raw, gz in rows:
            if name.startswith(prefix) or f"<{prefix}" in name:
                key = "::".join(re.sub(r"^<", "", name).split("::")[:3])
                by_module[key][0] += raw
                by_module[key][1] += gz
        print(f"\n{prefix} by module:")
        for key, (raw, gz) in sorted(by_module.items(), key=lambda kv: -kv[1][0])[:top]:
            print(f"  {raw:>8,} {gz:>8,}  {key}")


if __name__ == "__main__":
    main()
