#!/usr/bin/env python3
"""Makes the built module and its JavaScript glue smaller without changing what they do.

Run by stamp-sw.sh (Trunk's post_build hook) in the staging folder:
    python3 trim_wasm.py DIR
wasm-bindgen names each import after its Rust name and a 16-hex-digit hash
(`__wbg_instanceof_Window_5cf453f5639aa1a2`), once in the module and once in the glue's import
object: 240 imports, 8 KB of gzip together with the module's name section, which only names
functions for a debugger. This gives each import a short name in both files, drops the module's
custom sections (names, producers, target features) and writes the new files' sha384 into
index.html's integrity attributes (a build with CARGO_PROFILE_RELEASE_STRIP=false keeps the name
section, for tests/scripts/size_profile.py). Every name must be found exactly once in the glue, or nothing
is changed and the build keeps its files as Trunk made them.
"""
import base64
import hashlib
import os
import sys
from pathlib import Path

CUSTOM_SECTIONS_DROPPED = {"name", "producers", "target_features"}
# A build that keeps its symbols (the size profile's, README "Size") keeps the name section too.
if os.environ.get("CARGO_PROFILE_RELEASE_STRIP") == "false":
    CUSTOM_SECTIONS_DROPPED.discard("name")
SHORT_NAME_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def leb(data, pos):
    """An unsigned LEB128 number at pos, and the position after it."""
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def uleb(n):
    """n as unsigned LEB128."""
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def name_at(data, pos):
    """A length-prefixed UTF-8 name at pos, and the position after it."""
    n, pos = leb(data, pos)
    return data[pos:pos + n].decode("utf-8"), pos + n


def short_name(i):
    """The i-th short name: a … Z, then ba … ZZ and so on."""
    name = ""
    while True:
        name = SHORT_NAME_LETTERS[i % 52] + name
        i //= 52
        if i == 0:
            return name


def import_descriptor_end(body, pos):
    """Where an import's descriptor (kind and type) that starts at pos ends."""
    kind = body[pos]
    pos += 1
    if kind == 0:  # function: type index
        _, pos = leb(body, pos)
    elif kind == 1:  # table: element type, limits
        pos += 1
        flags = body[pos]
        _, pos = leb(body, pos + 1)
        if flags & 1:
            _, pos = leb(body, pos)
    elif kind == 2:  # memory: limits
        flags = body[pos]
        _, pos = leb(body, pos + 1)
        if flags & 1:
            _, pos = leb(body, pos)
    elif kind == 3:  # global: value type, mutability
        pos += 2
    else:
        raise ValueError(f"import kind {kind} is not known")
    return pos


def trim_module(module):
    """The module with short import names and no custom sections, and {old name: new name}."""
    if module[:4] != b"\0asm":
        raise ValueError("not a WebAssembly module")
    out = bytearray(module[:8])
    renames = {}
    pos = 8
    while pos < len(module):
        section = module[pos]
        size, start = leb(module, pos + 1)
        body = module[start:start + size]
        end = start + size
        if section == 0 and name_at(body, 0)[0] in CUSTOM_SECTIONS_DROPPED:
            pos = end
            continue
        if section == 2:
            count, p = leb(body, 0)
            new_body = bytearray(uleb(count))
            for _ in range(count):
                module_name, p = name_at(body, p)
                field, p = name_at(body, p)
                descriptor_end = import_descriptor_end(body, p)
                if field.startswith("__wbg_") or field.startswith("__wbindgen_"):
                    field = renames.setdefault(field, short_name(len(renames)))
                for name in (module_name, field):
                    encoded = name.encode("utf-8")
                    new_body += uleb(len(encoded)) + encoded
                new_body += body[p:descriptor_end]
                p = descriptor_end
            out += bytes([2]) + uleb(len(new_body)) + new_body
        else:
            out += module[pos:end]
        pos = end
    return bytes(out), renames


def trim_glue(glue, renames):
    """The glue with each import's key renamed; every key must appear exactly once."""
    for old, new in renames.items():
        key = f"{old}:"
        if glue.count(key) != 1 or glue.count(old) != 1:
            raise ValueError(f"{old} is in the glue {glue.count(old)} times, not once as a key")
        glue = glue.replace(key, f"{new}:")
    return glue


def sri(data):
    """The integrity value Trunk writes for data (sha384, base64)."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    modules = sorted(folder.glob("*_bg.wasm"))
    if len(modules) != 1:
        raise ValueError(f"{len(modules)} modules in {folder}, not one")
    module_path = modules[0]
    glue_path = module_path.with_name(module_path.name.replace("_bg.wasm", ".js"))
    page_path = folder / "index.html"
    module, glue, page = module_path.read_bytes(), glue_path.read_bytes(), page_path.read_text("utf-8")
    new_module, renames = trim_module(module)
    new_glue = trim_glue(glue.decode("utf-8"), renames).encode("utf-8")
    for old, new in ((module, new_module), (glue, new_glue)):
        page = page.replace(sri(old), sri(new))
    module_path.write_bytes(new_module)
    glue_path.write_bytes(new_glue)
    page_path.write_text(page, "utf-8")
    saved = len(module) + len(glue) - len(new_module) - len(new_glue)
    print(f"trim_wasm: {len(renames)} import names shortened, custom sections dropped: {saved:,} bytes less")


if __name__ == "__main__":
    try:
        main()
    except (ValueError, OSError, UnicodeDecodeError, IndexError) as e:
        print(f"trim_wasm: left the module as it was: {e}", file=sys.stderr)
