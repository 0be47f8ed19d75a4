#!/usr/bin/env bash
# The real window on a national file (issue 13), as a user meets it: a virtual X display with
# no window manager and no file-dialog portal, a fresh HOME, `yardstick FILE` started, a
# screenshot every half second while the title says 正在打开 / Opening (the progress window),
# then one of every tab (Ctrl+1 … Ctrl+5: chart, table, compare, targets, rankings) once it
# has loaded. NATIONAL_LANG=C.UTF-8 for the English window (default zh_CN.UTF-8).
# Not run by CI; look at the PNGs.
#
#   scripts/national-window.sh FILE [OUT_DIR] [BINARY]
#     FILE     e.g. the 3.6 M-value synthetic file: YARDSTICK_LOAD_WRITE=DIR cargo bench --bench load
#     OUT_DIR  default target/national (screenshots national-NN-step.png)
#     BINARY   default target/release/yardstick
#
# Needs xvfb, xdotool and imagemagick (scripts/install-deps.sh installs them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
FILE=$(realpath "${1:?usage: scripts/national-window.sh FILE [OUT_DIR] [BINARY]}")
OUT=$(realpath -m "${2:-target/national}")
BIN=$(realpath "${3:-target/release/yardstick}")
[ -x "$BIN" ] || { echo "national: no binary at $BIN (cargo build --release first)" >&2; exit 1; }
for tool in Xvfb xdotool import; do
    command -v "$tool" > /dev/null || { echo "national: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done
mkdir -p "$OUT"
rm -f "$OUT"/national-*.png

WORK=$(mktemp -d)
export HOME=$WORK/home
mkdir -p "$HOME"
unset DBUS_SESSION_BUS_ADDRESS XDG_DATA_HOME XDG_CONFIG_HOME YARDSTICK_LANG WAYLAND_DISPLAY
unset LC_ALL LC_MESSAGES
export XDG_RUNTIME_DIR=$WORK/run
mkdir -m 700 -p "$XDG_RUNTIME_DIR"
# The language follows LANG on a first start: Chinese unless NATIONAL_LANG says otherwise
# (e.g. C.UTF-8 for English). The loading title is 正在打开 … or Opening … accordingly.
export LANG=${NATIONAL_LANG:-zh_CN.UTF-8}
LOADING="正在打开|Opening"
LOG=$WORK/app.log

APP_PID=""
XVFB_PID=""
cleanup() {
    if [ -n "$APP_PID" ]; then kill "$APP_PID" 2> /dev/null || true; wait "$APP_PID" 2> /dev/null || true; fi
    if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2> /dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

for n in $(seq 141 190); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then DISPLAY_NO=$n; break; fi
done
[ -n "${DISPLAY_NO:-}" ] || { echo "national: no free X display number" >&2; exit 1; }
export DISPLAY=:$DISPLAY_NO
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp -noreset > "$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 100); do xdotool getmouselocation > /dev/null 2>&1 && break; sleep 0.2; done

STEP=0
shot() {
    STEP=$((STEP + 1))
    local file
    file=$(printf '%s/national-%02d-%s.png' "$OUT" "$STEP" "$1")
    import -window root "$file"
    echo "national: $file ($(title))"
}
title() { xdotool getwindowname "$WID" 2> /dev/null || echo "?"; }

started=$SECONDS
"$BIN" "$FILE" >> "$LOG" 2>&1 &
APP_PID=$!
WID=""
for _ in $(seq 1 100); do
    WID=$(xdotool search --onlyvisible --name "Yardstick|$LOADING" 2> /dev/null | head -n 1 || true)
    [ -n "$WID" ] && break
    kill -0 "$APP_PID" 2> /dev/null || { cat "$LOG" >&2; echo "national: the app exited" >&2; exit 1; }
    sleep 0.1
done
[ -n "$WID" ] || { echo "national: no window after 10 s" >&2; exit 1; }
echo "national: window after $((SECONDS - started)) s: $(title)"
for _ in $(seq 1 25); do xdotool windowfocus "$WID" 2> /dev/null && break; sleep 0.2; done

# The progress window, every half second while the title says so (at most 60 s).
loading_shots=0
deadline=$((SECONDS + 60))
while title | grep -Eq "$LOADING" && [ $SECONDS -lt $deadline ]; do
    shot loading
    loading_shots=$((loading_shots + 1))
    sleep 0.5
done
echo "national: loaded after about $((SECONDS - started)) s ($loading_shots loading screenshots): $(title)"
sleep 1
xdotool mousemove 1275 795
views=(chart table compare targets rankings)
for i in 1 2 3 4 5; do
    xdotool key --clearmodifiers "ctrl+$i"
    sleep 1.5
    shot "${views[$((i - 1))]}"
done
echo "--- app output ---"
tail -n 20 "$LOG" || true
