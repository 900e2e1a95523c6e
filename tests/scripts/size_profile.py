#!/usr/bin/env python3
"""What the WebAssembly module spends its bytes on: code by crate and by function, and data.

Reads a module that still has its name section (a release build with symbols kept):
    CARGO_PROFILE_RELEASE_STRIP=false tests/scripts/build.sh --dist /tmp/dist-names
    python3 tests/scripts/size_profile.py /tmp/dist-names/*_bg.wasm [top] [prefix]
Prints raw bytes and an estimate of gzip bytes by crate and by function (each function's body
compressed alone), then the module by part (views, simulation, serde, core, texts, tables), each
part compressed on its own, then the data that is not text and the standard library's largest
functions (where a single call can bring a large table). The parts are estimates: gzip of the whole module is less than their
sum. With a prefix (such as faultlab), also that crate's code by module.
"""
import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

# The build's own module reader (static/host/trim_wasm.py) reads the LEB128 numbers here too.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "static" / "host"))
from trim_wasm import leb  # noqa: E402


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
    data_section = b""
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
            data_section = body
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
    print_parts([(name, body) for (name, _, _), body in zip(rows, bodies)], data_section)
    print_savings([(name, body) for (name, _, _), body in zip(rows, bodies)])
    print_library_heavies(rows, data_section, top)
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


# The module's parts, by what the code does. A function generic over a Faultlab type counts where
# that type lives (a drop of a view's props is the views'); serde code counts as reading and
# writing links and files, whatever it decodes.
PARTS = [
    ("reading and writing links and files (serde, postcard, serde_json, base64)",
     ("serde", "postcard", "base64", "zmij", "itoa", "ryu")),
    ("the views: components, callbacks, Yew, the browser bindings",
     ("faultlab::ui", "yew", "wasm_bindgen", "web_sys", "js_sys", "gloo", "implicit_clone",
      "indexmap", "hashbrown", "Closure", "console_error_panic_hook")),
    ("the simulation, scenarios and checksums",
     ("faultlab::", "md5", "sha1", "sha2", "crc", "rand", "libm", "hybrid_array", "hex")),
]
CORE = "Rust's core, alloc and std (formatting, floats, collections, memory)"
TEXT_RUN = rb"[\x20-\x7e\n\x80-\xf4]{8,}"


def print_parts(named_bodies, data_section):
    """Prints each part's raw bytes and the gzip of its code (or data) compressed together."""
    code = defaultdict(list)
    for name, body in named_bodies:
        clean = re.sub(r"\[[0-9a-f]{1,16}\]", "", name)
        part = next((p for p, keys in PARTS if any(k in clean for k in keys)), CORE)
        code[part].append(body)
    rows = []
    for part in [p for p, _ in PARTS] + [CORE]:
        joined = b"".join(code[part])
        rows.append((part, len(joined), len(gzip.compress(joined, 9))))
    # Data: runs of text (8 printable or UTF-8 bytes or more), and the rest (tables, vtables).
    texts = b"".join(re.findall(TEXT_RUN, data_section))
    tables = re.sub(TEXT_RUN, b"", data_section)
    rows.append(("data: texts (lessons, help, glossary, labels)", len(texts), len(gzip.compress(texts, 9))))
    rows.append(("data: tables (formatting, callbacks' function tables, static lists)", len(tables),
                 len(gzip.compress(tables, 9))))
    print("\nby part (raw; gzip of each part compressed on its own):")
    for part, raw, gz in sorted(rows, key=lambda r: -r[2]):
        print(f"  {raw:>9,} {gz:>9,}  {part}")


# What the budget's question needs: how much smaller the module's code would compress without a
# piece (its marginal gzip), for the libraries' generic code and for features. A piece's own
# gzip overstates it: much of it repeats code elsewhere and costs little in the whole.
SERDE_DECODING = r"Deserializ|Visitor|visit_|SeqAccess|MapAccess|EnumAccess|VariantAccess"
SAVINGS = [
    ("decoding JSON (serde_json's reader and every type's decoder for it)",
     lambda n: "serde_json" in n and re.search(SERDE_DECODING, n)),
    ("writing JSON", lambda n: "serde_json" in n and not re.search(SERDE_DECODING, n)),
    ("decoding postcard (links)", lambda n: "postcard" in n and re.search(SERDE_DECODING, n)),
    ("Yew's code made for each component (mounting, props, scopes), not the components' views",
     lambda n: n.startswith(("<yew::", "yew::")) and "faultlab::ui" in n
     and "Stateful>::view" not in n and "FunctionProvider>::run" not in n),
    ("the trade-off explorer", lambda n: re.search(r"explorer|ExplorerPanel|spread_plot", n)),
    ("course packs and the lesson editor",
     lambda n: re.search(r"lessons::course|course_file|lesson_editor|LessonEditor|CourseStatus", n)),
    ("the Checksums speed test and the frame benchmark",
     lambda n: re.search(r"throughput|Throughput|heartbeats::bench|BenchResult", n)),
    ("the lesson stage's readouts", lambda n: re.search(r"lessons::readouts|StageReadout|cost_table", n)),
    ("SWIM's simulation (sim::swim)", lambda n: "faultlab::sim::swim" in n),
]


def print_savings(named_bodies):
    """Prints, for each piece in SAVINGS, its raw code and how much less the gzip of all the code
    would be without it."""
    clean = [(re.sub(r"\[[0-9a-f]{1,16}\]", "", name), body) for name, body in named_bodies]
    whole = len(gzip.compress(b"".join(body for _, body in clean), 9))
    print("\nwhat each piece would save (raw code; gzip of all the code less the gzip without it):")
    for what, is_part in SAVINGS:
        part = [body for name, body in clean if is_part(name)]
        rest = b"".join(body for name, body in clean if not is_part(name))
        print(f"  {sum(map(len, part)):>9,} {whole - len(gzip.compress(rest, 9)):>9,}  {what}")


LIBRARIES = ("core", "alloc", "std", "compiler_builtins", "libm", "hashbrown", "dlmalloc")


def segments(data_section):
    """The bytes of each active data segment (the module's initial memory)."""
    count, pos = leb(data_section, 0)
    out = []
    for _ in range(count):
        flags = data_section[pos]
        pos += 1
        if flags == 0:
            pos += 1  # i32.const
            _, pos = leb(data_section, pos)
            pos += 1  # end
        elif flags == 2:
            _, pos = leb(data_section, pos)
            pos += 1
            _, pos = leb(data_section, pos)
            pos += 1
        size, pos = leb(data_section, pos)
        out.append(data_section[pos:pos + size])
        pos += size
    return out


def print_library_heavies(rows, data_section, top):
    """Where one call into a library can cost far more than the call: the data that is not text
    (tables such as a float parser's powers of five or Unicode's case maps; the functions that read
    them are named in the list below), and the largest functions of the standard library and its
    helpers, each worth asking who needs it."""
    data = b"".join(segments(data_section))
    print("\ndata that is not text, by KB (offset, share printable, gzip of that KB alone):")
    for start in range(0, len(data), 1024):
        chunk = data[start:start + 1024]
        printable = sum(1 for b in chunk if 32 <= b < 127 or b == 10) / max(1, len(chunk))
        if printable < 0.35:
            print(f"  {start:>8,}  {printable:4.0%}  {len(gzip.compress(chunk, 9)):>5,}")
    print(f"\nlargest functions of the standard library and its helpers (raw, gzip alone):")
    # Generic code made for the program's own types (an iterator over its spans) is the program's.
    library = [r for r in rows if crate_of(r[0]).split("[")[0] in LIBRARIES
               and "faultlab" not in r[0] and "yew" not in r[0]]
    for name, raw, gz in sorted(library, key=lambda r: -r[1])[:top]:
        print(f"  {raw:>8,} {gz:>8,}  {name[:110]}")


if __name__ == "__main__":
    main()
