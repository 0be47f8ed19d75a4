#!/usr/bin/env python3
"""Peer of `cargo bench --bench load` (issue 13): pandas.read_csv of the same values as a
long CSV (region, indicator, year, value: one row a value), against Yardstick's load of the
dataset file.

    pip install pandas
    YARDSTICK_LOAD_WRITE=DIR cargo bench --bench load     # writes DIR/synthetic_series.ron
    python3 benches/peer/load_pandas.py DIR/synthetic_series.ron [RUNS] [YARDSTICK_BIN]
    python3 benches/peer/load_pandas.py DIR/synthetic.ron [RUNS] [YARDSTICK_BIN]

Writes DIR/synthetic_long.csv from the `series` entries (or the one-per-entry
`observations`) of the file once (if it is not there yet: both files hold the same values), then prints the median of RUNS (default 3) wall-clock times of `pandas.read_csv` of it
in this process, and, if YARDSTICK_BIN is given, the median of `YARDSTICK_BIN validate FILE`
(whole process) over the same runs, with the ratio. pandas only splits the text into four
typed columns; Yardstick also checks every id, year, range and duplicate and builds its index.
"""

import os
import re
import statistics
import subprocess
import sys
import time

import pandas

SERIES = re.compile(
    r'\(region: "([^"]*)", indicator: "([^"]*)", kind: \w+, source: "[^"]*", '
    r"from: (-?\d+), values: \[([^\]]*)\]\)"
)
OBSERVATION = re.compile(
    r'\(region: "([^"]*)", indicator: "([^"]*)", year: (-?\d+), value: ([^,]+), '
)


def write_long_csv(ron_path, csv_path):
    rows = 0
    with open(ron_path, encoding="utf-8") as src, open(
        csv_path + ".part", "w", encoding="utf-8"
    ) as out:
        out.write("region,indicator,year,value\n")
        for line in src:
            m = SERIES.search(line)
            if not m:
                o = OBSERVATION.search(line)
                if o:
                    out.write(",".join(o.groups()) + "\n")
                    rows += 1
                continue
            region, indicator, first, values = m.groups()
            year = int(first)
            for v in values.split(", "):
                if v.startswith("Some("):
                    out.write(f"{region},{indicator},{year},{v[5:-1]}\n")
                    rows += 1
                year += 1
    os.replace(csv_path + ".part", csv_path)
    return rows


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def main():
    ron_path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    binary = sys.argv[3] if len(sys.argv) > 3 else None
    csv_path = os.path.join(os.path.dirname(os.path.abspath(ron_path)), "synthetic_long.csv")
    if not os.path.exists(csv_path):
        rows = write_long_csv(ron_path, csv_path)
        print(f"wrote {csv_path}: {rows} rows")
    frame = None

    def read():
        nonlocal frame
        frame = pandas.read_csv(csv_path)

    peer, peer_runs = median_time(read, runs)
    print(
        f"pandas {pandas.__version__} read_csv({os.path.basename(csv_path)}, "
        f"{os.path.getsize(csv_path) / 1e6:.0f} MB): {len(frame)} rows; median of {runs}: "
        f"{peer:.2f} s (runs: {', '.join(f'{t:.2f}' for t in peer_runs)})"
    )
    if binary:
        cmd = [binary, "validate", ron_path]
        ours, our_runs = median_time(
            lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL), runs
        )
        print(
            f"yardstick validate {os.path.basename(ron_path)} "
            f"({os.path.getsize(ron_path) / 1e6:.0f} MB): median of {runs}: {ours:.2f} s "
            f"(runs: {', '.join(f'{t:.2f}' for t in our_runs)}); "
            f"pandas / yardstick = {peer / ours:.2f}"
        )


if __name__ == "__main__":
    main()
