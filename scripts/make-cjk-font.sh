#!/usr/bin/env bash
# Regenerates assets/fonts/NotoSansSC-Subset.otf: Noto Sans CJK SC Regular (SIL OFL 1.1)
# subset so that a machine without any CJK font still draws every character Chinese data
# uses: ASCII, Latin-1, general punctuation, super/subscripts, letterlike symbols, number
# forms (Ⅲ), enclosed numbers (①), arrows, maths, geometric shapes, CJK radicals and strokes,
# CJK symbols and punctuation, kana, bopomofo, enclosed CJK and CJK compatibility (㎡),
# CJK Unified Ideographs Extension A (U+3400–U+4DBF) and the whole basic block
# (U+4E00–U+9FFF: GB2312, GBK, GB18030's two-byte set, the traditional forms and the rare
# place-name characters such as 綦 濉 氹), CJK compatibility ideographs, vertical and small
# forms, full-width forms, every character of GB18030's two-byte set (pinyin ā ǎ ü, Greek,
# ☆ €, …) — plus every character used by the bundled data, the sources and tests/glyphs.rs
# (so a character of an extension block that the data uses is kept too).
# About 30,000 characters in 7 MB (the full Noto Sans CJK SC is 16 MB).
#
# CFF subroutines are kept (no --desubroutinize) and hints dropped, which keeps the file
# small; both egui (skrifa) and the PNG export (ab_glyph) read subroutinized CFF.
#
# Needs Debian's fonts-noto-cjk and fonttools (pyftsubset, or Debian's python3-fonttools):
#   apt-get install fonts-noto-cjk python3-fonttools   (or: pip install fonttools)
# Run from anywhere: the script works relative to the repository root.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
src=${NOTO_CJK_TTC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
out="$root/assets/fonts/NotoSansSC-Subset.otf"
# Index 2 in Debian's collection is "Noto Sans CJK SC".
font_number=2

[ -f "$src" ] || { echo "missing $src: apt-get install fonts-noto-cjk" >&2; exit 1; }
if command -v pyftsubset >/dev/null; then
  subset=(pyftsubset)
else
  subset=()
  for py in python3 /usr/bin/python3; do
    if "$py" -c 'import fontTools.subset' 2>/dev/null; then subset=("$py" -m fontTools.subset); break; fi
  done
  [ ${#subset[@]} -gt 0 ] || { echo "missing fonttools: apt-get install python3-fonttools or pip install fonttools" >&2; exit 1; }
fi

# OpenType features kept: composition, ligatures, kerning, marks, proportional and half-width
# CJK punctuation, vertical forms. Not kept: the alternates (aalt, hist, dlig, *wid) and the
# Japanese, Korean and traditional regional forms (locl), which would add 18,000 glyphs that
# Simplified Chinese text never shows.
features=ccmp,liga,kern,mark,mkmk,palt,halt,vert,vkrn,vpal,vhal

unicodes=$(mktemp)
trap 'rm -f "$unicodes"' EXIT
python3 - "$root" > "$unicodes" <<'PY'
import pathlib, sys
root = pathlib.Path(sys.argv[1])
ranges = [
    (0x0020, 0x007F),  # ASCII
    (0x00A0, 0x0100),  # Latin-1
    (0x2000, 0x20A0),  # general punctuation, super- and subscripts
    (0x2100, 0x2190),  # letterlike symbols (℃ №), number forms (Ⅲ)
    (0x2190, 0x2300),  # arrows, math operators (≤ ≥ −)
    (0x2460, 0x2500),  # enclosed alphanumerics (① ⑴)
    (0x25A0, 0x2600),  # geometric shapes (▲ ▼ ●)
    (0x2E80, 0x2FE0),  # CJK radicals supplement, Kangxi radicals
    (0x3000, 0x3130),  # CJK symbols and punctuation, kana, bopomofo
    (0x31C0, 0x31F0),  # CJK strokes
    (0x3200, 0x3400),  # enclosed CJK letters and months, CJK compatibility (㎡ ㎞)
    (0x3400, 0x4DC0),  # CJK Unified Ideographs Extension A
    (0x4E00, 0xA000),  # CJK Unified Ideographs
    (0xF900, 0xFB00),  # CJK compatibility ideographs
    (0xFE10, 0xFE20),  # vertical forms
    (0xFE30, 0xFE70),  # CJK compatibility forms, small form variants
    (0xFF00, 0xFFF0),  # half-width and full-width forms
]
cps = set()
for lo, hi in ranges:
    cps |= set(range(lo, hi))
# Every character of GB18030's two-byte set (GBK and more: pinyin letters ā ǎ ü, Greek,
# Cyrillic, box drawing, ☆ ★ €, zhuyin, …) except its private-use code points.
for hi in range(0x81, 0xFF):
    for lo in (*range(0x40, 0x7F), *range(0x80, 0xFF)):
        try:
            c = ord(bytes([hi, lo]).decode("gb18030"))
        except UnicodeDecodeError:
            continue
        if not 0xE000 <= c <= 0xF8FF:
            cps.add(c)
for pattern in ("data/**/*.ron", "src/**/*.rs", "tests/glyphs.rs"):
    for path in root.glob(pattern):
        cps |= {ord(c) for c in path.read_text(encoding="utf-8") if ord(c) >= 0x80}
print(",".join(f"U+{c:04X}" for c in sorted(cps)))
PY

"${subset[@]}" "$src" --font-number=$font_number --unicodes-file="$unicodes" \
  --layout-features="$features" --name-IDs='*' --name-languages='*' --notdef-outline \
  --no-hinting --output-file="$out"
ls -l "$out"
