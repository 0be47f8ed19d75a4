#!/usr/bin/env bash
# End-to-end test of the real `yardstick` window, as a new user meets it: a virtual X display
# with no window manager and no file-dialog portal, a fresh HOME, the app driven with xdotool.
# Checks by files, by the window title (`xdotool getwindowname`) and by screenshots, each
# step leaving one under target/ci/e2e-NN-step.png (look at them).
#
#   scripts/e2e-window.sh [BINARY]     default: target/release/yardstick, else target/debug/…
#
# Needs xvfb, xdotool and imagemagick (scripts/install-deps.sh installs them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

BIN=${1:-}
if [ -z "$BIN" ]; then
    if [ -x target/release/yardstick ]; then BIN=target/release/yardstick; else BIN=target/debug/yardstick; fi
fi
[ -x "$BIN" ] || { echo "e2e: no binary at $BIN (cargo build first)" >&2; exit 1; }
BIN=$(realpath "$BIN")
for tool in Xvfb xdotool import; do
    command -v "$tool" > /dev/null || { echo "e2e: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done

OUT=$ROOT/target/ci
mkdir -p "$OUT"
rm -f "$OUT"/e2e-*.png
WORK=$(mktemp -d)
export HOME=$WORK/home
mkdir -p "$HOME/Documents"
# No portal: no session bus, an empty runtime folder.
unset DBUS_SESSION_BUS_ADDRESS XDG_DATA_HOME XDG_CONFIG_HOME YARDSTICK_LANG WAYLAND_DISPLAY
export XDG_RUNTIME_DIR=$WORK/run
mkdir -m 700 -p "$XDG_RUNTIME_DIR"
export LANG=C.UTF-8
RECOVERY=$HOME/.local/share/yardstick/recovery
LOG=$WORK/app.log

APP_PID=""
XVFB_PID=""
cleanup() {
    if [ -n "$APP_PID" ]; then
        kill -9 "$APP_PID" 2> /dev/null || true
        wait "$APP_PID" 2> /dev/null || true
    fi
    if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2> /dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    echo "e2e: FAILED: $*" >&2
    shot "failure" || true
    if [ -f "$LOG" ]; then echo "--- app output ---" >&2; tail -n 40 "$LOG" >&2; fi
    if ! kill -0 "$XVFB_PID" 2> /dev/null; then echo "--- Xvfb on $DISPLAY is gone ---" >&2; fi
    if [ -f "$WORK/xvfb.log" ]; then echo "--- Xvfb output ---" >&2; tail -n 20 "$WORK/xvfb.log" >&2; fi
    exit 1
}

# A free display number, then Xvfb on it.
for n in $(seq 91 140); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then DISPLAY_NO=$n; break; fi
done
[ -n "${DISPLAY_NO:-}" ] || { echo "e2e: no free X display number" >&2; exit 1; }
export DISPLAY=:$DISPLAY_NO
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp -noreset > "$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 100); do xdotool getmouselocation > /dev/null 2>&1 && break; sleep 0.2; done
xdotool getmouselocation > /dev/null 2>&1 || { echo "e2e: Xvfb did not start on $DISPLAY:" >&2; cat "$WORK/xvfb.log" >&2; exit 1; }

STEP=0
shot() {
    STEP=$((STEP + 1))
    local file
    file=$(printf '%s/e2e-%02d-%s.png' "$OUT" "$STEP" "$1")
    import -window root "$file"
    echo "e2e: screenshot $file"
}

# Starts the app (arguments passed on) and waits for its window.
WID=""
start_app() {
    "$BIN" "$@" >> "$LOG" 2>&1 &
    APP_PID=$!
    WID=""
    for _ in $(seq 1 100); do
        WID=$(xdotool search --onlyvisible --name 'Yardstick' 2> /dev/null | head -n 1 || true)
        [ -n "$WID" ] && break
        kill -0 "$APP_PID" 2> /dev/null || fail "the app exited at start"
        sleep 0.2
    done
    [ -n "$WID" ] || fail "no Yardstick window after 20 s"
    # No window manager: give the window the keyboard ourselves, then let it settle.
    local focused=""
    for _ in $(seq 1 25); do
        if xdotool windowfocus "$WID" 2> /dev/null; then focused=1; break; fi
        sleep 0.2
    done
    [ -n "$focused" ] || fail "cannot give the window the keyboard"
    sleep 1.5
}

title() { xdotool getwindowname "$WID"; }

# Waits up to $2 seconds for the title to match the regex $1.
wait_title() {
    local deadline=$((SECONDS + $2))
    while [ $SECONDS -lt $deadline ]; do
        title | grep -Eq -- "$1" && return 0
        sleep 0.2
    done
    fail "the title \"$(title)\" does not match /$1/ after $2 s"
}

key() { xdotool key --clearmodifiers "$@"; sleep 0.4; }
typed() { xdotool type --delay 60 "$1"; sleep 0.4; }
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.5; }

# Quits through File ▸ Quit and waits for the process to end.
quit_app() {
    click 22 12    # 文件
    click 60 "$QUIT_Y"
    for _ in $(seq 1 50); do
        kill -0 "$APP_PID" 2> /dev/null || { APP_PID=""; return 0; }
        sleep 0.2
    done
    fail "the app did not quit"
}

started=$SECONDS
echo "e2e: $BIN on $DISPLAY, HOME=$HOME"
QUIT_Y=227

# 1. A cell edited with the keyboard alone: Ctrl+2 opens the table with a cell selected and
#    the keyboard in it; typing a number starts editing, Enter commits.
start_app
shot start
key ctrl+2
typed 15
key Return
wait_title '^\* ' 5
shot keyboard-edit
echo "e2e: keyboard edit ok: $(title)"

# 2. The recovery copy is written within 10 s.
deadline=$((SECONDS + 10))
until ls "$RECOVERY"/recovery-*.ron > /dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || fail "no recovery copy in $RECOVERY after 10 s"
    sleep 0.5
done
grep -q 'value: Some(15.0)' "$RECOVERY"/recovery-0.ron || fail "the recovery copy lacks the edit: $(cat "$RECOVERY"/recovery-0.ron)"
echo "e2e: recovery copy ok"

# 3. kill -9, restart: the copy is offered and restored.
kill -9 "$APP_PID"
wait "$APP_PID" 2> /dev/null || true
APP_PID=""
start_app
shot recovery-offered
click 497 426   # 恢复, in the window at the centre
wait_title '^\* ' 5
shot recovery-restored
echo "e2e: recovery restored: $(title)"
ls "$RECOVERY"/recovery-*.ron > /dev/null 2>&1 || fail "the restored, still unsaved work has no recovery copy"

# 4. Save through the typed-path window (no portal: Ctrl+S opens it, pre-filled with
#    ~/Documents/情景 1.ron), quit, reopen: the same values and view.
key ctrl+s
sleep 0.5
shot save-path-window
key Return
SAVED="$HOME/Documents/情景 1.ron"
wait_title '^情景 1 \(情景 1\.ron\)' 5
[ -f "$SAVED" ] || fail "nothing saved at $SAVED"
grep -q 'value: Some(15.0)' "$SAVED" || fail "the saved file lacks the edit"
grep -Eq 'years: (Some\()?\([0-9]{4}, [0-9]{4}\)' "$SAVED" || fail "the saved view has no years: $(cat "$SAVED")"
ls "$RECOVERY"/recovery-*.ron > /dev/null 2>&1 && fail "the recovery copy is still there after saving"
key ctrl+1
sleep 0.5
xdotool mousemove 1275 795   # off the chart: no hover lines
sleep 0.5
shot saved
import -window root -crop 740x740+240+60 "$WORK/before.png"
quit_app
echo "e2e: saved and quit"
start_app "$SAVED"
wait_title '^情景 1 \(情景 1\.ron\) — Yardstick' 5
xdotool mousemove 1275 795
sleep 0.5
shot reopened
import -window root -crop 740x740+240+60 "$WORK/after.png"
diff_pixels=$(compare -metric AE "$WORK/before.png" "$WORK/after.png" /dev/null 2>&1 || true)
[ "${diff_pixels%% *}" = "0" ] || fail "the reopened chart differs from the saved one ($diff_pixels pixels)"
echo "e2e: reopened with the same chart: $(title)"

# 5. Export PNG, SVG and CSV through the menus (File ▸ Export chart… / Export data…); the
#    files go to the scenario's folder (~/Documents).
click 22 12
click 50 118     # 导出图表…
shot export-window
click 287 203    # 导出 (SVG, the default)
click 368 134    # PNG
click 287 203
shot exported-chart
click 337 203    # 关闭
click 22 12
click 50 141     # 导出数据… (CSV: the window has no size row)
click 287 180    # 导出
shot exported-data
click 337 180    # 关闭
DOCS=$HOME/Documents
svg=$(ls "$DOCS"/*.svg 2> /dev/null | head -n 1 || true)
png=$(ls "$DOCS"/*.png 2> /dev/null | head -n 1 || true)
csv=$(ls "$DOCS"/*.csv 2> /dev/null | head -n 1 || true)
[ -n "$svg" ] && grep -q '<svg' "$svg" || fail "no SVG written to $DOCS: $(ls "$DOCS")"
[ -n "$png" ] && [ "$(identify -format '%wx%h' "$png")" = "1600x900" ] || fail "no 1600×900 PNG in $DOCS"
[ -n "$csv" ] && head -c 3 "$csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "no CSV with a BOM in $DOCS"
[ "$(wc -l < "$csv")" -ge 2 ] && head -n 1 "$csv" | grep -q 'region' || fail "the CSV has no header and rows: $(head -c 300 "$csv")"
echo "e2e: exported $(basename "$svg") $(basename "$png") $(basename "$csv")"

# 5b. A table imported from the keyboard (Ctrl+Shift+I: the typed-path window, pre-filled
#     with ~/Documents/), previewed, merged into the dataset, and the merge undone (Ctrl+Z).
cp "$ROOT/tests/fixtures/import/merge_new_regions.csv" "$DOCS/table.csv"
key ctrl+shift+i
key End
typed table.csv
key Return
sleep 0.5
shot import-window
click 179 377    # 并入当前数据集
wait_title '\* chongqing\.ron$' 5
shot import-merged
key ctrl+z
wait_title ' — chongqing\.ron$' 5
echo "e2e: table merged and undone: $(title)"

# 6. A broken file opened by its path: FILE:LINE:COL is shown (and logged), the data stays.
printf 'Dataset(\n    format: 1,\n    title: ,\n)\n' > "$DOCS/broken.ron"
before=$(title)
click 22 12
click 60 63      # 按路径打开… (pre-filled with the scenario's folder)
key End
typed broken.ron
key Return
sleep 0.5
shot broken-file
grep -Eq 'broken\.ron:[0-9]+:[0-9]+' "$LOG" || fail "no FILE:LINE:COL message for broken.ron"
[ "$(title)" = "$before" ] || fail "the open data changed: $(title)"
echo "e2e: broken file reported: $(grep -Eo 'broken\.ron:[0-9]+:[0-9]+[^ ]*' "$LOG" | head -n 1)"

# 7. YARDSTICK_LANG wins over the language remembered by the runs above.
kill -9 "$APP_PID"
wait "$APP_PID" 2> /dev/null || true
APP_PID=""
rm -f "$RECOVERY"/recovery-*.ron
YARDSTICK_LANG=en start_app
wait_title 'Development indicators' 5
shot english
echo "e2e: YARDSTICK_LANG=en: $(title)"

echo "e2e: all steps passed in $((SECONDS - started)) s; screenshots in $OUT"
