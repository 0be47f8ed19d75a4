#!/usr/bin/env python3
"""Peer of `cargo bench --bench import`: pandas.read_excel of the same workbook, every sheet.

    pip install pandas openpyxl
    cargo bench --bench import          # writes the workbook first
    python3 benches/peer/import_pandas.py [FILE] [RUNS]

FILE defaults to the benchmark's ($TMPDIR/yardstick-import-bench/workbook_3000x30x40.xlsx,
or $YARDSTICK_IMPORT_BENCH_FILE). Prints the median of RUNS (default 3) wall-clock times of
`pandas.read_excel(FILE, sheet_name=None)` (openpyxl engine), in the process after import.
The yardstick side does more: it also reads every cell's text, builds ids and the checked
dataset; pandas only returns 40 DataFrames."""

import os
import statistics
import sys
import tempfile
import time

import pandas


def main():
    default = os.environ.get("YARDSTICK_IMPORT_BENCH_FILE") or os.path.join(
        tempfile.gettempdir(), "yardstick-import-bench", "workbook_3000x30x40.xlsx"
    )
    path = sys.argv[1] if len(sys.argv) > 1 else default
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        frames = pandas.read_excel(path, sheet_name=None)
        times.append(time.perf_counter() - started)
    cells = sum(f.size for f in frames.values())
    print(
        f"pandas {pandas.__version__} read_excel({os.path.basename(path)}, sheet_name=None): "
        f"{len(frames)} sheets, {cells} cells; median of {runs}: {statistics.median(times):.2f} s "
        f"(runs: {', '.join(f'{t:.2f}' for t in times)})"
    )


if __name__ == "__main__":
    main()
