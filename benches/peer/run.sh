#!/usr/bin/env bash
# Times the same chart made two ways, whole process each time (start, load, draw, write):
#   Yardstick:  yardstick export --chart line --indicator gdp --out OUT
#   the peer:   python peer_chart.py DATA.csv OUT   (pandas + matplotlib, from Yardstick's CSV)
# for SVG and PNG (1600×900), and prints the medians and the ratio.
# Installs pandas and matplotlib into a venv under target/peer-venv on first use (needs the
# Python package index). Usage: [YARDSTICK_BIN=PATH] bash benches/peer/run.sh [RUNS]  (default 15)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-15}"
venv=target/peer-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet pandas matplotlib
fi
# YARDSTICK_BIN=path uses an already built release binary.
bin="${YARDSTICK_BIN:-}"
if [ -z "$bin" ]; then
    cargo build --release --quiet
    bin=target/release/yardstick
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" export --chart line --indicator gdp --out "$out/data.csv" >/dev/null
font=assets/fonts/NotoSansSC-Subset.otf
# Warm the matplotlib font cache once so it is not counted.
"$venv/bin/python" benches/peer/peer_chart.py "$out/data.csv" "$out/warm.png" "$font"

"$venv/bin/python" - "$runs" "$bin" "$out" "$font" <<'PY'
import statistics, subprocess, sys, time
runs, binary, out, font = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
python = sys.executable

def median_secs(cmd):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

print(f"{'format':<8}{'yardstick':>12}{'peer':>12}{'ratio':>10}   ({runs} runs, median)")
for ext in ("svg", "png"):
    ours = median_secs([binary, "export", "--chart", "line", "--indicator", "gdp",
                        "--out", f"{out}/y.{ext}"])
    peer = median_secs([python, "benches/peer/peer_chart.py", f"{out}/data.csv",
                        f"{out}/p.{ext}", font])
    print(f"{ext:<8}{ours * 1000:>10.1f}ms{peer * 1000:>10.1f}ms{peer / ours:>9.1f}×")
PY
