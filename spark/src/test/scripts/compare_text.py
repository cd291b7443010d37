#!/usr/bin/env python3
"""Compare per-page text of `lector ocr --format jsonl` with a `lector-spark --format jsonl` output.

Usage: compare_text.py OCR.jsonl SPARK_OUTPUT_DIR
Pages are matched by file name and page number; prints one line per difference and a summary, and
exits 1 when any page differs, is missing on one side, or has an error in the Spark output.
"""
import glob
import json
import os
import sys


def lector_ocr(path):
    pages = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                pages[(os.path.basename(o["image"]), o.get("page", 1))] = o["text"]
    return pages


def lector_spark(folder):
    pages, errors = {}, []
    for part in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(part, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    o = json.loads(line)
                    name = os.path.basename(o["path"])
                    if o.get("error"):
                        errors.append((name, o["error"]))
                    else:
                        pages[(name, o["page"])] = o["text"]
    return pages, errors


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    want = lector_ocr(sys.argv[1])
    got, errors = lector_spark(sys.argv[2])
    bad = 0
    for name, error in errors:
        print(f"error  {name}: {error}")
        bad += 1
    for key in sorted(set(want) | set(got)):
        if key not in got:
            print(f"only in lector ocr   {key[0]} page {key[1]}")
            bad += 1
        elif key not in want:
            print(f"only in lector-spark {key[0]} page {key[1]}")
            bad += 1
        elif want[key] != got[key]:
            print(f"differs {key[0]} page {key[1]}")
            bad += 1
    same = sum(1 for k in want if k in got and want[k] == got[k])
    files = len({k[0] for k in set(want) | set(got)})
    print(f"{same} of {len(want)} pages identical ({files} files), {bad} differences or errors")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
