#!/usr/bin/env bash
# Regenerates assets/fonts/NotoSansSC-Subset.otf: Noto Sans CJK SC Regular (SIL OFL 1.1)
# subset to ASCII + Latin-1 + general and CJK punctuation + full-width forms + all of GB2312
# + every character used by the bundled data and the UI strings (so 綦 and friends are kept).
#
# Needs Debian's fonts-noto-cjk and fonttools (pyftsubset):
#   apt-get install fonts-noto-cjk && pip install fonttools
# Run from anywhere: the script works relative to the repository root.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
src=${NOTO_CJK_TTC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
out="$root/assets/fonts/NotoSansSC-Subset.otf"
# Index 2 in Debian's collection is "Noto Sans CJK SC".
font_number=2

[ -f "$src" ] || { echo "missing $src: apt-get install fonts-noto-cjk" >&2; exit 1; }
command -v pyftsubset >/dev/null || { echo "missing pyftsubset: pip install fonttools" >&2; exit 1; }

unicodes=$(mktemp)
trap 'rm -f "$unicodes"' EXIT
python3 - "$root" > "$unicodes" <<'PY'
import pathlib, sys
root = pathlib.Path(sys.argv[1])
cps = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
cps |= set(range(0x2000, 0x2070))   # general punctuation
cps |= set(range(0x2190, 0x2200))   # arrows
cps |= set(range(0x2200, 0x2300))   # math operators (≤ ≥ −)
cps |= set(range(0x25A0, 0x2600))   # geometric shapes (▲ ▼ ●)
cps |= set(range(0x3000, 0x3040))   # CJK symbols and punctuation
cps |= set(range(0xFF00, 0xFFF0))   # full-width forms
for hi in range(0xA1, 0xF8):        # every GB2312 code point
    for lo in range(0xA1, 0xFF):
        try:
            cps.add(ord(bytes([hi, lo]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
for pattern in ("data/**/*.ron", "src/**/*.rs"):
    for path in root.glob(pattern):
        cps |= {ord(c) for c in path.read_text(encoding="utf-8") if ord(c) >= 0x80}
print(",".join(f"U+{c:04X}" for c in sorted(cps)))
PY

pyftsubset "$src" --font-number=$font_number --unicodes-file="$unicodes" \
  --layout-features='*' --name-IDs='*' --name-languages='*' --notdef-outline \
  --no-hinting --desubroutinize --output-file="$out"
ls -l "$out"
