#!/usr/bin/python3
"""Builds the web client's CJK font: Noto Sans CJK SC cut down to the characters the UI
can show (ASCII, CJK punctuation, the 3,755 GB2312 level-1 hanzi, and every character
written in the client's and shared code's sources), so the download stays small.
Run by scripts/setup.sh; the output is regenerated, never committed."""
import argparse
import os
import sys

from fontTools import subset


def gb2312_level1():
    # Level-1 hanzi live in GB2312 rows 16-55 (lead bytes 0xB0-0xD7), 94 cells a row.
    chars = []
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # 0xD7FA-0xD7FE are unassigned
    return chars


def source_chars(dirs):
    found = set()
    for top in dirs:
        for root, _, files in os.walk(top):
            for name in files:
                if name.endswith((".cpp", ".hpp", ".h", ".js", ".html")):
                    with open(os.path.join(root, name), encoding="utf-8", errors="ignore") as f:
                        found.update(ch for ch in f.read() if ord(ch) > 0x7E)
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--source", required=True, help="NotoSansCJK-Regular.ttc")
    ap.add_argument("--face", type=int, default=2, help="face index of Noto Sans CJK SC in the .ttc")
    ap.add_argument("--strings", nargs="*", default=[], help="source folders whose characters to keep")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK punctuation
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    chars.update("¥·—–…“”‘’•×÷°±")
    chars.update(gb2312_level1())
    chars.update(source_chars(args.strings))

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    tmp = args.out + ".tmp"
    subset.main([
        args.source, f"--font-number={args.face}", f"--output-file={tmp}",
        "--unicodes=" + ",".join(f"U+{ord(c):04X}" for c in sorted(chars)),
        "--layout-features=", "--no-hinting", "--desubroutinize", "--name-IDs=*",
    ])
    os.replace(tmp, args.out)  # never leave a half-written font behind
    print(f"font subset: {len(chars)} characters -> {args.out} ({os.path.getsize(args.out)} bytes)")


if __name__ == "__main__":
    sys.exit(main())
