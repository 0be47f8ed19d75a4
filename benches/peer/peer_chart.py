"""The peer: the same line chart Yardstick exports, made by pandas + matplotlib from the CSV
that `yardstick export ... --out data.csv` writes. Used by run.sh to time both tools.

Usage: python peer_chart.py DATA.csv OUT.(svg|png)
"""

import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402


def main(csv_path: str, out: str) -> None:
    # utf-8-sig drops the BOM Yardstick writes for Excel.
    data = pd.read_csv(csv_path, encoding="utf-8-sig")
    font = font_manager.FontProperties(fname=sys.argv[3]) if len(sys.argv) > 3 else None
    fig, ax = plt.subplots(figsize=(16, 9), dpi=100)
    for (region, kind), rows in data.groupby(["region", "kind"], sort=False):
        rows = rows.sort_values("year")
        # A missing year is a gap: reindex on every year and let NaN break the line.
        years = range(int(rows["year"].min()), int(rows["year"].max()) + 1)
        series = rows.set_index("year")["value"].reindex(years)
        style = "--" if kind != "actual" else "-"
        ax.plot(series.index, series.values, style, marker="o", label=f"{region} {kind}")
    unit = data["unit"].iloc[0] if len(data) else ""
    indicator = data["indicator"].iloc[0] if len(data) else ""
    ax.set_title(f"{indicator}", fontproperties=font, fontsize=24, loc="left")
    ax.set_ylabel(unit, fontproperties=font)
    ax.set_xlabel("年份", fontproperties=font)
    ax.grid(True, color="#e4e4e4")
    ax.legend(prop=font, ncol=4, fontsize=9)
    sources = "；".join(sorted(set(data["source"].dropna())))
    fig.text(0.01, 0.01, f"资料来源：{sources}"[:300], fontproperties=font, fontsize=8)
    fig.savefig(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
