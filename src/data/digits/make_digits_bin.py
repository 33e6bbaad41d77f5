"""Regenerates digits.bin from the copy of the UCI digits that scikit-learn ships.

Usage (from the repository root):

    python3 -m venv /tmp/skl && /tmp/skl/bin/pip install scikit-learn
    /tmp/skl/bin/python src/data/digits/make_digits_bin.py

The byte format is described in README.md next to this script. The crate
reads the result with include_bytes! and never needs Python.
"""

import gzip
import os
import sys
from importlib import resources

SAMPLES = 1797
PIXELS = 64
RECORD_BYTES = 1 + PIXELS // 2 + PIXELS // 8


def read_csv_rows():
    """Yields (label, pixels) for each line of sklearn/datasets/data/digits.csv.gz."""
    path = resources.files("sklearn.datasets") / "data" / "digits.csv.gz"
    with gzip.open(path, "rt") as text:
        for line_number, line in enumerate(text, start=1):
            fields = [int(field) for field in line.strip().split(",")]
            if len(fields) != PIXELS + 1:
                sys.exit(f"line {line_number}: {len(fields)} fields, expected {PIXELS + 1}")
            pixels, label = fields[:PIXELS], fields[PIXELS]
            if not 0 <= label <= 9 or not all(0 <= value <= 16 for value in pixels):
                sys.exit(f"line {line_number}: label or pixel out of range")
            yield label, pixels


def encode(label, pixels):
    """One record: label, 32 bytes of nibbles min(v, 15), 8 bytes marking v == 16."""
    nibbles = bytes(
        (min(pixels[i], 15) << 4) | min(pixels[i + 1], 15) for i in range(0, PIXELS, 2)
    )
    sixteens = bytes(
        sum(1 << (7 - column) for column in range(8) if pixels[8 * row + column] == 16)
        for row in range(8)
    )
    return bytes([label]) + nibbles + sixteens


def main():
    records = [encode(label, pixels) for label, pixels in read_csv_rows()]
    if len(records) != SAMPLES:
        sys.exit(f"{len(records)} samples, expected {SAMPLES}")

    output = os.path.join(os.path.dirname(os.path.abspath(__file__)), "digits.bin")
    with open(output, "wb") as file:
        file.write(b"".join(records))
    print(f"wrote {SAMPLES} records of {RECORD_BYTES} bytes to {output}")


if __name__ == "__main__":
    main()
